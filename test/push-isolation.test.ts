import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema';
import { describeFault, isRecordFault } from '../src/ingestion/pipeline/faults';
import { pushBatch } from '../src/ingestion/push-client';
import { recordsStoredBy } from './helpers/heads';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

// Issue 10, finding 4: one odd line failed the whole batch, and every good record in it was lost.

let hub: TestHub;
let baseUrl: string;
let key: string;
const r = new Records();
const poison = `${r.tag}-poison`;
const disk = `${r.tag}-disk`;

const REJECTIONS = `query($id: ID!) { batch(id: $id) { status error counts { received stored held rejected }
  rejections(first: 100) { nodes { line recordType recordId errors { path code message } } } } }`;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  key = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
  // Faults injected by triggers, for this file's records only: a value Postgres refuses
  // (SQLSTATE 22023) in each write step, and a full disk (53100) for the infrastructure.
  const fn = `h2_fault_${r.tag.toLowerCase()}`;
  await hub.database.pool.query(`
    create function ${fn}() returns trigger language plpgsql as $$
    begin
      if row_to_json(new)::text like '%${disk}%' then raise exception 'could not extend file: No space left on device' using errcode = '53100'; end if;
      if row_to_json(new)::text like '%${poison}%' then raise exception 'refused' using errcode = '22023'; end if;
      return new;
    end $$`);
  for (const table of ['entities', 'held_records', 'committee_members', 'entity_records', 'bids']) {
    await hub.database.pool.query(`create trigger ${fn} before insert or update on ${table} for each row execute function ${fn}()`);
  }
});
afterAll(async () => {
  await hub.services.processor.idle();
  const fn = `h2_fault_${r.tag.toLowerCase()}`;
  for (const table of ['entities', 'held_records', 'committee_members', 'entity_records', 'bids']) await hub.database.pool.query(`drop trigger if exists ${fn} on ${table}`);
  await hub.database.pool.query(`drop function if exists ${fn}()`);
  await hub.close();
});

const push = (lines: string[], idempotencyKey = `iso-${Math.random()}`) => pushBatch(lines, { baseUrl, key, idempotencyKey });
const receiptOf = async (id: string) => (await hub.gql(REJECTIONS, { key, variables: { id } })).data!.batch;
const byLine = (batch: { rejections: { nodes: Array<{ line: number; errors: Array<{ path: string; code: string }> }> } }) =>
  Object.fromEntries(batch.rejections.nodes.map((n) => [n.line, n.errors.map((e) => `${e.path} ${e.code}`)]));

describe('one odd line rejects that line, never the batch', () => {
  it('looks record types up without inherited properties', async () => {
    const p = r.project();
    const odd = ['constructor', '__proto__', 'hasOwnProperty', 'toString'].map((type) => JSON.stringify({ type, id: r.id('odd'), version: '2025-06-01T09:00:00+08:00' }));
    const receipt = await push([JSON.stringify(p), ...odd]);
    expect(receipt).toMatchObject({ status: 'committed', counts: { received: 5, stored: 1, rejected: 4 } });
    expect(byLine(await receiptOf(receipt.id))).toEqual({ 2: ['type UNKNOWN_TYPE'], 3: ['type UNKNOWN_TYPE'], 4: ['type UNKNOWN_TYPE'], 5: ['type UNKNOWN_TYPE'] });
  });

  it('rejects NUL and lone surrogates in values and keys at any depth, naming the field', async () => {
    const p = r.project();
    const lines = [
      JSON.stringify(p),
      JSON.stringify(r.bid(p.id, { ...r.firm(), name: 'A\u0000B' })),
      JSON.stringify(r.project({ title: 'x\ud800y' })),
      JSON.stringify({ ...r.project(), ['colour\u0000']: 'red' }),
      JSON.stringify(r.project({ id: 'id-with-\u0000' })),
      JSON.stringify({ ...r.project(), type: 'project\u0000' }),
      JSON.stringify(r.bid(p.id, r.firm(), { machineCode: '\udfff' })),
      JSON.stringify(r.bid(p.id, r.firm())),
    ];
    const receipt = await push(lines);
    expect(receipt).toMatchObject({ status: 'committed', counts: { received: 8, stored: 2, rejected: 6 } });
    const batch = await receiptOf(receipt.id);
    expect(byLine(batch)).toEqual({
      2: ['bidder.name INVALID_CHARACTER'],
      3: ['title INVALID_CHARACTER'],
      4: ['colour\\u0000 INVALID_CHARACTER'],
      5: ['id INVALID_CHARACTER'],
      6: ['type INVALID_CHARACTER'],
      7: ['machineCode INVALID_CHARACTER'],
    });
    // What is kept of them is readable: the NUL written out as text.
    expect(batch.rejections.nodes.find((n: { line: number }) => n.line === 5).recordId).toBe('id-with-\\u0000');
  });

  it('refuses, record by record, what Postgres refuses in any write step, and stores the rest', async () => {
    const p = r.project();
    const heldParent = r.project();
    const lines = ndjson([
      p,
      r.bid(p.id, { ...r.firm(), name: `${poison} party` }), // a new entity Postgres refuses
      r.bid(heldParent.id, r.firm(), { id: `${poison}-held` }), // a held record Postgres refuses
      r.bid(p.id, r.firm(), { machineCode: `${poison}-row` }), // a row Postgres refuses
      r.bid(p.id, r.firm()),
      r.award(p.id, r.firm()),
    ]);
    const receipt = await push(lines);
    expect(receipt).toMatchObject({ status: 'committed', counts: { received: 6, stored: 3, held: 0, rejected: 3 } });
    const batch = await receiptOf(receipt.id);
    expect(byLine(batch)).toEqual({ 2: ['bidder INVALID_VALUE'], 3: [' INVALID_VALUE'], 4: [' INVALID_VALUE'] });
    expect(await recordsStoredBy(hub.database.db, Number(receipt.id))).toHaveLength(3);
  });

  it('a batch that once failed on such a line commits when sealed again', async () => {
    const p = r.project();
    const lines = ndjson([p, { type: '__proto__', id: 'x', version: '2025-06-01T09:00:00+08:00' }, r.bid(p.id, { ...r.firm(), name: 'NUL\u0000' }), r.bid(p.id, r.firm())]);
    const idempotencyKey = `iso-again-${r.tag}`;
    // As the hub before this fix left such a batch: staged, then failed with nothing stored.
    const open = await hub.gql(`mutation { openBatch(idempotencyKey: "${idempotencyKey}") { id uploadUrl } }`, { key });
    const { id, uploadUrl } = open.data!.openBatch;
    const put = await fetch(`${baseUrl}${uploadUrl.replace('{partNo}', '1')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' },
      body: `${lines.join('\n')}\n`,
    });
    expect(put.status).toBe(200);
    await hub.database.db.execute(sql`update batches set status = 'failed', error = 'processing failed' where id = ${Number(id)}`);
    const first = { id };
    const again = await push(lines, idempotencyKey);
    expect(again).toMatchObject({ id: first.id, status: 'committed', counts: { received: 4, stored: 2, rejected: 2 } });
  });

  it('fails the batch only for an infrastructure fault, and names the fault without values', async () => {
    const p = r.project();
    const receipt = await push(ndjson([p, r.bid(p.id, r.person(), { machineCode: disk })])).catch((e: Error) => e);
    const [batch] = await hub.database.db
      .select()
      .from(t.batches)
      .where(sql`idempotency_key like 'iso-%' and error is not null order by id desc limit 1`);
    expect(receipt instanceof Error ? 'failed' : receipt.status).toBe('failed');
    expect(batch!.error).toMatch(/nothing of the batch was stored.*ran out of resources.*SQLSTATE 53100/);
    expect(batch!.error).not.toMatch(/152921|params|insert/i);
  });
});

describe('fault classes', () => {
  const pg = (code: string) => new Error('Failed query: insert … params: 152921198001011234', { cause: Object.assign(new Error('boom'), { code }) });
  it("tells a record's fault from the infrastructure's", () => {
    expect(['22001', '22023', '23505', '21000', '54000'].map((c) => isRecordFault(pg(c)))).toEqual([true, true, true, true, true]);
    expect(['08006', '40001', '53100', '57P01', 'XX000'].map((c) => isRecordFault(pg(c)))).toEqual([false, false, false, false, false]);
    expect(isRecordFault(new Error('Connection terminated unexpectedly'))).toBe(false);
    expect(describeFault(pg('40001'))).toMatch(/serialization.*40001/);
    expect(describeFault(pg('22023'))).not.toMatch(/152921/);
  });
});
