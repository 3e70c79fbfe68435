import { expect, it } from 'vitest';
import { openDatabase } from '../src/db/database';
import { runMigrations } from '../src/db/migrate';
import { entryHash, verifyLedger } from '../src/ledger/ledger';
import { seedReferenceData } from '../src/registry/registry.repository';
import { databaseAt } from './helpers/test-hub';

type Query = (text: string, values?: unknown[]) => Promise<Array<{ id: number }>>;

/** A committed batch of a source of its own, as the pipeline leaves one: `prov` is its source and batch for a row's values. */
async function committedBatch(q: Query, code: string) {
  const [source] = await q(`insert into data_sources (code, name, kind) values ($1, $1, 'third_party_feed') returning id`, [code]);
  const [batch] = await q(`insert into batches (source_id, idempotency_key, status, committed_at) values ($1, $2, 'committed', now()) returning id`, [source!.id, code]);
  return { source: source!, batch: batch!, prov: `${source!.id}, ${batch!.id}` };
}

/** The batch's ledger entry, as sealed since migration 0010 (a digest of its staged lines). */
async function sealInLedger(q: Query, batchId: number) {
  const digest = 'd'.repeat(64);
  await q(`insert into ledger_entries (batch_id, batch_digest, records, previous_hash, entry_hash, digest_of) values ($1, $2, 3, $3, $4, 'staged_lines')`, [
    batchId,
    digest,
    '0'.repeat(64),
    entryHash('0'.repeat(64), batchId, digest, 3),
  ]);
}

const oldRowHash = (table: string, where: string) => `(select encode(sha256(convert_to(x::text, 'UTF8')), 'hex') from ${table} x where ${where})`;

it('migration 0010 moves each head into its row, stamps rows that still matched, and keeps reporting a row tampered with before', async () => {
  const db = openDatabase({ url: await databaseAt('migration_0010', 9), poolMax: 2 });
  const q = async (text: string, values: unknown[] = []) => (await db.pool.query(text, values)).rows;
  try {
    // As the pipeline before 0010 left a batch: rows, their heads with the row hash, their versions, a ledger entry.
    const [source] = await q(`insert into data_sources (code, name, kind) values ('m10', 'm10', 'third_party_feed') returning id`);
    const [batch] = await q(`insert into batches (source_id, idempotency_key, status, committed_at) values ($1, 'm10', 'committed', now()) returning id`, [source.id]);
    const prov = `${source.id}, ${batch.id}`;
    for (const code of ['e1', 'e2', 'e3'])
      await q(`insert into experts (expert_code, name, source_id, batch_id, source_record_id, source_version) values ($1, $1, ${prov}, $1, '2025-01-01')`, [code]);
    await q(
      `insert into entities (kind, uscc, name, source_id, batch_id, source_record_id, source_version) values ('organisation', '91150100MA0N000001', '公司', ${prov}, 'c1', '2025-01-01')`,
    );
    for (const code of ['e1', 'e2'])
      await q(
        `insert into record_heads select ${source.id}, 'expert', $1, x.id, '2025-01-01', 'hash-' || $1, ${batch.id}, ${oldRowHash('experts', 'x.expert_code = $1')} from experts x where x.expert_code = $1`,
        [code],
      );
    await q(
      `insert into record_heads select ${source.id}, 'entity', 'c1', x.id, '2025-01-01', 'hash-c1', ${batch.id}, ${oldRowHash('entities', "x.source_record_id = 'c1'")} from entities x`,
    );
    await q(`insert into record_versions values (${source.id}, 'expert', 'e1', '2025-01-01', ${batch.id}, 'hash-e1', '{}')`);
    const digest = 'd'.repeat(64);
    await q(`insert into ledger_entries (batch_id, batch_digest, records, previous_hash, entry_hash) values ($1, $2, 3, $3, $4)`, [
      batch.id,
      digest,
      '0'.repeat(64),
      entryHash('0'.repeat(64), Number(batch.id), digest, 3),
    ]);
    await q(`update experts set name = '改过' where expert_code = 'e2'`); // tampered with before the migration

    await runMigrations(db.pool);

    const experts = await q(`select expert_code, content_hash, stored_hash, stored_hash = hub_row_stamp(x) as stamped from experts x order by expert_code`);
    expect(experts).toEqual([
      { expert_code: 'e1', content_hash: 'hash-e1', stored_hash: expect.any(String), stamped: true },
      { expert_code: 'e2', content_hash: 'hash-e2', stored_hash: null, stamped: null },
      { expert_code: 'e3', content_hash: null, stored_hash: expect.any(String), stamped: true },
    ]);
    expect(await q(`select record_id, content_hash, stored_hash is not null as hashed from entity_records`)).toEqual([{ record_id: 'c1', content_hash: 'hash-c1', hashed: true }]);
    expect(await q(`select to_regclass('record_heads') as heads, to_regclass('record_versions') as versions`)).toEqual([{ heads: null, versions: null }]);

    const verified = await verifyLedger(db.db);
    expect(verified).toMatchObject({ ok: false, entriesChecked: 1, digestsRecomputed: 0, chainOnly: 1, firstBadBatchId: Number(batch.id) });
    expect(verified.problems.map((p) => p.problem)).toEqual(["stored expert 'e2' was changed after the batch committed"]);

    // From now on the trigger stamps: an edit keeps the old stamp, a new version is stamped anew.
    await q(`update experts set name = '又改' where expert_code = 'e1'`);
    expect((await verifyLedger(db.db)).problems.map((p) => p.problem)).toContain("stored expert 'e1' was changed after the batch committed");
    await q(`update experts set name = 'e1 v2', source_version = '2025-02-01', content_hash = 'hash-e1-v2' where expert_code = 'e1'`);
    expect((await verifyLedger(db.db)).problems.map((p) => p.problem)).toEqual(["stored expert 'e2' was changed after the batch committed"]);
  } finally {
    await db.close();
  }
});

it('migration 0011 adds currencies and identifier schemes without making stored rows look tampered with, and keeps reporting one that was', async () => {
  const db = openDatabase({ url: await databaseAt('migration_0011', 10), poolMax: 2 });
  const q = async (text: string, values: unknown[] = []) => (await db.pool.query(text, values)).rows;
  try {
    const { source, batch, prov } = await committedBatch(q, 'm11');
    const [entity] = await q(
      `insert into entities (kind, uscc, name, source_id, batch_id, source_record_id, source_version) values ('organisation', '91150100MA0N000001', '公司', ${prov}, 'c1', '2025-01-01') returning id`,
    );
    await q(`insert into entity_records select ${source.id}, 'c1', x.id, '2025-01-01', 'hash-c1', ${batch.id}, encode(sha256(convert_to(x::text, 'UTF8')), 'hex') from entities x`);
    for (const n of ['p1', 'p2'])
      await q(
        `insert into penalties (entity_id, decision_number, authority, decided_on, content, amount, source_id, batch_id, source_record_id, source_version, content_hash)
         values (${entity.id}, $1, '局', '2025-01-02', '串标', '1000.00', ${prov}, $1, '2025-01-01', 'hash-' || $1)`,
        [n],
      );
    await sealInLedger(q, Number(batch.id));
    await q(`update penalties set amount = '1.00' where source_record_id = 'p2'`); // tampered with before the migration
    const problemsBefore = (await verifyLedger(db.db)).problems.map((p) => p.problem);

    await runMigrations(db.pool);

    expect(await q(`select source_record_id, currency from penalties order by 1`)).toEqual([
      { source_record_id: 'p1', currency: 'CNY' },
      { source_record_id: 'p2', currency: 'CNY' },
    ]);
    expect(await q(`select identified_by, scheme_key from entities`)).toEqual([{ identified_by: 'uscc', scheme_key: null }]);
    const problemsAfter = (await verifyLedger(db.db)).problems.map((p) => p.problem);
    expect(problemsBefore).toEqual(["stored penalty 'p2' was changed after the batch committed"]);
    expect(problemsAfter).toEqual(problemsBefore);
  } finally {
    await db.close();
  }
});

/**
 * A committed, sealed batch of one project with two bids (and what `more` adds), as the hub
 * stored them before a migration; bid 'b2' is then tampered with. Returns the ledger's
 * problems at that point, which the migration must leave exactly as they are.
 */
async function projectWithBids(
  q: Query,
  db: ReturnType<typeof openDatabase>,
  code: string,
  more: (ids: { prov: string; entity: number; project: number }) => Promise<void> = async () => {},
) {
  await seedReferenceData(db.db);
  const { batch, prov } = await committedBatch(q, code);
  const [entity] = await q(
    `insert into entities (kind, identified_by, uscc, name, source_id, batch_id, source_record_id, source_version) values ('organisation', 'uscc', '91150100MA0N000001', '公司', ${prov}, 'c1', '2025-01-01') returning id`,
  );
  const [platform] = await q(`select id from platforms where code = 'P152900'`);
  const [project] = await q(
    `insert into projects (platform_id, project_code, title, category_code, region_code, initiator_id, budget, procurement_method, status, registered_at, source_id, batch_id, source_record_id, source_version, content_hash)
     values (${platform!.id}, 'PC', '工程', 'construction', '152921', ${entity!.id}, '100.00', 'open_tender', 'tendering', '2025-01-01', ${prov}, 'p1', '2025-01-01', 'hash-p1') returning id`,
  );
  for (const n of ['b1', 'b2'])
    await q(
      `insert into bids (project_id, bidder_id, price, submitted_at, deposit_form, source_id, batch_id, source_record_id, source_version, content_hash)
       values (${project!.id}, ${entity!.id}, '90.00', '2025-01-02', 'none', ${prov}, $1, '2025-01-02', 'hash-' || $1)`,
      [n],
    );
  await more({ prov, entity: entity!.id, project: project!.id });
  await sealInLedger(q, Number(batch.id));
  await q(`update bids set price = '1.00' where source_record_id = 'b2'`); // tampered with before the migration
  return (await verifyLedger(db.db)).problems.map((p) => p.problem);
}

it('migration 0012 adds bid outcomes and project limits without making stored rows look tampered with, and keeps reporting one that was', async () => {
  const db = openDatabase({ url: await databaseAt('migration_0012', 11), poolMax: 2 });
  const q = async (text: string, values: unknown[] = []) => (await db.pool.query(text, values)).rows;
  try {
    const problemsBefore = await projectWithBids(q, db, 'm12');

    await runMigrations(db.pool);

    expect(await q(`select source_record_id, status from bids order by 1`)).toEqual([
      { source_record_id: 'b1', status: 'valid' },
      { source_record_id: 'b2', status: 'valid' },
    ]);
    expect(problemsBefore).toEqual(["stored bid 'b2' was changed after the batch committed"]);
    expect((await verifyLedger(db.db)).problems.map((p) => p.problem)).toEqual(problemsBefore);
  } finally {
    await db.close();
  }
});

it('migration 0014 adds lot codes and project items without making stored rows look tampered with, and keeps reporting one that was', async () => {
  const db = openDatabase({ url: await databaseAt('migration_0014', 13), poolMax: 2 });
  const q = async (text: string, values: unknown[] = []) => (await db.pool.query(text, values)).rows;
  try {
    const problemsBefore = await projectWithBids(q, db, 'm14', ({ prov, entity, project }) =>
      q(
        `insert into awards (project_id, winner_id, amount, awarded_at, source_id, batch_id, source_record_id, source_version, content_hash)
         values (${project}, ${entity}, '90.00', '2025-01-03', ${prov}, 'a1', '2025-01-03', 'hash-a1')`,
      ).then(() => undefined),
    );

    await runMigrations(db.pool);

    expect(await q(`select source_record_id, lot_code from bids order by 1`)).toEqual([
      { source_record_id: 'b1', lot_code: null },
      { source_record_id: 'b2', lot_code: null },
    ]);
    expect(problemsBefore).toEqual(["stored bid 'b2' was changed after the batch committed"]);
    expect((await verifyLedger(db.db)).problems.map((p) => p.problem)).toEqual(problemsBefore);
  } finally {
    await db.close();
  }
});

it('migration 0018 moves stored bids into their months, ids, stamps and keys kept, and keeps reporting one tampered with', async () => {
  const db = openDatabase({ url: await databaseAt('migration_0018', 17), poolMax: 2 });
  const q = async (text: string, values: unknown[] = []) => (await db.pool.query(text, values)).rows;
  try {
    const problemsBefore = await projectWithBids(q, db, 'm18');
    const before = await q(`select id, source_record_id, stored_hash from bids order by id`);

    await runMigrations(db.pool);

    // Submitted on 2 January 2025, Beijing time (the literal is read in the server's zone, UTC
    // here, and 00:00 UTC is 08:00 in Beijing): the January month.
    expect(await q(`select id, source_record_id, stored_hash, tableoid::regclass::text as month from bids order by id`)).toEqual(
      before.map((r) => ({ ...r, month: 'bids_2025_01' })),
    );
    expect(await q(`select source_record_id, bid_id from bid_keys order by bid_id`)).toEqual(before.map((r) => ({ source_record_id: r.source_record_id, bid_id: r.id })));
    expect(problemsBefore).toEqual(["stored bid 'b2' was changed after the batch committed"]);
    expect((await verifyLedger(db.db)).problems.map((p) => p.problem)).toEqual(problemsBefore);
    // New bids take ids after the old ones.
    const [next] = await q(
      `insert into bids (project_id, bidder_id, price, submitted_at, deposit_form, source_id, batch_id, source_record_id, source_version)
       select project_id, bidder_id, price, now(), deposit_form, source_id, batch_id, 'b3', source_version from bids where source_record_id = 'b1' returning id`,
    );
    expect(Number(next!.id)).toBeGreaterThan(Math.max(...before.map((r) => Number(r.id))));
  } finally {
    await db.close();
  }
});
