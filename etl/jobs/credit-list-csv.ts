import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import type { JobConfig } from '../job-config';
import { fetchFromSource, requiredToken } from '../fetch-source';
import type { JobContext, JobResult } from '../runner';

type CreditListJob = Extract<JobConfig, { kind: 'credit_list_csv' }>;

/**
 * The public credit platform's list exports, as CSV with the platform's Chinese column
 * headers, mapped onto push records ("dishonest in one place, restricted everywhere",
 * seed 003 item 7). Each export is one batch keyed by its content, so an unchanged export
 * loads once; a row's version is its latest date, so a removal (信用修复) supersedes it.
 */
const COLUMNS = {
  blacklist: ['统一社会信用代码', '主体名称', '名单类型', '认定机关', '认定依据', '列入日期', '有效期至', '移出日期', '移出原因'],
  penalties: ['统一社会信用代码', '主体名称', '处罚决定书文号', '处罚机关', '处罚决定日期', '公示日期', '处罚内容', '罚款金额'],
} as const;

const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? null : v.trim());

function toRecord(list: CreditListJob['list'], row: Record<string, string>): object {
  const subject = { uscc: row['统一社会信用代码'] ?? '', name: row['主体名称'] ?? '' };
  if (list === 'blacklist') {
    const startsOn = row['列入日期'] ?? '';
    const removedOn = blank(row['移出日期']);
    return {
      type: 'blacklist_entry',
      id: `${subject.uscc}:${row['名单类型']}:${startsOn}`,
      version: `${removedOn ?? startsOn}T00:00:00+08:00`,
      subject,
      listType: row['名单类型'],
      authority: row['认定机关'],
      basis: row['认定依据'],
      startsOn,
      endsOn: blank(row['有效期至']),
      removedOn,
      removalReason: blank(row['移出原因']),
    };
  }
  const decidedOn = row['处罚决定日期'] ?? '';
  const publishedOn = blank(row['公示日期']);
  return {
    type: 'penalty',
    id: row['处罚决定书文号'],
    version: `${publishedOn ?? decidedOn}T00:00:00+08:00`,
    subject,
    decisionNumber: row['处罚决定书文号'],
    authority: row['处罚机关'],
    decidedOn,
    publishedOn,
    content: row['处罚内容'],
    amount: blank(row['罚款金额']),
  };
}

export async function runCreditListCsv(job: CreditListJob, ctx: JobContext): Promise<JobResult> {
  const response = await fetchFromSource(job.url, { token: requiredToken(job, ctx.secret), signal: ctx.signal, what: 'credit platform' });
  const text = (await response.text()).replace(/^\uFEFF/, '');
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true, relax_column_count: true }) as Record<string, string>[];
  const missing = COLUMNS[job.list].filter((c) => rows.length > 0 && !(c in rows[0]!));
  if (missing.length > 0) throw new Error(`the export lacks the column(s) ${missing.join(', ')}`);
  const digest = createHash('sha256').update(text).digest('hex');
  // NDJSON line N is CSV data row N (the line after the header is row 1).
  const batch = await ctx.ingest({
    idempotencyKey: `credit-csv:${job.list}:${digest}`,
    body: Readable.from(rows.map((row) => `${JSON.stringify(toRecord(job.list, row))}\n`)),
    gzip: false,
    note: `credit list ${job.list} from ${new URL(job.url).host}`,
  });
  return { batches: 1, records: batch.recordsReceived, stored: batch.recordsStored + batch.recordsReleased, rejected: batch.recordsRejected, held: batch.recordsHeld };
}
