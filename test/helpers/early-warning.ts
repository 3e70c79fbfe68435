import { AnalyticsSync } from '../../src/analytics/sync/analytics-sync';
import { createLogger } from '../../src/server/logger';
import type { Indicator } from '../../src/supervision/supervision.enums';
import { DEFAULT_THRESHOLDS, parseThresholds, type Thresholds } from '../../src/supervision/thresholds';
import { warningRunsOver } from '../../src/supervision/warning-run.service';
import { openTestAnalytics } from './analytics';
import { Factory } from './factories';
import { createTestHub, isolatedDatabase, type TestHub } from './test-hub';

export interface RaisedRow {
  id: number;
  indicator: Indicator;
  severity: string;
  evidence_key: string;
  project_id: number;
  lot_code: string | null;
  project_ids: number[];
  entity_ids: number[];
  evidence: Record<string, unknown>;
  summary: string;
  status: string;
}

/**
 * A hub on a database of its own with the embedded analytics engine, for indicator cases
 * made by hand: rows go in with the factories, `run()` syncs the analytics store and runs
 * every indicator in full (or with other thresholds), `raisedFor()` reads what it raised.
 */
export async function earlyWarningBench(name: string) {
  const databaseUrl = await isolatedDatabase(name);
  const analytics = await openTestAnalytics();
  const hub: TestHub = await createTestHub({}, { databaseUrl, analytics: analytics.store });
  const f = new Factory(hub.database.db, hub.services);
  const log = createLogger('silent');
  const sync = new AnalyticsSync(hub.database, analytics.store, log);
  const engine = (thresholds: Thresholds) => warningRunsOver(hub.database, analytics.store, thresholds, log);
  return {
    hub,
    f,
    store: analytics.store,
    sync,
    /** Syncs everything and runs the indicators in full with these thresholds (the defaults unless given). */
    async run(overrides?: unknown) {
      await sync.rebuild();
      return engine(overrides === undefined ? DEFAULT_THRESHOLDS : parseThresholds(overrides)).runFull();
    },
    /** Syncs what is pending and runs incrementally (after a sync). */
    async runAfterSync(thresholds: Thresholds = DEFAULT_THRESHOLDS) {
      await sync.syncPending();
      return engine(thresholds).afterSync();
    },
    /**
     * The warnings of one indicator whose evidence spans any of these projects, by main project:
     * a run raises in the order ClickHouse returns candidates, which is not fixed.
     */
    async raisedFor(indicator: Indicator, projectIds: number[]): Promise<RaisedRow[]> {
      const { rows } = await hub.database.pool.query<RaisedRow>(
        `select id::int, indicator, severity, evidence_key, project_id::int, lot_code, project_ids::int[], entity_ids::int[], evidence, summary, status
           from warnings where indicator = $1 and project_ids && $2::bigint[] order by project_id, id`,
        [indicator, projectIds],
      );
      return rows;
    },
    async close() {
      await hub.close();
      await analytics.close();
    },
  };
}
