import { AnalyticsService } from '../analytics/analytics.service';
import { StatisticsService } from '../analytics/statistics.service';
import type { AnalyticsStore } from '../analytics/store';
import { ApiKeyService } from '../auth/api-key.service';
import { OCDS_DEFAULTS, type Config } from '../config/config';
import { CreditService } from '../credit/credit.service';
import { CreditStatusService } from '../credit/credit-status.service';
import { EntitySearchService } from '../credit/entity-search.service';
import { CreditChangesService } from '../credit/credit-changes.service';
import { CreditGuard } from '../credit/credit-guard';
import { PushedCreditService } from '../credit/pushed-credit.service';
import { JointRestrictionService } from '../credit/joint-restriction.service';
import { DashboardSessionService } from '../dashboards/session.service';
import type { Database } from '../db/database';
import { DatabaseStatusService } from '../db/database-status.service';
import { EtlRunService } from '../ingestion/etl-run.service';
import { LedgerService } from '../ledger/ledger.service';
import { BatchProcessor } from '../ingestion/batch-processor';
import { BatchService } from '../ingestion/batch.service';
import { BatchListService } from '../ingestion/batch-list.service';
import { DataQualityService } from '../ingestion/quality.service';
import { RecordHistoryService } from '../ingestion/history/record-history.service';
import type { Logger } from 'pino';
import { EntityService } from '../entities/entity.service';
import { ReferenceService } from '../registry/reference.service';
import type { Registry } from '../registry/registry.service';
import { ProjectService } from '../trading/project.service';
import { OcdsExportService } from '../ocds/export/export.service';
import { TradingService } from '../trading/trading.service';
import { EvaluationService } from '../trading/evaluation.service';
import { DEFAULT_THRESHOLDS } from '../supervision/thresholds';
import { warningRunsOver } from '../supervision/warning-run.service';
import { WarningService } from '../supervision/warning.service';

/**
 * The hub's services, built once per process and shared by every request. Without an
 * analytics store (tests of other parts, tools) the statistics answer ANALYTICS_UNAVAILABLE.
 */
export function createServices(
  database: Database,
  registry: Registry,
  config: Pick<Config, 'pageSize' | 'push'> & { dashboardSessionHours?: number; dashboardMaxSessionsPerKey?: number } & {
    analytics?: Pick<Config['analytics'], 'maxRangeDays' | 'maxRows'>;
    credit?: Config['credit'];
    retention?: Pick<Config['retention'], 'stagedLinesDays'>;
    ocds?: Config['ocds'];
    warnings?: Pick<Config['warnings'], 'thresholds'>;
    replicas?: Pick<Config['replicas'], 'maxLagMs'>;
  },
  log: Logger,
  store: AnalyticsStore | null = null,
) {
  const db = database.db;
  // Reads that may lag go to a read replica when one is configured and within its allowed lag.
  const reader = database.reader;
  const analytics = new AnalyticsService(database, store, log);
  const apiKeys = new ApiKeyService(db, registry);
  const creditGuard = new CreditGuard(db, config.credit?.rate ?? { perSecond: 50, burst: 100 });
  // Each committed batch, pushed or loaded by ETL, asks the analytics sync to run (it coalesces requests).
  const batchCommitted = (_batchId: number) => analytics.sync?.request();
  const processor = new BatchProcessor(db, registry, log, batchCommitted);
  const batches = new BatchService(database, registry, processor, { ...config.push, page: config.pageSize });
  const projects = new ProjectService(reader, registry, config.pageSize);
  // Early warning runs over the analytics store: after each sync for what it touched (and in full nightly, src/main.ts).
  const warningRuns = store ? warningRunsOver(database, store, config.warnings?.thresholds ?? DEFAULT_THRESHOLDS, log) : null;
  if (warningRuns) {
    analytics.sync?.onSynced(() =>
      warningRuns.afterSync().catch((error: unknown) => log.error({ err: error }, 'early warning run failed; the next sync or the nightly run retries')),
    );
  }
  return {
    warningRuns,
    analytics,
    statistics: new StatisticsService(store, registry, config.analytics ?? { maxRangeDays: 3700, maxRows: 10_000 }, creditGuard),
    processor,
    ledger: new LedgerService(db),
    etlRuns: new EtlRunService(db),
    /** The one hook every committed batch calls, whichever way it came (push, ETL, demo). */
    batchCommitted,
    quality: new DataQualityService(db, registry, config.push.deadline),
    batches,
    batchList: new BatchListService(db, batches, config.pageSize),
    recordHistory: new RecordHistoryService(db, registry, { retentionDays: config.retention?.stagedLinesDays ?? 90 }),
    reference: new ReferenceService(registry),
    apiKeys,
    dashboardSessions: new DashboardSessionService(db, apiKeys, config.dashboardSessionHours ?? 8, config.dashboardMaxSessionsPerKey ?? 20),
    entities: new EntityService(reader, registry, config.pageSize),
    projects,
    ocdsExport: new OcdsExportService(reader, registry, projects, config.ocds ?? OCDS_DEFAULTS),
    trading: new TradingService(),
    evaluations: new EvaluationService(reader, (caller, platformCode) => batches.readableSources(caller, platformCode), config.pageSize),
    credit: new CreditService(),
    creditGuard,
    pushedCredit: new PushedCreditService(reader, (caller, platformCode) => batches.readableSources(caller, platformCode), config.pageSize),
    jointRestriction: new JointRestrictionService(),
    entitySearch: new EntitySearchService(reader, creditGuard),
    creditChanges: new CreditChangesService(reader, creditGuard),
    creditStatus: new CreditStatusService(reader, config.credit?.penaltyLookBackDays ?? 1095, creditGuard),
    warnings: new WarningService(db, registry, config.pageSize),
    databaseStatus: new DatabaseStatusService(database, config.replicas?.maxLagMs ?? 10_000),
  };
}

export type Services = ReturnType<typeof createServices>;
