import { sql } from 'drizzle-orm';
import { SYNC_LOCK } from '../analytics/sync/analytics-sync';
import { withAdvisoryLock } from '../db/advisory-lock';
import type { Database } from '../db/database';
import type { Candidate } from './indicators/indicator';

/** What the analytics store keeps of a raised warning, for the WARNINGS measure (counts only). */
export type RaisedWarning = {
  warning_id: number;
  indicator: string;
  severity: string;
  occurred_on: string;
  platform_code: string;
  category_code: string;
  region_path: string[];
};

// Held for a whole run, so the nightly full run and an incremental one never interleave.
const RUN_LOCK = 7_150_013;

/** Postgres side of early warning's runs: the run log, the lock, and raising candidates as warnings. */
export class WarningRunRepository {
  constructor(private readonly database: Database) {}

  /** Runs `work` holding the run lock, or returns null at once when another run holds it. */
  exclusively<T>(work: () => Promise<T>): Promise<T | null> {
    return withAdvisoryLock(this.database.pool, RUN_LOCK, 'try', work);
  }

  /**
   * Runs `read` while no analytics sync is copying: a sync copies a round's projects before
   * their bids, so a watermark read mid-round would lie above bids not yet there.
   */
  betweenSyncs<T>(read: () => Promise<T>): Promise<T> {
    return withAdvisoryLock(this.database.pool, SYNC_LOCK, 'wait', read);
  }

  /** The watermark of the last finished run: an incremental run reads projects synced above it. */
  async lastWatermark(): Promise<number | null> {
    const { rows } = await this.database.pool.query<{ w: string | null }>(`select max(watermark) as w from warning_runs where status = 'done'`);
    return rows[0]!.w === null ? null : Number(rows[0]!.w);
  }

  async start(kind: 'full' | 'incremental'): Promise<number> {
    const { rows } = await this.database.pool.query<{ id: string }>(`insert into warning_runs (kind) values ($1) returning id`, [kind]);
    return Number(rows[0]!.id);
  }

  async finish(
    id: number,
    result: { watermark: number; indicators: Record<string, { found: number; raised: number; updated: number; ms: number }>; raised: number },
  ): Promise<void> {
    await this.database.pool.query(`update warning_runs set status = 'done', watermark = $2, indicators = $3, raised = $4, finished_at = now() where id = $1`, [
      id,
      result.watermark,
      JSON.stringify(result.indicators),
      result.raised,
    ]);
  }

  async fail(id: number, error: string): Promise<void> {
    await this.database.pool.query(`update warning_runs set status = 'failed', error = $2, finished_at = now() where id = $1`, [id, error.slice(0, 2000)]);
  }

  /**
   * Warnings as the analytics store keeps them: those a run raised, or with `runId` null every
   * one (a full run writes them all again, since a rebuilt store has none).
   */
  async forAnalytics(runId: number | null): Promise<RaisedWarning[]> {
    const { rows } = await this.database.pool.query<Omit<RaisedWarning, 'warning_id'> & { warning_id: string }>(
      `select w.id as warning_id, w.indicator, w.severity, to_char(w.occurred_on, 'YYYY-MM-DD') as occurred_on, pl.code as platform_code, w.category_code,
              string_to_array(r.path, '/') as region_path
         from warnings w join platforms pl on pl.id = w.platform_id join regions r on r.code = w.region_code
        where $1::bigint is null or w.run_id = $1`,
      [runId],
    );
    return rows.map((r) => ({ ...r, warning_id: Number(r.warning_id) }));
  }

  /**
   * Raises the candidates whose evidence is new, in one statement. A candidate whose
   * (indicator, evidence key) is already a warning raises nothing new: under review (open,
   * assigned) it brings the warning's evidence up to date (a ring found in a sixth project,
   * a year's bids counted further), with an 'updated' row in the audit trail; decided
   * (confirmed, dismissed, referred) it is left as the supervisor left it. Returns how many
   * were raised and how many brought up to date.
   */
  async raise(candidates: Candidate[], runId: number, reviewDays: number): Promise<{ raised: number; updated: number }> {
    if (candidates.length === 0) return { raised: 0, updated: 0 };
    const rows = candidates.map((c) => ({
      indicator: c.indicator,
      rule_version: c.ruleVersion,
      thresholds: c.thresholds,
      severity: c.severity,
      evidence_key: c.evidenceKey,
      project_id: c.projectId,
      lot_code: c.lotCode,
      project_ids: c.projectIds,
      entity_ids: c.entityIds,
      evidence: c.evidence,
      summary: c.summary,
    }));
    const result = await this.database.db.execute<{ raised: number; updated: number }>(sql`
      with c as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(indicator text, rule_version int, thresholds jsonb, severity text, evidence_key text,
          project_id bigint, lot_code text, project_ids bigint[], entity_ids bigint[], evidence jsonb, summary text)
      ), news as (
        -- Only what would change anything: ON CONFLICT locks the row it finds even when its
        -- WHERE then leaves it alone, and a nightly full run finds hundreds of thousands again.
        select c.* from c left join warnings w on w.indicator = c.indicator and w.evidence_key = c.evidence_key
         where w.id is null or (w.status in ('open', 'assigned') and w.evidence is distinct from c.evidence)
      ), written as (
        insert into warnings (indicator, rule_version, thresholds, severity, evidence_key, project_id, lot_code, project_ids, entity_ids, evidence, summary,
                              region_code, category_code, platform_id, occurred_on, due_at, run_id)
        select c.indicator, c.rule_version, c.thresholds, c.severity, c.evidence_key, p.id, c.lot_code, c.project_ids, c.entity_ids, c.evidence, c.summary,
               p.region_code, p.category_code, p.platform_id, (p.registered_at at time zone 'Asia/Shanghai')::date, now() + make_interval(days => ${reviewDays}::int), ${runId}::bigint
          from news c join projects p on p.id = c.project_id
        on conflict (indicator, evidence_key) do update
          set evidence = excluded.evidence, severity = excluded.severity, project_ids = excluded.project_ids, entity_ids = excluded.entity_ids,
              summary = excluded.summary, thresholds = excluded.thresholds, rule_version = excluded.rule_version, updated_at = now()
          where warnings.status in ('open', 'assigned') and warnings.evidence is distinct from excluded.evidence
        returning id, (xmax = 0) as created, status
      ), events as (
        insert into warning_events (warning_id, action, actor, from_status, to_status)
        select id, case when created then 'raised' else 'updated' end, '预警引擎', case when created then null else status end, status from written
      )
      select (count(*) filter (where created))::int as raised, (count(*) filter (where not created))::int as updated from written`);
    return result.rows[0]!;
  }
}
