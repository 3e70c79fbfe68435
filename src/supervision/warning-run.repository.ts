import { sql } from 'drizzle-orm';
import { SYNC_LOCK } from '../analytics/sync/analytics-sync';
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
  async exclusively<T>(work: () => Promise<T>): Promise<T | null> {
    const client = await this.database.pool.connect();
    try {
      const { rows } = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [RUN_LOCK]);
      if (!rows[0]!.ok) return null;
      try {
        return await work();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [RUN_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  /**
   * Runs `read` while no analytics sync is copying: a sync copies a round's projects before
   * their bids, so a watermark read mid-round would lie above bids not yet there.
   */
  async betweenSyncs<T>(read: () => Promise<T>): Promise<T> {
    const client = await this.database.pool.connect();
    try {
      await client.query('select pg_advisory_lock($1)', [SYNC_LOCK]);
      try {
        return await read();
      } finally {
        await client.query('select pg_advisory_unlock($1)', [SYNC_LOCK]);
      }
    } finally {
      client.release();
    }
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

  /** Every warning as the analytics store keeps it: a full run writes them all again (a rebuilt store has none). */
  async allRaised(): Promise<RaisedWarning[]> {
    const { rows } = await this.database.pool.query<Omit<RaisedWarning, 'warning_id'> & { warning_id: string }>(`
      select w.id as warning_id, w.indicator, w.severity, to_char(w.occurred_on, 'YYYY-MM-DD') as occurred_on, pl.code as platform_code, w.category_code,
             string_to_array(r.path, '/') as region_path
        from warnings w join platforms pl on pl.id = w.platform_id join regions r on r.code = w.region_code`);
    return rows.map((r) => ({ ...r, warning_id: Number(r.warning_id) }));
  }

  /**
   * Raises the candidates whose evidence is new, in one statement. A candidate whose
   * (indicator, evidence key) is already a warning raises nothing new: under review (open,
   * assigned) it brings the warning's evidence up to date (a ring found in a sixth project,
   * a year's bids counted further), with an 'updated' row in the audit trail; decided
   * (confirmed, dismissed, referred) it is left as the supervisor left it. Returns what the
   * analytics store keeps of the new warnings, and how many were brought up to date.
   */
  async raise(candidates: Candidate[], runId: number, reviewDays: number): Promise<{ raised: RaisedWarning[]; updated: number }> {
    if (candidates.length === 0) return { raised: [], updated: 0 };
    const rows = candidates.map((c) => ({
      indicator: c.indicator,
      rule_version: c.ruleVersion,
      thresholds: c.thresholds,
      severity: c.severity,
      evidence_key: c.evidenceKey,
      project_id: c.projectId,
      lot_id: c.lotId,
      project_ids: c.projectIds,
      entity_ids: c.entityIds,
      evidence: c.evidence,
      summary: c.summary,
    }));
    const result = await this.database.db.execute<Omit<RaisedWarning, 'warning_id'> & { warning_id: string; created: boolean }>(sql`
      with c as (
        select * from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as c(indicator text, rule_version int, thresholds jsonb, severity text, evidence_key text,
          project_id bigint, lot_id bigint, project_ids bigint[], entity_ids bigint[], evidence jsonb, summary text)
      ), written as (
        insert into warnings (indicator, rule_version, thresholds, severity, evidence_key, project_id, lot_id, project_ids, entity_ids, evidence, summary,
                              region_code, category_code, platform_id, occurred_on, due_at, run_id)
        select c.indicator, c.rule_version, c.thresholds, c.severity, c.evidence_key, p.id, c.lot_id, c.project_ids, c.entity_ids, c.evidence, c.summary,
               p.region_code, p.category_code, p.platform_id, (p.registered_at at time zone 'Asia/Shanghai')::date, now() + make_interval(days => ${reviewDays}::int), ${runId}::bigint
          from c join projects p on p.id = c.project_id
        on conflict (indicator, evidence_key) do update
          set evidence = excluded.evidence, severity = excluded.severity, project_ids = excluded.project_ids, entity_ids = excluded.entity_ids,
              summary = excluded.summary, thresholds = excluded.thresholds, rule_version = excluded.rule_version, updated_at = now()
          where warnings.status in ('open', 'assigned') and warnings.evidence is distinct from excluded.evidence
        returning id, (xmax = 0) as created, status, indicator, severity, occurred_on, platform_id, category_code, region_code
      ), events as (
        insert into warning_events (warning_id, action, actor, from_status, to_status)
        select id, case when created then 'raised' else 'updated' end, '预警引擎', case when created then null else status end, status from written
      )
      select w.id as warning_id, w.created, w.indicator, w.severity, to_char(w.occurred_on, 'YYYY-MM-DD') as occurred_on, pl.code as platform_code, w.category_code,
             string_to_array(r.path, '/') as region_path
        from written w join platforms pl on pl.id = w.platform_id join regions r on r.code = w.region_code`);
    const raised = result.rows.filter((r) => r.created).map(({ created: _, ...r }) => ({ ...r, warning_id: Number(r.warning_id) }));
    return { raised, updated: result.rows.length - raised.length };
  }
}
