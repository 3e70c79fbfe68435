import type { Logger } from 'pino';
import { pushBatch, type PushReceipt } from '../ingestion/push-client';
import { generateDemo, type DemoOptions } from './generator';
import { demoBatches } from './push-records';

export interface DemoSummary {
  batches: number;
  records: number;
  stored: number;
  rejected: number;
  held: number;
}

/**
 * Generates a demo region and pushes it through the hub's own push endpoint, as the
 * platforms would: what a newcomer sees has passed the same validation, versioning and
 * ledger as real data.
 */
export async function pushDemo(opts: DemoOptions & { baseUrl: string; adminKey: string; log: Logger }): Promise<DemoSummary> {
  const summary: DemoSummary = { batches: 0, records: 0, stored: 0, rejected: 0, held: 0 };
  const run = `demo-${opts.seed}-${opts.projects}-${Date.now()}`;
  for (const [n, batch] of demoBatches(generateDemo(opts)).entries()) {
    const receipt: PushReceipt = await pushBatch(
      batch.records.map((r) => JSON.stringify(r)),
      { baseUrl: opts.baseUrl, key: opts.adminKey, idempotencyKey: `${run}-${n + 1}-${batch.platformCode}`, platformCode: batch.platformCode, gzip: true },
    );
    if (receipt.status !== 'committed') throw new Error(`demo batch for ${batch.platformCode} ${receipt.status}: ${receipt.error}`);
    summary.batches++;
    summary.records += receipt.counts.received;
    summary.stored += receipt.counts.stored + receipt.counts.released;
    summary.rejected += receipt.counts.rejected;
    summary.held += receipt.counts.held;
    opts.log.info({ platform: batch.platformCode, batch: receipt.id, ...receipt.counts }, 'demo batch pushed');
  }
  return summary;
}
