import { Param, sql } from 'drizzle-orm';
import type { Db } from '../db/database';

export type QualityRow = {
  platform_id: number;
  batches: number;
  nights_delivered: number;
  received: number;
  rejected: number;
  stale: number;
  held_now: number;
  last_sealed_at: Date | null;
};

/**
 * Per platform, over the days [from, to] in China Standard Time: the batches committed,
 * the nights whose push was sealed by the deadline (a batch sealed after the previous
 * morning's deadline and by this morning's counts for this morning), records received,
 * rejected and stale, and records held right now.
 */
export async function qualityFigures(db: Db, platformIds: number[], from: string, to: string, deadline: string): Promise<QualityRow[]> {
  const result = await db.execute<QualityRow>(sql`
    with days as (
      select ((d::date)::timestamp + ${deadline}::time) at time zone 'Asia/Shanghai' as due
      from generate_series(${from}::date, ${to}::date, interval '1 day') d
    ),
    pushes as (
      select s.platform_id, b.* from batches b join data_sources s on s.id = b.source_id
      where s.platform_id = any(${new Param(platformIds)}::int[])
    ),
    in_period as (
      select * from pushes where status = 'committed'
        and sealed_at >= (${from}::date::timestamp at time zone 'Asia/Shanghai')
        and sealed_at < ((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')
    )
    select p.id as platform_id,
      (select count(*)::int from in_period b where b.platform_id = p.id) as batches,
      (select count(*)::int from days d where exists (
         select 1 from pushes b where b.platform_id = p.id and b.sealed_at > d.due - interval '1 day' and b.sealed_at <= d.due)) as nights_delivered,
      (select coalesce(sum(records_received), 0)::int from in_period b where b.platform_id = p.id) as received,
      (select coalesce(sum(records_rejected), 0)::int from in_period b where b.platform_id = p.id) as rejected,
      (select coalesce(sum(records_stale), 0)::int from in_period b where b.platform_id = p.id) as stale,
      (select count(*)::int from held_records h join data_sources s on s.id = h.source_id where s.platform_id = p.id and h.released_at is null) as held_now,
      (select max(sealed_at) from pushes b where b.platform_id = p.id) as last_sealed_at
    from platforms p where p.id = any(${new Param(platformIds)}::int[])
    order by p.code`);
  return result.rows;
}

/** Optional project fields that policy work depends on, and how often each platform fills them. */
export const COMPLETENESS_FIELDS = ['budget', 'agency_id', 'bid_opening_at', 'deal_code', 'supervisor_department'] as const;

export async function projectCompleteness(db: Db, platformIds: number[], from: string, to: string) {
  const result = await db.execute<{ platform_id: number; total: number } & Record<(typeof COMPLETENESS_FIELDS)[number], number>>(sql`
    select platform_id, count(*)::int as total,
      ${sql.raw(COMPLETENESS_FIELDS.map((f) => `count(${f})::int as ${f}`).join(', '))}
    from projects
    where platform_id = any(${new Param(platformIds)}::int[])
      and registered_at >= (${from}::date::timestamp at time zone 'Asia/Shanghai')
      and registered_at < ((${to}::date + 1)::timestamp at time zone 'Asia/Shanghai')
    group by platform_id`);
  return result.rows;
}
