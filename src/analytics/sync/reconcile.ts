import { z } from 'zod';
import type { Database } from '../../db/database';
import { toYuan } from '../amounts';
import type { AnalyticsStore } from '../store';
import { ANALYTICS_TABLES } from './tables';

export interface Difference {
  table: string;
  /** The day (China Standard Time) the rows count under, or null for a table without one. */
  day: string | null;
  measure: 'rows' | 'amount';
  postgres: string;
  analytics: string;
}

export interface Reconciliation {
  tables: Array<{ table: string; postgresRows: number; analyticsRows: number; postgresAmount: string | null; analyticsAmount: string | null }>;
  differences: Difference[];
  /** Committed batches not synced yet: differences are expected until they are. */
  pendingBatches: number;
}

const chRow = z.object({ day: z.string().nullable(), n: z.coerce.number(), amount: z.string().nullable() });

/**
 * Compares, table by table and day by day, the row count and amount total in Postgres with
 * what the analytics store answers (reading through FINAL, as every query does). Each
 * difference is named; an empty list means the two agree.
 */
export async function reconcile(database: Database, store: AnalyticsStore): Promise<Reconciliation> {
  const result: Reconciliation = { tables: [], differences: [], pendingBatches: 0 };
  const pending = await database.pool.query<{ n: number }>(`select count(*)::int as n from batches where status = 'committed' and analytics_synced_at is null`);
  result.pendingBatches = pending.rows[0]!.n;
  for (const table of ANALYTICS_TABLES) {
    const { pgDay, chDay, pgSum, chSum } = table.reconcile;
    const pg = await database.pool.query<{ day: string | null; n: number; amount: string | null }>(
      `select (${pgDay})::text as day, count(*)::int as n, ${pgSum ? `sum(${pgSum})::numeric(20,2)::text` : 'null::text'} as amount
         from ${table.pgTable} group by 1`,
    );
    const ch = await store.select(
      `SELECT ${table.reconcile.pgDay.startsWith('null') ? 'NULL' : `toString(${chDay})`} AS day, count() AS n,
              ${chSum ? `toString(toDecimal128(sum(${chSum}), 2))` : 'NULL'} AS amount
         FROM ${table.name} FINAL GROUP BY day`,
      {},
      chRow,
    );
    const key = (day: string | null) => day ?? '';
    const pgByDay = new Map(pg.rows.map((r) => [key(r.day), r]));
    const chByDay = new Map(ch.map((r) => [key(r.day), r]));
    for (const day of new Set([...pgByDay.keys(), ...chByDay.keys()])) {
      const p = pgByDay.get(day);
      const c = chByDay.get(day);
      const shownDay = day === '' ? null : day;
      if ((p?.n ?? 0) !== (c?.n ?? 0)) result.differences.push({ table: table.name, day: shownDay, measure: 'rows', postgres: String(p?.n ?? 0), analytics: String(c?.n ?? 0) });
      if (pgSum && normaliseAmount(p?.amount) !== normaliseAmount(c?.amount)) {
        result.differences.push({ table: table.name, day: shownDay, measure: 'amount', postgres: normaliseAmount(p?.amount), analytics: normaliseAmount(c?.amount) });
      }
    }
    const sum = (rows: Array<{ amount: string | null }>) => rows.reduce((s, r) => s + BigInt(normaliseAmount(r.amount).replace('.', '')), 0n);
    result.tables.push({
      table: table.name,
      postgresRows: pg.rows.reduce((s, r) => s + r.n, 0),
      analyticsRows: ch.reduce((s, r) => s + r.n, 0),
      postgresAmount: pgSum ? centsToYuan(sum(pg.rows)) : null,
      analyticsAmount: chSum ? centsToYuan(sum(ch)) : null,
    });
  }
  result.differences.sort((a, b) => a.table.localeCompare(b.table) || (a.day ?? '').localeCompare(b.day ?? ''));
  return result;
}

/** Amounts compared as exact yuan with two decimals; nothing summed counts as 0.00. */
const normaliseAmount = toYuan;

function centsToYuan(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}
