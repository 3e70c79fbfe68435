import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { BackfillValidationError, backfillStatus, beginBackfill, endBackfill } from '../src/ingestion/backfill/backfill';
import { pushBatch } from '../src/ingestion/push-client';
import { verifyLedger } from '../src/ledger/ledger';
import { Factory } from './helpers/factories';
import { runTs } from './helpers/processes';
import { ndjson, Records } from './helpers/records';
import { createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';

// Backfill mode drops and makes foreign keys: on a database of its own, so that no other
// test file writes while they are away.
let hub: TestHub;
let databaseUrl: string;
let baseUrl: string;
let key: string;

beforeAll(async () => {
  databaseUrl = await isolatedDatabase('backfill');
  hub = await createTestHub({}, { databaseUrl });
  baseUrl = await hub.listen();
  key = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const foreignKeysOn = async (table: string) =>
  (
    await hub.database.db.execute<{ n: number; invalid: number }>(sql`
    select count(*)::int as n, count(*) filter (where not convalidated)::int as invalid from pg_constraint where contype = 'f' and conrelid = ${table}::regclass`)
  ).rows[0]!;

it('sets the pipeline tables’ foreign keys aside, stores a backfill the same, and makes them again validated', async () => {
  const before = await foreignKeysOn('bids');
  expect(before.n).toBeGreaterThanOrEqual(4); // project, lot, bidder, source, batch

  const set = await beginBackfill(hub.database.db);
  expect(set).toBeGreaterThan(50);
  expect(await beginBackfill(hub.database.db)).toBe(0); // already on
  expect((await foreignKeysOn('bids')).n).toBe(0);
  expect(await backfillStatus(hub.database.db)).toHaveLength(set);

  const r = new Records();
  const p = r.project();
  const receipt = await pushBatch(ndjson([p, r.bid(p.id, r.firm()), r.award(p.id, r.firm()), r.bid('not-yet-sent', r.firm())]), {
    baseUrl,
    key,
    idempotencyKey: `backfill-${r.tag}`,
  });
  // The pipeline checks references itself: a bid whose project is unknown is held, as ever.
  expect(receipt).toMatchObject({ status: 'committed', counts: { stored: 3, held: 1, rejected: 0 } });

  const cli = await runTs('src/cli/main.ts', ['backfill', 'status'], { DATABASE_URL: databaseUrl });
  expect(cli.stdout).toContain(`backfill mode on since`);

  expect(await endBackfill(hub.database.db)).toBe(set);
  expect(await foreignKeysOn('bids')).toEqual({ n: before.n, invalid: 0 });
  expect(await backfillStatus(hub.database.db)).toEqual([]);
  expect((await verifyLedger(hub.database.db)).ok).toBe(true);
});

it('names a key a row broke during the backfill, keeps it checking new rows, and ends once the row is fixed', async () => {
  await beginBackfill(hub.database.db);
  // Awards: bids are partitioned, and Postgres keeps no NOT VALID key on a partitioned table
  // (the next test).
  const [award] = (await hub.database.db.execute<{ id: string; project_id: string }>(sql`select id, project_id from awards limit 1`)).rows;
  await hub.database.db.execute(sql`update awards set project_id = 999999999 where id = ${award!.id}`);

  const ended = await endBackfill(hub.database.db).catch((e: unknown) => e);
  expect(ended).toBeInstanceOf(BackfillValidationError);
  expect((ended as Error).message).toMatch(/awards\.awards_project_id_projects_id_fk: Key \(project_id\)=\(999999999\) is not present in table "projects"/);
  // The broken key is back, NOT VALID: new rows are checked already.
  expect(await foreignKeysOn('awards')).toMatchObject({ invalid: 1 });
  await expect(hub.database.db.execute(sql`update awards set project_id = 999999998 where id = ${award!.id}`)).rejects.toThrow();
  expect((await backfillStatus(hub.database.db)).map((fk) => fk.constraintName)).toEqual(['awards_project_id_projects_id_fk']);

  await hub.database.db.execute(sql`update awards set project_id = ${award!.project_id} where id = ${award!.id}`);
  const cli = await runTs('src/cli/main.ts', ['backfill', 'end'], { DATABASE_URL: databaseUrl });
  expect(cli.stdout).toContain('backfill mode off: 1 foreign keys made again and validated');
  expect((await foreignKeysOn('awards')).invalid).toBe(0);
});

it('names a key a bid broke during the backfill, keeps it set aside on the partitioned bids, and ends once the bid is fixed', async () => {
  const before = await foreignKeysOn('bids');
  await beginBackfill(hub.database.db);
  const [bid] = (await hub.database.db.execute<{ id: string; project_id: string }>(sql`select id, project_id from bids limit 1`)).rows;
  await hub.database.db.execute(sql`update bids set project_id = 999999999 where id = ${bid!.id}`);

  const ended = await endBackfill(hub.database.db).catch((e: unknown) => e);
  expect(ended).toBeInstanceOf(BackfillValidationError);
  expect((ended as Error).message).toMatch(/bids\.bids_project_id_projects_id_fk: Key \(project_id\)=\(999999999\) is not present in table "projects"/);
  // Every other key of bids is back and valid; the broken one waits, still listed.
  expect(await foreignKeysOn('bids')).toEqual({ n: before.n - 1, invalid: 0 });
  expect((await backfillStatus(hub.database.db)).map((fk) => fk.constraintName)).toEqual(['bids_project_id_projects_id_fk']);

  await hub.database.db.execute(sql`update bids set project_id = ${bid!.project_id} where id = ${bid!.id}`);
  expect(await endBackfill(hub.database.db)).toBe(1);
  expect(await foreignKeysOn('bids')).toEqual(before);
});

it("makes bids' months for a platform's past years from the command line, moving the bids that waited in the default partition", async () => {
  const r = new Records();
  const p = r.project();
  const bid = r.bid(p.id, r.firm(), { version: '2019-03-05T10:00:00+08:00', submittedAt: '2019-03-04T10:00:00+08:00' });
  await pushBatch(ndjson([p, bid]), { baseUrl, key, idempotencyKey: `months-${r.tag}` });
  const monthOf = async () =>
    (await hub.database.db.execute<{ month: string }>(sql`select tableoid::regclass::text as month from bids where source_record_id = ${bid.id}`)).rows[0]!.month;
  expect(await monthOf()).toBe('bids_default');

  const bad = await runTs('src/cli/main.ts', ['backfill', 'months', '--from', '2019-13'], { DATABASE_URL: databaseUrl });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain("--from takes a month as YYYY-MM, such as 2015-01; '2019-13' is not one");

  const made = await runTs('src/cli/main.ts', ['backfill', 'months', '--from', '2019-02'], { DATABASE_URL: databaseUrl });
  expect(made.code, made.stderr).toBe(0);
  expect(made.stdout).toMatch(/^made \d+ months of bids, bids_2019_02 to bids_\d{4}_\d{2}; bids the default partition held for them moved in\n$/);
  expect(await monthOf()).toBe('bids_2019_03');
  const again = await runTs('src/cli/main.ts', ['backfill', 'months', '--from', '2019-02'], { DATABASE_URL: databaseUrl });
  expect(again.stdout).toBe('bids have every month from 2019-02 already: nothing made\n');
  expect((await verifyLedger(hub.database.db)).ok).toBe(true);
});
