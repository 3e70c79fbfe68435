import type { Logger } from 'pino';
import type { AnalyticsStore } from '../analytics/store';
import type { Database } from '../db/database';
import { IndicatorRepository } from './indicator.repository';
import { INDICATOR_DEFINITIONS } from './indicators';
import type { Candidate, CandidateRow, IndicatorDefinition, IndicatorScope } from './indicators/indicator';
import type { Indicator } from './supervision.enums';
import { overriddenCategories, settingsFor, type Thresholds } from './thresholds';
import { WarningRunRepository } from './warning-run.repository';

/** Candidates raised per statement. */
const RAISE_SLICE = 2_000;

export interface WarningRunResult {
  status: 'done' | 'busy';
  kind: 'full' | 'incremental';
  runId: number | null;
  raised: number;
  indicators: Record<string, { found: number; raised: number; updated: number; ms: number }>;
  ms: number;
}

/**
 * Runs the indicators over the analytics store and raises what they find as warnings in
 * Postgres. In full (nightly, or from the CLI) or incrementally: over the projects whose
 * analytics copy is newer than the last run's watermark (every project a sync touched is
 * copied with a new version, its bids and awards with it). One run at a time across processes.
 */
export class WarningRunService {
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly indicators: IndicatorRepository,
    private readonly runs: WarningRunRepository,
    private readonly thresholds: Thresholds,
    private readonly log: Logger,
  ) {}

  /** After a sync: incremental when a run has finished before, else in full. */
  async afterSync(): Promise<WarningRunResult> {
    return this.track(async () => {
      const since = await this.runs.lastWatermark();
      return this.run(since === null ? 'full' : 'incremental', since);
    });
  }

  async runFull(): Promise<WarningRunResult> {
    return this.track(() => this.run('full', null));
  }

  /** Resolves when no run started by this process is going (shutdown waits for it before closing the stores). */
  async idle(): Promise<void> {
    await this.inFlight.catch(() => undefined);
  }

  private track<T>(work: () => Promise<T>): Promise<T> {
    const done = work();
    this.inFlight = Promise.all([this.inFlight.catch(() => undefined), done.catch(() => undefined)]);
    return done;
  }

  private async run(kind: 'full' | 'incremental', since: number | null, now = new Date()): Promise<WarningRunResult> {
    const started = Date.now();
    const result = await this.runs.exclusively(async () => {
      // Read before the queries, between two syncs: rows synced while they run are above it and seen next time.
      const watermark = await this.runs.betweenSyncs(() => this.indicators.watermark());
      const runId = await this.runs.start(kind);
      const perIndicator: WarningRunResult['indicators'] = {};
      let raised = 0;
      try {
        for (const definition of Object.values(INDICATOR_DEFINITIONS)) {
          const t0 = Date.now();
          const candidates = await this.candidatesOf(definition, since, now);
          let fresh = 0;
          let updated = 0;
          // In slices: one statement carries its candidates as one JSON value, and a flood
          // (a first run over years of data) must not become one giant statement.
          for (let i = 0; i < candidates.length; i += RAISE_SLICE) {
            const result = await this.runs.raise(candidates.slice(i, i + RAISE_SLICE), runId, this.thresholds.reviewDays);
            fresh += result.raised;
            updated += result.updated;
          }
          perIndicator[definition.indicator] = { found: candidates.length, raised: fresh, updated, ms: Date.now() - t0 };
          raised += fresh;
        }
        await this.indicators.recordWarnings(await this.runs.forAnalytics(kind === 'full' ? null : runId));
        await this.runs.finish(runId, { watermark, indicators: perIndicator, raised });
      } catch (error) {
        await this.runs.fail(runId, (error as Error).message);
        throw error;
      }
      return { status: 'done' as const, kind, runId, raised, indicators: perIndicator, ms: Date.now() - started };
    });
    if (!result) return { status: 'busy', kind, runId: null, raised: 0, indicators: {}, ms: 0 };
    if (result.raised > 0) this.log.info({ kind, raised: result.raised, ms: result.ms }, 'early warning: warnings raised');
    return result;
  }

  /**
   * One indicator's candidates: disabled ones find nothing; one with settings of its own for
   * some categories runs once per such category and once for all the others.
   */
  private async candidatesOf(definition: IndicatorDefinition, since: number | null, now: Date): Promise<Candidate[]> {
    const indicator = definition.indicator;
    const own = definition.perCategory ? overriddenCategories(this.thresholds, indicator) : [];
    const groups: Array<{ category: string | null; scope: IndicatorScope }> = [
      { category: null, scope: { since, categories: { include: false, codes: own } } },
      ...own.map((c) => ({ category: c, scope: { since, categories: { include: true, codes: [c] } } })),
    ];
    const out: Candidate[] = [];
    for (const { category, scope } of groups) {
      const settings = settingsFor(this.thresholds, indicator, category);
      if (!settings.enabled) continue;
      // No spread: an indicator may find hundreds of thousands (the call stack holds far fewer arguments).
      for (const row of await this.indicators.candidates(definition, settings, this.thresholds, scope, now)) out.push(toCandidate(definition, row, settings));
    }
    return out;
  }
}

/** The run over a hub's two stores, as the hub, the command line and the benchmark build it. */
export function warningRunsOver(database: Database, store: AnalyticsStore, thresholds: Thresholds, log: Logger): WarningRunService {
  return new WarningRunService(new IndicatorRepository(store), new WarningRunRepository(database), thresholds, log);
}

function toCandidate(definition: IndicatorDefinition, row: CandidateRow, settings: object): Candidate {
  const evidence = JSON.parse(row.evidence) as Record<string, unknown>;
  return {
    indicator: definition.indicator as Indicator,
    ruleVersion: definition.ruleVersion,
    thresholds: { ...settings },
    evidenceKey: row.key,
    severity: row.severity,
    projectId: row.project_id,
    lotCode: row.lot_code === '' ? null : row.lot_code,
    projectIds: row.project_ids,
    entityIds: row.entity_ids,
    evidence,
    summary: definition.summary(evidence),
  };
}
