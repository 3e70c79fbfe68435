import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { Registry } from '../registry/registry.service';
import { batchesToResume, markFailed } from './batch.repository';
import { processBatch } from './pipeline/process-batch';

/**
 * Processes sealed batches one at a time, in the order they were sealed. One at a time
 * bounds memory and keeps the ledger's order the commit order. At start-up it picks up
 * batches a previous process sealed but did not commit (a crash, a restart).
 */
export class BatchProcessor {
  private queue: Promise<void> = Promise.resolve();
  private readonly pending = new Set<number>();

  constructor(
    private readonly db: Db,
    private readonly registry: Registry,
    private readonly log: Logger,
  ) {}

  enqueue(batchId: number): void {
    if (this.pending.has(batchId)) return;
    this.pending.add(batchId);
    this.queue = this.queue.then(async () => {
      try {
        await processBatch({ db: this.db, registry: this.registry, log: this.log, batchId });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        this.log.error({ batchId, err: error }, 'batch failed; nothing of it was stored');
        await markFailed(this.db, batchId, `processing failed, nothing of the batch was stored; seal it again to retry: ${message}`).catch((e: unknown) =>
          this.log.error({ batchId, err: e }, 'could not mark the batch failed'),
        );
      } finally {
        this.pending.delete(batchId);
      }
    });
  }

  async resume(): Promise<number> {
    const batches = await batchesToResume(this.db);
    for (const b of batches) this.enqueue(b.id);
    if (batches.length > 0) this.log.info({ batches: batches.map((b) => b.id) }, 'resuming batches sealed before the last stop');
    return batches.length;
  }

  /** Resolves when everything queued so far is done. */
  idle(): Promise<void> {
    return this.queue;
  }
}
