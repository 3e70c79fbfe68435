import cron from 'node-cron';
import type pg from 'pg';
import type { Logger } from 'pino';
import { withAdvisoryLock } from './advisory-lock';

/**
 * Monthly partitions of the tables that grow without end: the credit-lookup audit
 * (credit_lookups, migrations/0016), the staged lines (batch_lines, migrations/0017, whose
 * months the staged-line prune drops, src/ingestion/retention) and the bids (migrations/0018).
 * Months are China Standard Time months (UTC+8, no daylight saving), named <table>_YYYY_MM. The
 * hub creates the months ahead and drops the months past their retention, at start-up and every
 * night, in every process under one lock, so that two hubs never race to create the same month.
 */
export interface MonthlyTable {
  table: string;
  /** Months created ahead of the current one, so an insert never finds no partition. */
  monthsAhead: number;
  /** Whole months kept before the current one; 0 keeps every month. */
  keepMonths: number;
  /**
   * For a table with a default partition, <table>_default (bids: a bid may be of any month), the
   * partition key: rows the default holds for a month being created move into it.
   */
  column?: string;
}

/**
 * Bids by month of submission, with a default partition for months not made. Every month is
 * kept: the ledger vouches for each stored bid, and trading files are archived for as long as
 * the law asks (seed 000 Art. 24).
 */
export const bidMonths = (monthsAhead: number): MonthlyTable => ({ table: 'bids', monthsAhead, keepMonths: 0, column: 'submitted_at' });

const LOCK = 7_150_030;
const CST_MS = 8 * 3600 * 1000;

/** The China Standard Time wall clock at `at`, read with the getUTC… methods. */
const cstClock = (at: Date) => new Date(at.getTime() + CST_MS);

/** The first instant of China Standard Time month `month` (1–12, rolling over past either end) of `year`. */
const firstInstant = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1) - CST_MS);

/** The first instant of the China Standard Time month `offset` months from the one `at` falls in. */
export function monthStart(at: Date, offset = 0): Date {
  const local = cstClock(at);
  return firstInstant(local.getUTCFullYear(), local.getUTCMonth() + 1 + offset);
}

function partitionName(table: string, start: Date): string {
  const local = cstClock(start);
  return `${table}_${local.getUTCFullYear()}_${String(local.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The China Standard Time month a partition named <table>_YYYY_MM holds: its first instant and the next month's. */
export function monthOfPartition(name: string): { from: Date; to: Date } | null {
  const month = /_(\d{4})_(\d{2})$/.exec(name);
  if (!month) return null;
  const from = firstInstant(Number(month[1]), Number(month[2]));
  return { from, to: monthStart(from, 1) };
}

/**
 * The China Standard Time month named 'YYYY-MM', as its first instant; null for anything else
 * (a month 13, '2015-1', a date).
 */
export function parseMonth(text: string): Date | null {
  const month = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!month || Number(month[2]) < 1 || Number(month[2]) > 12) return null;
  return firstInstant(Number(month[1]), Number(month[2]));
}

/** Whole China Standard Time months from the month `from` falls in to the one `to` falls in (0 for the same month). */
export function monthsBetween(from: Date, to: Date): number {
  const [a, b] = [cstClock(from), cstClock(to)];
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth();
}

export interface PartitionChanges {
  created: string[];
  dropped: string[];
}

/** Creates the current month and `monthsAhead` more, and drops months past `keepMonths`. */
export function maintainPartitions(pool: pg.Pool, spec: MonthlyTable, now = new Date()): Promise<PartitionChanges> {
  return withAdvisoryLock(pool, LOCK, 'wait', async () => {
    const existing = new Set(await partitionsOf(pool, spec.table));
    const created: string[] = [];
    for (let offset = 0; offset <= spec.monthsAhead; offset++) {
      const from = monthStart(now, offset);
      const name = partitionName(spec.table, from);
      if (existing.has(name)) continue;
      await createMonth(pool, spec, name, from, monthStart(from, 1));
      created.push(name);
    }
    const dropped = spec.keepMonths > 0 ? monthsEndedBy([...existing], monthStart(now, -spec.keepMonths)) : [];
    for (const name of dropped) await pool.query(`drop table "${name}"`);
    return { created, dropped };
  });
}

/**
 * Creates one month. For a table with a default partition, the rows the default holds for the
 * month (a bid dated months ahead, or of a past year) move into it: Postgres refuses a month
 * whose rows the default still holds. The month is made apart and attached, so the rows keep
 * their stamps (the table's row triggers are not on it while they move; attaching gives it the
 * table's indexes and triggers), all in one implicit transaction of the three statements.
 */
async function createMonth(pool: pg.Pool, spec: MonthlyTable, name: string, from: Date, to: Date): Promise<void> {
  const [lower, upper] = [`'${from.toISOString()}'`, `'${to.toISOString()}'`];
  const bounds = `for values from (${lower}) to (${upper})`;
  if (!spec.column) {
    await pool.query(`create table if not exists "${name}" partition of "${spec.table}" ${bounds}`);
    return;
  }
  await pool.query(`create table "${name}" (like "${spec.table}" including defaults);
    with moved as (delete from "${spec.table}_default" where "${spec.column}" >= ${lower} and "${spec.column}" < ${upper} returning *) insert into "${name}" select * from moved;
    alter table "${spec.table}" attach partition "${name}" ${bounds}`);
}

/** The partitions of `table`, oldest first. */
export async function partitionsOf(pool: Pick<pg.Pool, 'query'>, table: string): Promise<string[]> {
  const { rows } = await pool.query<{ name: string }>(
    `select c.relname as name from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
      where p.relname = $1 order by c.relname`,
    [table],
  );
  return rows.map((r) => r.name);
}

/** Of these partitions, the months wholly before `cutoff` (a month goes only when all of it is past). */
export function monthsEndedBy(names: string[], cutoff: Date): string[] {
  return names.filter((name) => (monthOfPartition(name)?.to.getTime() ?? Infinity) <= cutoff.getTime());
}

/** Every night (China Standard Time), keeps each table's months ahead created and drops the expired. */
export function schedulePartitions(pool: pg.Pool, tables: MonthlyTable[], schedule: string, log: Logger): () => Promise<void> {
  const task = cron.schedule(
    schedule,
    async () => {
      for (const spec of tables) {
        await maintainPartitions(pool, spec).then(
          (changes) => (changes.created.length + changes.dropped.length > 0 ? log.info({ table: spec.table, ...changes }, 'monthly partitions maintained') : undefined),
          (error: unknown) => log.error({ table: spec.table, err: error }, 'monthly partitions could not be maintained; the next night retries'),
        );
      }
    },
    { name: 'partitions', timezone: 'Asia/Shanghai', noOverlap: true },
  );
  return async () => {
    await task.stop();
  };
}
