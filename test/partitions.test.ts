import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { runMigrations } from '../src/db/migrate';
import { maintainPartitions, monthStart, partitionsOf } from '../src/db/partitions';
import { Factory } from './helpers/factories';
import { createTestHub, databaseAt, isolatedDatabase, type TestHub } from './helpers/test-hub';

/**
 * The credit-lookup audit in monthly partitions (China Standard Time months): months created
 * ahead, a period read from its months alone (EXPLAIN), months past retention dropped whole,
 * and the audit log's period filter over the API.
 */
let hub: TestHub;
let admin: string;
let keyId: number;
const now = new Date();
const SPEC = { table: 'credit_lookups', monthsAhead: 3, keepMonths: 0 };
const month = (offset: number) => monthStart(now, offset);

beforeAll(async () => {
  hub = await createTestHub({}, { databaseUrl: await isolatedDatabase('partitions'), replicaUrls: [] });
  const f = new Factory(hub.database.db, hub.services);
  admin = await f.key('admin');
  keyId = (await hub.database.pool.query<{ id: number }>('select max(id)::int as id from api_keys')).rows[0]!.id;
  // Months from half a year back, as if the hub had been running since.
  await maintainPartitions(hub.database.pool, { ...SPEC, monthsAhead: 6 }, month(-6));
  for (let offset = -6; offset <= 0; offset++) {
    // Two lookups a month: the month's first instant (its lower bound) and its middle.
    for (const at of [month(offset), new Date(month(offset).getTime() + 14 * 86_400_000)]) {
      await hub.database.pool.query(`insert into credit_lookups (key_id, operation, asked, result_counts, asked_at) values ($1, 'creditStatus', '{}', '{}', $2)`, [keyId, at]);
    }
  }
});
afterAll(async () => hub?.close());

const plan = async (where: string, params: unknown[]) => {
  const { rows } = await hub.database.pool.query<{ 'QUERY PLAN': unknown }>(`explain (format json) select count(*) from credit_lookups ${where}`, params);
  return JSON.stringify(rows[0]!['QUERY PLAN']).match(/credit_lookups_\d{4}_\d{2}/g) ?? [];
};

describe('credit_lookups by month', () => {
  it('has the current month and the months ahead, each named by its China Standard Time month', async () => {
    await maintainPartitions(hub.database.pool, SPEC);
    const names = await partitionsOf(hub.database.pool, 'credit_lookups');
    const cst = (d: Date) => new Date(d.getTime() + 8 * 3600_000);
    for (let offset = -6; offset <= 3; offset++) {
      const m = cst(month(offset));
      expect(names).toContain(`credit_lookups_${m.getUTCFullYear()}_${String(m.getUTCMonth() + 1).padStart(2, '0')}`);
    }
    // A month starts at midnight in Beijing: 16:00 UTC the day before.
    expect(cst(month(0)).toISOString()).toMatch(/-01T00:00:00\.000Z$/);
  });

  it('reads a period from its months alone (EXPLAIN), and everything without one', async () => {
    const all = await plan('', []);
    expect(all.length).toBeGreaterThanOrEqual(10);
    const oneMonth = await plan('where asked_at >= $1 and asked_at < $2', [month(-2), month(-1)]);
    expect(oneMonth).toHaveLength(1);
    expect(oneMonth[0]).toBe((await partitionsOf(hub.database.pool, 'credit_lookups'))[4]);
    const twoMonths = await plan('where asked_at >= $1 and asked_at < $2', [month(-3), month(-1)]);
    expect(twoMonths).toHaveLength(2);
  });

  it('gives the audit log by period through the API', async () => {
    const q = `query($from: DateTimeISO, $to: DateTimeISO, $keyId: Int) { creditLookups(keyId: $keyId, from: $from, to: $to, first: 100) { askedAt } }`;
    const r = await hub.gql(q, { key: admin, variables: { keyId, from: month(-2).toISOString(), to: month(-1).toISOString() } });
    expect(r.errors).toBeUndefined();
    expect(r.data!.creditLookups.map((l: { askedAt: string }) => l.askedAt)).toEqual([new Date(month(-2).getTime() + 14 * 86_400_000).toISOString(), month(-2).toISOString()]);
    const backwards = await hub.gql(q, { key: admin, variables: { from: month(-1).toISOString(), to: month(-2).toISOString() } });
    expect(backwards.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('drops whole months past the retention, and keeps the rest', async () => {
    const before = (await hub.database.pool.query<{ n: number }>('select count(*)::int as n from credit_lookups where key_id = $1', [keyId])).rows[0]!.n;
    expect(before).toBe(14);
    const changes = await maintainPartitions(hub.database.pool, { ...SPEC, keepMonths: 3 });
    // Months -6 to -4 are wholly before the cutoff (the start of month -3).
    expect(changes.dropped).toHaveLength(3);
    const kept = await hub.database.pool.query<{ at: Date }>('select asked_at as at from credit_lookups where key_id = $1 order by asked_at', [keyId]);
    expect(kept.rows).toHaveLength(8);
    expect(kept.rows[0]!.at.getTime()).toBe(month(-3).getTime());
    // New lookups still land in this month.
    expect((await plan('where asked_at >= $1', [month(0)])).length).toBeGreaterThan(0);
  });
});

it('migration 0016 moves the lookups kept before it into their months, ids and all, and new ids follow on', async () => {
  const url = await databaseAt('migration_0016', 15);
  const database = openDatabase({ url, poolMax: 2 });
  try {
    const q = async (text: string, values: unknown[] = []) => (await database.pool.query(text, values)).rows;
    const [key] = await q(`insert into api_keys (name, role, key_hash, key_prefix) values ('m16', 'admin', 'h', 'p') returning id`);
    const at = ['2024-01-31T16:30:00Z', '2025-07-01T03:00:00Z', new Date().toISOString()];
    for (const a of at)
      await q(`insert into credit_lookups (key_id, operation, asked, result_counts, asked_at) values ($1, 'creditStatus', '{x}', '{"codes":1}', $2)`, [key.id, a]);
    const before = await q('select id, asked_at from credit_lookups order by id');
    await runMigrations(database.pool);
    const after = await q('select id, asked_at, asked, result_counts from credit_lookups order by id');
    expect(after.map((r) => [r.id, r.asked_at.toISOString()])).toEqual(before.map((r) => [r.id, r.asked_at.toISOString()]));
    expect(after[0]).toMatchObject({ asked: ['x'], result_counts: { codes: 1 } });
    // 16:30 UTC on 31 January is 00:30 on 1 February in Beijing.
    expect((await q(`select tableoid::regclass::text as p from credit_lookups where id = $1`, [before[0].id]))[0].p).toBe('credit_lookups_2024_02');
    const [next] = await q(`insert into credit_lookups (key_id, operation, asked, result_counts) values ($1, 'creditStatus', '{}', '{}') returning id`, [key.id]);
    expect(Number(next.id)).toBeGreaterThan(Math.max(...before.map((r) => Number(r.id))));
  } finally {
    await database.close();
  }
});

it('migration 0017 moves the staged lines kept before it into the month their batch was created in', async () => {
  const url = await databaseAt('migration_0017', 16);
  const database = openDatabase({ url, poolMax: 2 });
  try {
    const q = async (text: string, values: unknown[] = []) => (await database.pool.query(text, values)).rows;
    const [source] = await q(`insert into data_sources (code, name, kind) values ('m17', 'm17', 'third_party_feed') returning id`);
    const [batch] = await q(`insert into batches (source_id, idempotency_key, status, created_at) values ($1, 'm17', 'open', '2025-03-31T17:00:00Z') returning id`, [source.id]);
    for (let line = 1; line <= 3; line++) await q(`insert into batch_lines (batch_id, part_no, line_no, raw) values ($1, 1, $2, $3)`, [batch.id, line, `{"line":${line}}`]);
    await runMigrations(database.pool);
    const rows = await q(`select line_no, raw, staged_at, tableoid::regclass::text as month from batch_lines where batch_id = $1 order by line_no`, [batch.id]);
    // 17:00 UTC on 31 March is 01:00 on 1 April in Beijing.
    expect(rows.map((r) => [r.line_no, r.raw, r.month])).toEqual([
      [1, '{"line":1}', 'batch_lines_2025_04'],
      [2, '{"line":2}', 'batch_lines_2025_04'],
      [3, '{"line":3}', 'batch_lines_2025_04'],
    ]);
    expect(rows[0].staged_at.toISOString()).toBe('2025-03-31T17:00:00.000Z');
  } finally {
    await database.close();
  }
});
