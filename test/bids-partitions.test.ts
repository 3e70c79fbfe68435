import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bidMonths, maintainPartitions, partitionsOf } from '../src/db/partitions';
import { pushBatch } from '../src/ingestion/push-client';
import { verifyLedger } from '../src/ledger/ledger';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';

/**
 * Bids in monthly partitions by submission time (migrations/0018), pushed through the hub:
 * one row per source record all the same, a bid that changes month moves, a period read from
 * its months alone, and a bid of a month not made kept in the default until its month is.
 */
let hub: TestHub;
let platform: string;
let baseUrl: string;
const BIDS = bidMonths(3);

beforeAll(async () => {
  hub = await createTestHub({}, { databaseUrl: await isolatedDatabase('bids_partitions'), replicaUrls: [] });
  baseUrl = await hub.listen();
  platform = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
  // The months from May to August 2025, as a hub running then would have made them.
  await maintainPartitions(hub.database.pool, BIDS, new Date('2025-05-15T00:00:00+08:00'));
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const q = async <R extends Record<string, unknown>>(text: string, values: unknown[] = []) => (await hub.database.pool.query<R>(text, values)).rows;
/** Where each row of a source record is: its id and the partition holding it. */
const rowsOf = (recordId: string) => q<{ id: string; month: string }>(`select id, tableoid::regclass::text as month from bids where source_record_id = $1 order by id`, [recordId]);
const push = (records: object[], key: string) => pushBatch(ndjson(records), { baseUrl, key: platform, idempotencyKey: key });

describe('bids by month', () => {
  it('keeps one row per bid: in its month, moved with a newer version that changes the month, untouched by an older one', async () => {
    const r = new Records();
    const p = r.project();
    const bidder = r.firm();
    const bid = r.bid(p.id, bidder, { submittedAt: '2025-06-24T10:00:00+08:00' });
    expect((await push([p, bid], `bp1-${r.tag}`)).counts).toMatchObject({ stored: 2, rejected: 0 });
    const [first] = await rowsOf(bid.id);
    expect(first).toMatchObject({ month: 'bids_2025_06' });

    // Submitted on 1 July in Beijing (16:30 UTC on 30 June): the July month.
    const moved = { ...bid, version: '2025-06-25T10:00:00+08:00', submittedAt: '2025-07-01T00:30:00+08:00', price: '940000.00' };
    expect((await push([moved], `bp2-${r.tag}`)).counts).toMatchObject({ stored: 1 });
    expect(await rowsOf(bid.id)).toEqual([{ id: first!.id, month: 'bids_2025_07' }]);

    const older = { ...bid, version: '2025-06-20T10:00:00+08:00', submittedAt: '2025-05-02T10:00:00+08:00' };
    expect((await push([older], `bp3-${r.tag}`)).counts).toMatchObject({ stored: 0, stale: 1 });
    expect(await rowsOf(bid.id)).toEqual([{ id: first!.id, month: 'bids_2025_07' }]);
    expect(await q(`select price from bids where id = $1`, [first!.id])).toEqual([{ price: '940000.00' }]);
    expect(await q(`select bid_id from bid_keys where source_record_id = $1`, [bid.id])).toEqual([{ bid_id: first!.id }]);
    expect((await verifyLedger(hub.database.db)).ok).toBe(true);
  });

  it('reads a period from its months alone (EXPLAIN)', async () => {
    const plan = async (where: string, params: unknown[]) => {
      const [row] = await q<{ 'QUERY PLAN': unknown }>(`explain (format json) select count(*) from bids ${where}`, params);
      return JSON.stringify(row!['QUERY PLAN']).match(/bids_(\d{4}_\d{2}|default)/g) ?? [];
    };
    expect((await plan('', [])).length).toBeGreaterThanOrEqual(5);
    expect(await plan('where submitted_at >= $1 and submitted_at < $2', ['2025-06-01T00:00:00+08:00', '2025-07-01T00:00:00+08:00'])).toEqual(['bids_2025_06']);
    expect(await plan('where submitted_at >= $1 and submitted_at < $2', ['2025-06-10T00:00:00+08:00', '2025-07-10T00:00:00+08:00'])).toEqual(['bids_2025_06', 'bids_2025_07']);
  });

  it('refuses a second row for a record it holds, from any writer, as the unique key did', async () => {
    const r = new Records();
    const p = r.project();
    const bid = r.bid(p.id, r.firm());
    await push([p, bid], `bp4-${r.tag}`);
    const [row] = await q<{ id: string }>(`select id from bids where source_record_id = $1`, [bid.id]);
    const copy = hub.database.pool.query(
      `insert into bids (project_id, bidder_id, price, submitted_at, deposit_form, source_id, batch_id, source_record_id, source_version)
       select project_id, bidder_id, price, submitted_at + interval '40 days', deposit_form, source_id, batch_id, source_record_id, source_version from bids where id = $1`,
      [row!.id],
    );
    await expect(copy).rejects.toMatchObject({ code: '23505', constraint: 'bid_keys_pk' });
    expect(await rowsOf(bid.id)).toHaveLength(1);
  });

  it('keeps a bid of a month not made in the default partition, and moves it, stamp and all, when its month is made', async () => {
    const r = new Records();
    const p = r.project();
    const bid = r.bid(p.id, r.firm(), { version: '2024-01-12T10:00:00+08:00', submittedAt: '2024-01-10T10:00:00+08:00' });
    await push([p, bid], `bp5-${r.tag}`);
    const [before] = await q<{ id: string; month: string; stored_hash: string }>(
      `select id, tableoid::regclass::text as month, stored_hash from bids where source_record_id = $1`,
      [bid.id],
    );
    expect(before!.month).toBe('bids_default');

    const changes = await maintainPartitions(hub.database.pool, { ...BIDS, monthsAhead: 0 }, new Date('2024-01-20T00:00:00+08:00'));
    expect(changes.created).toEqual(['bids_2024_01']);
    expect(await partitionsOf(hub.database.pool, 'bids')).toContain('bids_2024_01');
    const [after] = await q(`select id, tableoid::regclass::text as month, stored_hash from bids where source_record_id = $1`, [bid.id]);
    expect(after).toEqual({ ...before, month: 'bids_2024_01' });
    // The month made apart took the table's triggers when attached: a resend still merges, once.
    const again = { ...bid, version: '2024-01-13T10:00:00+08:00', price: '930000.00' };
    expect((await push([again], `bp6-${r.tag}`)).counts).toMatchObject({ stored: 1 });
    expect(await rowsOf(bid.id)).toEqual([{ id: before!.id, month: 'bids_2024_01' }]);
    expect((await verifyLedger(hub.database.db)).ok).toBe(true);
  });
});
