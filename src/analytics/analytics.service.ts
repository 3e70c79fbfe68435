import type { Logger } from 'pino';
import { requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Database } from '../db/database';
import { getClusterShape } from './cluster-shape.query';
import { requireStore, type AnalyticsStore } from './store';
import { AnalyticsSync } from './sync/analytics-sync';
import { reconcile, type Reconciliation } from './sync/reconcile';

/** The analytics store's operations side: sync, reconciliation and status. */
export class AnalyticsService {
  readonly sync: AnalyticsSync | null;

  constructor(
    private readonly database: Database,
    readonly store: AnalyticsStore | null,
    log: Logger,
  ) {
    this.sync = store ? new AnalyticsSync(database, store, log) : null;
  }

  async reconcile(caller: Caller | null): Promise<Reconciliation> {
    requireRole(caller, ['admin'], 'the analytics reconciliation');
    return reconcile(this.database, requireStore(this.store));
  }

  async status(caller: Caller | null) {
    requireRole(caller, ['admin'], 'the analytics status');
    const store = requireStore(this.store);
    const pending = await this.sync!.pending();
    return {
      engine: store.engine,
      version: store.version,
      pendingBatches: pending.batches,
      oldestPendingCommittedAt: pending.oldestCommittedAt,
      cluster: await getClusterShape(store),
    };
  }
}
