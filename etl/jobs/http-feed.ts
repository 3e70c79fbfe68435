import { Readable } from 'node:stream';
import type { JobConfig } from '../job-config';
import { fetchFromSource, requiredToken } from '../fetch-source';
import type { JobContext, JobResult } from '../runner';

type FeedJob = Extract<JobConfig, { kind: 'http_feed' }>;

interface FeedPage {
  records: unknown[];
  /** Where the next request starts: an opaque watermark the feed returns. */
  nextSince?: string | null;
}

/**
 * Pages through a third-party system's feed: GET url?since=<watermark>&limit=<pageSize>
 * answering {"records": [...push records...], "nextSince": "..."}. Each page is one batch;
 * the watermark advances only after its batch commits, so a crash resumes where the last
 * committed page ended and a page is never loaded twice (same key, same batch).
 */
export async function runHttpFeed(job: FeedJob, ctx: JobContext): Promise<JobResult> {
  const result: JobResult = { batches: 0, records: 0, stored: 0, rejected: 0, held: 0 };
  const token = requiredToken(job, ctx.secret);
  let since = await ctx.watermark();
  for (let pages = 0; pages < 100_000; pages++) {
    const url = new URL(job.url);
    if (since) url.searchParams.set('since', since);
    url.searchParams.set('limit', String(job.pageSize));
    const response = await fetchFromSource(url, { token, signal: ctx.signal, what: 'feed' });
    const page = (await response.json()) as FeedPage;
    if (!Array.isArray(page.records)) throw new Error('feed page has no "records" array');
    if (page.records.length === 0) break;
    const batch = await ctx.ingest({
      idempotencyKey: `feed:${job.name}:${since ?? 'start'}`,
      body: Readable.from(page.records.map((r) => `${JSON.stringify(r)}\n`)),
      gzip: false,
      note: `http feed ${job.name} since ${since ?? 'start'}`,
    });
    if (batch.status !== 'committed') throw new Error(`page since ${since ?? 'start'}: batch ${batch.id} ${batch.status}: ${batch.error ?? ''}`);
    result.batches++;
    result.records += batch.recordsReceived;
    result.stored += batch.recordsStored + batch.recordsReleased;
    result.rejected += batch.recordsRejected;
    result.held += batch.recordsHeld;
    if (!page.nextSince || page.nextSince === since) break;
    since = page.nextSince;
    await ctx.saveWatermark(since);
    if (page.records.length < job.pageSize) break;
  }
  return result;
}
