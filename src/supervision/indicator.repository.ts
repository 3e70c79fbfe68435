import { z } from 'zod';
import { nowParam } from '../analytics/sealed-bids';
import type { AnalyticsStore } from '../analytics/store';
import { candidateRow, fingerprintParams, type CandidateRow, type IndicatorDefinition, type IndicatorScope } from './indicators/indicator';
import type { Thresholds } from './thresholds';
import type { RaisedWarning } from './warning-run.repository';

/** The analytics side of early warning: runs an indicator's query, and reads the sync watermark. */
export class IndicatorRepository {
  constructor(private readonly store: AnalyticsStore) {}

  async candidates(definition: IndicatorDefinition, settings: Record<string, unknown>, thresholds: Thresholds, scope: IndicatorScope, now: Date): Promise<CandidateRow[]> {
    // Every query gets the fingerprint lists: the opened bids normalise fingerprints for all of them.
    const params = {
      ...fingerprintParams(thresholds),
      ...definition.queryParams(settings as never, thresholds),
      since: scope.since ?? 0,
      cats: scope.categories.codes,
      include: scope.categories.include,
      now: nowParam(now),
    };
    return this.store.select(definition.sql, params, candidateRow);
  }

  /** Keeps the counts' side of new warnings (the WARNINGS measure). */
  async recordWarnings(rows: RaisedWarning[]): Promise<void> {
    if (rows.length === 0) return;
    const version = Date.now() * 1000;
    await this.store.insert('warnings', { objects: rows.map((r) => ({ ...r, sync_version: version })) }, `warnings:${version}:${rows[0]!.warning_id}`);
  }

  /** The newest sync version in the projects' copy: every touched project is copied anew with a higher one. */
  async watermark(): Promise<number> {
    const [row] = await this.store.select('SELECT max(sync_version) AS v FROM projects', {}, z.object({ v: z.coerce.number() }));
    return row?.v ?? 0;
  }
}
