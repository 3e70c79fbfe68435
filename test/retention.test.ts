import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { maintainPartitions, partitionsOf } from '../src/db/partitions';
import { pruneStagedLines } from '../src/ingestion/retention/retention.service';
import { pushBatch, type PushOptions } from '../src/ingestion/push-client';
import { Factory } from './helpers/factories';
import { runTs } from './helpers/processes';
import { ndjson, Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let baseUrl: string;
let alxa: string;
let admin: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  const f = new Factory(hub.database.db, hub.services);
  alxa = await f.key('platform', { platform: 'P152900' });
  admin = await f.key('admin');
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const push = (lines: string[], over: Partial<PushOptions> = {}) => pushBatch(lines, { baseUrl, key: alxa, idempotencyKey: `ret-${Math.random()}`, ...over });
const stagedLines = async (id: string | number) =>
  Number((await hub.database.db.execute<{ n: string }>(sql`select count(*) as n from batch_lines where batch_id = ${Number(id)}`)).rows[0]!.n);
/** Moves a batch back in time, as if it had been pushed `days` ago. */
const age = (id: string | number, days: number) =>
  hub.database.db.execute(sql`update batches set created_at = created_at - make_interval(days => ${days}), sealed_at = sealed_at - make_interval(days => ${days}),
    committed_at = committed_at - make_interval(days => ${days}) where id = ${Number(id)}`);

/** Opens a batch and uploads one part without sealing it: an unfinished batch. */
async function openWithPart(idempotencyKey: string, lines: string[]): Promise<string> {
  const opened = await hub.gql('mutation($k: String!) { openBatch(idempotencyKey: $k) { id uploadUrl } }', { key: alxa, variables: { k: idempotencyKey } });
  const { id, uploadUrl } = opened.data!.openBatch as { id: string; uploadUrl: string };
  const put = await fetch(`${baseUrl}${uploadUrl.replace('{partNo}', '1')}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/x-ndjson', authorization: `Bearer ${alxa}` },
    body: `${lines.join('\n')}\n`,
  });
  expect(put.status).toBe(200);
  return id;
}

const RECEIPT = `query($id: ID!) { batch(id: $id) { status counts { received stored rejected }
  rejections(first: 10) { totalCount nodes { line recordId errors { code } raw } } } }`;
const VERIFY = '{ ledgerVerification { ok firstBadBatchId } }';

describe('retention of staged lines', () => {
  it('drops a whole month of staged lines when all its batches may go, and leaves a month holding a batch with a held record to the batch-by-batch prune', async () => {
    // Two months long past, this test's own (staged lines are partitioned by China Standard Time month).
    await maintainPartitions(hub.database.pool, { table: 'batch_lines', monthsAhead: 1, keepMonths: 0 }, new Date('2019-03-15T00:00:00+08:00'));
    const r = new Records();
    const p1 = r.project();
    const p2 = r.project();
    const [a, b, c, held] = [
      await push(ndjson([p1, r.bid(p1.id, r.firm())])),
      await push(ndjson([p2])),
      await push(ndjson([r.project()])),
      await push(ndjson([r.bid(r.id('prj'), r.firm())])),
    ];
    expect(held.counts).toMatchObject({ held: 1 });
    const stageIn = (id: string, at: string) => hub.database.pool.query('update batch_lines set staged_at = $2 where batch_id = $1', [Number(id), at]);
    for (const batch of [a, b]) await stageIn(batch.id, '2019-03-10T12:00:00+08:00');
    for (const batch of [c, held]) await stageIn(batch.id, '2019-04-10T12:00:00+08:00');
    for (const batch of [a, b, c, held]) await age(batch.id, 2500);

    const result = await pruneStagedLines(hub.database.db, { olderThanDays: 30 });
    const months = await partitionsOf(hub.database.pool, 'batch_lines');
    expect(months).not.toContain('batch_lines_2019_03'); // dropped whole
    expect(months).toContain('batch_lines_2019_04'); // kept: a held record's batch is in it
    expect([await stagedLines(a.id), await stagedLines(b.id), await stagedLines(c.id), await stagedLines(held.id)]).toEqual([0, 0, 0, 1]);
    expect(result.lines).toBeGreaterThanOrEqual(4);
    // The receipts still answer.
    const receipt = await hub.gql(RECEIPT, { key: alxa, variables: { id: a.id } });
    expect(receipt.data!.batch).toMatchObject({ status: 'committed', counts: { received: 2, stored: 2 } });
  });

  it("prunes an old committed batch's lines; its receipt, rejections, re-push and the ledger still answer", async () => {
    const r = new Records();
    const project = r.project();
    const lines = [...ndjson([project, r.bid(project.id, r.firm())]), '{"type":"bid","id":"x"}'];
    const key = `ret-old-${r.tag}`;
    const old = await push(lines, { idempotencyKey: key });
    expect(old.counts).toMatchObject({ received: 3, stored: 2, rejected: 1 });
    const before = (await hub.gql(RECEIPT, { key: alxa, variables: { id: old.id } })).data!.batch;
    const recent = await push(ndjson([r.project()]));
    await age(old.id, 120);

    const result = await pruneStagedLines(hub.database.db, { olderThanDays: 90, chunk: 2 });
    expect(result.lines).toBeGreaterThanOrEqual(3);
    expect(await stagedLines(old.id)).toBe(0);
    expect(await stagedLines(recent.id)).toBe(1);

    const after = (await hub.gql(RECEIPT, { key: alxa, variables: { id: old.id } })).data!.batch;
    expect(after).toEqual(before);
    expect(after.rejections.nodes[0]).toMatchObject({ line: 3, raw: '{"type":"bid","id":"x"}' });
    // The sender's retry of the same content under the same key still gets the same receipt.
    const again = await push(lines, { idempotencyKey: key });
    expect(again).toMatchObject({ id: old.id, status: 'committed', counts: old.counts });
    expect((await hub.gql(VERIFY, { key: admin })).data!.ledgerVerification).toEqual({ ok: true, firstBadBatchId: null });
  });

  it('leaves an old unfinished batch and an old batch with records still held untouched', async () => {
    const r = new Records();
    const open = await openWithPart(`ret-open-${r.tag}`, ndjson([r.project()]));
    const held = await push(ndjson([r.bid(r.id('prj'), r.firm())]));
    expect(held.counts).toMatchObject({ held: 1 });
    await age(open, 365);
    await age(held.id, 365);
    await pruneStagedLines(hub.database.db, { olderThanDays: 90 });
    expect(await stagedLines(open)).toBe(1);
    expect(await stagedLines(held.id)).toBe(1);
    expect(await pruneStagedLines(hub.database.db, { olderThanDays: 0 })).toMatchObject({ lines: 0, batches: 0 });
  });

  it('makes a retry of an old failed batch upload its parts again', async () => {
    const r = new Records();
    const key = `ret-failed-${r.tag}`;
    const lines = ndjson([r.project()]);
    const id = await openWithPart(key, lines);
    await hub.database.db.execute(sql`update batches set status = 'failed', error = 'simulated' where id = ${Number(id)}`);
    await age(id, 200);
    await pruneStagedLines(hub.database.db, { olderThanDays: 90 });
    expect(await stagedLines(id)).toBe(0);
    const reopened = await hub.gql('mutation($k: String!) { openBatch(idempotencyKey: $k) { id status } }', { key: alxa, variables: { k: key } });
    expect(reopened.data!.openBatch).toEqual({ id, status: 'open' });
    const seal = await hub.gql('mutation($id: ID!, $s: String!) { sealBatch(id: $id, recordCount: 1, sha256: $s) { id } }', { key: alxa, variables: { id, s: '0'.repeat(64) } });
    expect(seal.errors![0]!.message).toContain('has no parts');
    const retried = await push(lines, { idempotencyKey: key });
    expect(retried).toMatchObject({ id, status: 'committed', counts: { stored: 1 } });
  });

  it('npm run hub -- batches prune prints how many lines and batches it pruned', async () => {
    const r = new Records();
    const old = await push(ndjson([r.project(), r.project()]));
    await age(old.id, 400);
    const run = await runTs('src/cli/main.ts', ['batches', 'prune', '--older-than-days', '300'], { DATABASE_URL: inject('databaseUrl') });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^pruned \d+ staged lines of \d+ batches finished over 300 days ago\n$/);
    const [, lines, batches] = /pruned (\d+) staged lines of (\d+) batches/.exec(run.stdout)!.map(Number);
    expect(lines).toBeGreaterThanOrEqual(2);
    expect(batches).toBeGreaterThanOrEqual(1);
    expect(await stagedLines(old.id)).toBe(0);
  });
});
