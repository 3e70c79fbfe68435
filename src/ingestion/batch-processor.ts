import type { Logger } from 'pino';
import type { Db } from '../db/database';
import type { Registry } from '../registry/registry.service';
import { batchesToResume, markFailed } from './batch.repository';
import { describeFault, faultForLog } from './pipeline/faults';
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
    /** Called after each committed batch (the analytics sync listens here). */
    private readonly onCommitted: (batchId: number) => void = () => undefined,
  ) {}

  enqueue(batchId: number): void {
    if (this.pending.has(batchId)) return;
    this.pending.add(batchId);
    this.queue = this.queue.then(async () => {
      try {
        const outcome = await processBatch({ db: this.db, registry: this.registry, log: this.log, batchId });
        if (outcome.status === 'committed') this.onCommitted(batchId);
      } catch (error) {
        // Only a fault of the infrastructure gets here (a record's fault rejects the record).
        // The driver's error carries the SQL and its parameters, which may hold ID numbers:
        // the log and the batch get the kind of fault, never those.
        this.log.error({ batchId, ...faultForLog(error) }, 'batch failed; nothing of it was stored');
        await this.markFailed(batchId, `processing failed, nothing of the batch was stored; seal it again to retry: ${describeFault(error)}`);
      } finally {
        this.pending.delete(batchId);
      }
    });
  }

  /**
   * The failure itself may be Postgres going away, so saying so is retried for a while; if
   * it never gets through, the batch stays `processing` and the periodic resume takes it up.
   */
  private async markFailed(batchId: number, message: string): Promise<void> {
    for (let attempt = 0, delay = 250; attempt < 8; attempt++, delay *= 2) {
      try {
        await markFailed(this.db, batchId, message);
        return;
      } catch (error) {
        this.log.warn({ batchId, ...faultForLog(error), attempt }, 'could not mark the batch failed yet');
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  }

  /** Takes up, every `intervalMs`, sealed batches nobody is processing (e.g. after a crash elsewhere). */
  watch(intervalMs = 60_000): () => void {
    const timer = setInterval(() => void this.resume().catch((error: unknown) => this.log.warn({ err: error }, 'could not look for batches to resume')), intervalMs);
    timer.unref();
    return () => clearInterval(timer);
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
