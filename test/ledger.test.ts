import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema';
import { pushBatch } from '../src/ingestion/push-client';
import { Factory } from './helpers/factories';
import { runTs } from './helpers/processes';
import { ndjson, Records } from './helpers/records';
import { codes, createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let admin: string;
let platform: string;
let baseUrl: string;

// On a database of its own: verification re-reads every kept line of every batch, and on
// the shared test database that is every other test file's batches too.
let databaseUrl: string;

beforeAll(async () => {
  databaseUrl = await isolatedDatabase('ledger');
  hub = await createTestHub({}, { databaseUrl });
  baseUrl = await hub.listen();
  const f = new Factory(hub.database.db, hub.services);
  admin = await f.key('admin');
  platform = await f.key('platform', { platform: 'P152900' });
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const VERIFY = '{ ledgerVerification { ok entriesChecked firstBadBatchId problems { batchId problem } } }';

describe('the ingestion ledger (存证)', () => {
  it('walks the ledger once for an operation that asks under several aliases', async () => {
    const r = new Records();
    expect((await pushBatch(ndjson([r.project()]), { baseUrl, key: platform, idempotencyKey: `once-${r.tag}` })).status).toBe('committed');
    const walk = async (query: string) => {
      const before = hub.statements();
      const answer = await hub.gql(query, { key: admin });
      expect(answer.errors).toBeUndefined();
      return { answer: answer.data!, statements: hub.statements() - before };
    };
    const one = await walk('{ ledgerVerification { ok entriesChecked } }');
    const three = await walk('{ a: ledgerVerification { ok entriesChecked } b: ledgerVerification { ok } c: ledgerVerification { entriesChecked } }');
    expect(three.answer).toEqual({ a: one.answer.ledgerVerification, b: { ok: true }, c: { entriesChecked: one.answer.ledgerVerification.entriesChecked } });
    // The same statements as one walk (a few more would be the key check), not three walks' worth.
    expect(three.statements).toBeLessThan(one.statements + 5);
    expect(one.statements).toBeGreaterThan(10);
  });

  it("detects a stored row edited behind the hub's back and names its batch", async () => {
    const r = new Records();
    const p = r.project();
    const award = r.award(p.id, r.firm());
    const first = await pushBatch(ndjson([p]), { baseUrl, key: platform, idempotencyKey: `l1-${r.tag}` });
    const second = await pushBatch(ndjson([award]), { baseUrl, key: platform, idempotencyKey: `l2-${r.tag}` });
    expect([first.status, second.status]).toEqual(['committed', 'committed']);

    const before = await hub.gql(VERIFY, { key: admin });
    expect(before.data!.ledgerVerification).toMatchObject({ ok: true, firstBadBatchId: null, problems: [] });
    expect(before.data!.ledgerVerification.entriesChecked).toBeGreaterThanOrEqual(2);

    const [row] = await hub.database.db.select().from(t.awards).where(eq(t.awards.sourceRecordId, award.id));
    await hub.database.db.execute(sql`update awards set amount = amount + 1 where id = ${row!.id}`);
    try {
      const after = await hub.gql(VERIFY, { key: admin });
      expect(after.data!.ledgerVerification.ok).toBe(false);
      expect(after.data!.ledgerVerification.firstBadBatchId).toBe(second.id);
      expect(after.data!.ledgerVerification.problems[0].problem).toContain(`award '${award.id}' was changed`);

      const cli = await runTs('src/cli/main.ts', ['ledger', 'verify'], { DATABASE_URL: databaseUrl });
      expect(cli.code).toBe(1);
      expect(cli.stdout).toContain(`first bad batch ${second.id}`);
    } finally {
      await hub.database.db.execute(sql`update awards set amount = ${row!.amount} where id = ${row!.id}`);
    }
    expect((await hub.gql(VERIFY, { key: admin })).data!.ledgerVerification.ok).toBe(true);
  });

  it("detects a staged line edited behind the hub's back: the batch's digest is taken again from its lines", async () => {
    const r = new Records();
    const p = r.project();
    const receipt = await pushBatch(ndjson([p]), { baseUrl, key: platform, idempotencyKey: `l3-${r.tag}` });
    const batchId = Number(receipt.id);
    await hub.database.db.execute(sql`update batch_lines set raw = replace(raw, ${p.title}, ${`${p.title} 改`}) where batch_id = ${batchId}`);
    try {
      const after = await hub.gql(VERIFY, { key: admin });
      expect(after.data!.ledgerVerification.firstBadBatchId).toBe(receipt.id);
      expect(after.data!.ledgerVerification.problems.map((x: { problem: string }) => x.problem)).toEqual([
        'its staged lines changed (1 valid lines now, 1 sealed)',
        `stored project '${p.id}' no longer holds the content its line 1 sent`,
      ]);
    } finally {
      await hub.database.db.execute(sql`update batch_lines set raw = replace(raw, ${`${p.title} 改`}, ${p.title}) where batch_id = ${batchId}`);
    }
    expect((await hub.gql(VERIFY, { key: admin })).data!.ledgerVerification.ok).toBe(true);
  });

  it('detects a stored row deleted, and a row slipped in under a batch that never sent it', async () => {
    const r = new Records();
    const p = r.project();
    const bid = r.bid(p.id, r.firm());
    const receipt = await pushBatch(ndjson([p, bid]), { baseUrl, key: platform, idempotencyKey: `l4-${r.tag}` });
    const [row] = await hub.database.db.select().from(t.bids).where(eq(t.bids.sourceRecordId, bid.id));
    await hub.database.db.execute(sql`delete from bids where id = ${row!.id}`);
    try {
      const after = (await hub.gql(VERIFY, { key: admin })).data!.ledgerVerification;
      expect(after.firstBadBatchId).toBe(receipt.id);
      expect(after.problems.map((x: { problem: string }) => x.problem)).toEqual([`stored bid '${bid.id}' (line 2) was deleted`]);
    } finally {
      await hub.database.db.insert(t.bids).values(row!);
    }
    // Put back as it was (the trigger stamps an insert as the pipeline's own): the ledger holds again.
    expect((await hub.gql(VERIFY, { key: admin })).data!.ledgerVerification.ok).toBe(true);

    const { id: _id, ...copy } = row!;
    await hub.database.db.insert(t.bids).values({ ...copy, sourceRecordId: `${bid.id}-forged` });
    try {
      const after = (await hub.gql(VERIFY, { key: admin })).data!.ledgerVerification;
      expect(after.firstBadBatchId).toBe(receipt.id);
      expect(after.problems.map((x: { problem: string }) => x.problem)).toEqual(['1 bid row(s) name this batch but none of its lines holds their version']);
    } finally {
      await hub.database.db.delete(t.bids).where(eq(t.bids.sourceRecordId, `${bid.id}-forged`));
    }
  });

  it('verifies a batch whose staged lines retention pruned by its chain, and says how many', async () => {
    const r = new Records();
    const receipt = await pushBatch(ndjson([r.project()]), { baseUrl, key: platform, idempotencyKey: `l5-${r.tag}` });
    const FIGURES = '{ ledgerVerification { ok entriesChecked digestsRecomputed chainOnly } }';
    const before = (await hub.gql(FIGURES, { key: admin })).data!.ledgerVerification;
    expect(before.digestsRecomputed + before.chainOnly).toBe(before.entriesChecked);
    await hub.database.db.execute(sql`delete from batch_lines where batch_id = ${Number(receipt.id)}`);
    const after = (await hub.gql(FIGURES, { key: admin })).data!.ledgerVerification;
    expect(after).toMatchObject({ ok: true, entriesChecked: before.entriesChecked, chainOnly: before.chainOnly + 1, digestsRecomputed: before.digestsRecomputed - 1 });
  });

  it('passes a batch that sent one version of a record twice with different content: the refused line left no row to compare', async () => {
    const r = new Records();
    const p = r.project();
    const receipt = await pushBatch(ndjson([p, { ...p, title: `${p.title}（又一份）` }]), { baseUrl, key: platform, idempotencyKey: `l6-${r.tag}` });
    expect(receipt.counts).toMatchObject({ stored: 1, rejected: 1 });
    expect((await hub.gql(VERIFY, { key: admin })).data!.ledgerVerification).toMatchObject({ ok: true, problems: [] });
  });

  it('is for admin only', async () => {
    expect(codes(await hub.gql(VERIFY, { key: platform }))).toEqual(['FORBIDDEN']);
  });
});
