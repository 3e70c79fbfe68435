import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { RecordError } from '../src/db/schema';
import type { BatchRow } from '../src/ingestion/batch.repository';
import { importOcds, rejectionsOf, type MappedRecord, type Problem } from '../src/ocds';
import type { CategoryCode } from '../src/registry/reference-data';

/** A file's problems kept in its report; the rest are counted (the batch's rejections endpoint has them all). */
const REPORTED_PROBLEMS = 10_000;

export interface OcdsFileReport {
  file: string;
  sha256: string;
  loadedAt: string;
  /** loaded: at least one record stored, unchanged or held; failed: empty, or every record refused. */
  outcome: 'loaded' | 'failed';
  reason: string | null;
  batchId: number | null;
  counts: { processes: number; records: number; stored: number; unchanged: number; stale: number; held: number; rejected: number; notMapped: number };
  /** What could not be read or mapped, and the records the hub refused, by ocid, release id and OCDS path. */
  problems: Problem[];
  problemsNotListed: number;
}

export interface OcdsFileContext {
  ingest(opts: { idempotencyKey: string; body: Readable; gzip: boolean; note?: string }): Promise<BatchRow>;
  rejections(batchId: number): AsyncIterable<{ lineNo: number; errors: RecordError[] }>;
}

/**
 * One OCDS file (any shape: release or record package, single release or record, JSON Lines;
 * 1.0 or 1.1) through the push pipeline as one batch, keyed by its name and content so the
 * same file loads once. Records the hub refuses are reported by ocid, release id and OCDS
 * path, translated back from the hub's field names through each record's origin. An empty
 * file, or one whose every record failed, is a failed file. Never throws for the file's
 * content: only for the hub being unable to take a batch at all.
 */
export async function loadOcdsFile(ctx: OcdsFileContext, file: string, options: { region?: string; category?: CategoryCode; label: string }): Promise<OcdsFileReport> {
  const bytes = await readFile(file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const name = path.basename(file);
  const mapped = importOcds(bytes.toString('utf8'), { region: options.region, category: options.category });
  const processes = new Set(mapped.records.map((r) => r.origin.ocid)).size;
  const report: OcdsFileReport = {
    file: name,
    sha256,
    loadedAt: new Date().toISOString(),
    outcome: 'failed',
    reason: null,
    batchId: null,
    counts: { processes, records: mapped.records.length, stored: 0, unchanged: 0, stale: 0, held: 0, rejected: 0, notMapped: mapped.problems.length },
    problems: [],
    problemsNotListed: 0,
  };
  const problems: Problem[] = [...mapped.problems];
  if (mapped.records.length === 0) {
    report.reason = mapped.empty ? 'the file holds no releases or records' : 'nothing in the file could be read as an OCDS release or record';
    return withProblems(report, problems);
  }
  const batch = await ctx.ingest({
    idempotencyKey: `ocds:${name}:${sha256}`,
    body: Readable.from(mapped.records.map((r) => `${JSON.stringify(r.record)}\n`)),
    gzip: false,
    note: `${options.label}: ${name} (OCDS)`,
  });
  report.batchId = batch.id;
  Object.assign(report.counts, {
    stored: batch.recordsStored + batch.recordsReleased,
    unchanged: batch.recordsUnchanged,
    stale: batch.recordsStale,
    held: batch.recordsHeld,
    rejected: batch.recordsRejected,
  });
  for await (const rejection of ctx.rejections(batch.id)) problems.push(...translated(mapped.records, rejection));
  const kept = report.counts.stored + report.counts.unchanged + report.counts.stale + report.counts.held;
  if (batch.status !== 'committed') report.reason = `the batch did not commit (${batch.status}${batch.error ? `: ${batch.error}` : ''})`;
  else if (kept === 0) report.reason = `every one of the ${mapped.records.length} records was refused`;
  else report.outcome = 'loaded';
  return withProblems(report, problems);
}

/** A refused record's errors on the OCDS paths its values came from (line N of the batch is record N). */
function translated(records: MappedRecord[], rejection: { lineNo: number; errors: RecordError[] }): Problem[] {
  const record = records[rejection.lineNo - 1];
  return record ? rejectionsOf(record.origin, rejection.errors) : rejection.errors.map((e) => ({ path: '', reason: `${e.code} (${e.path}): ${e.message}` }));
}

function withProblems(report: OcdsFileReport, problems: Problem[]): OcdsFileReport {
  report.problems = problems.slice(0, REPORTED_PROBLEMS);
  report.problemsNotListed = Math.max(0, problems.length - REPORTED_PROBLEMS);
  return report;
}
