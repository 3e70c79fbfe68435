import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema';
import { pushBatch, type PushOptions } from '../src/ingestion/push-client';
import { recordsStoredBy } from './helpers/heads';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
let baseUrl: string;
let alxa: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  f = new Factory(hub.database.db, hub.services);
  alxa = await f.key('platform', { platform: 'P152900' });
  await f.key('admin');
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const push = (lines: string[], over: Partial<PushOptions> = {}) => pushBatch(lines, { baseUrl, key: alxa, idempotencyKey: `${f.tag}-${Math.random()}`, ...over });

const PROJECT = `query($text: String!) { projects(filter: { text: $text }) { nodes { id title budget provenance { batchId sourceRecordId }
  bids { price bidder { name uscc } } awards { amount winner { uscc } } initiator { uscc } } } }`;

describe('push: the happy path', () => {
  it('stores a project with its bids and award, visible through GraphQL with provenance', async () => {
    const r = new Records();
    const winner = r.firm();
    const project = r.project();
    const receipt = await push(ndjson([project, r.bid(project.id, winner), r.bid(project.id, r.firm('路桥有限公司'), { price: '990000' }), r.award(project.id, winner)]), {
      gzip: true,
    });
    expect(receipt).toMatchObject({ status: 'committed', error: null, counts: { received: 4, stored: 4, rejected: 0, held: 0 } });
    const q = await hub.gql(PROJECT, { key: alxa, variables: { text: r.tag } });
    const p = q.data!.projects.nodes[0];
    expect(p.provenance).toEqual({ batchId: receipt.id, sourceRecordId: project.id });
    expect(p.bids.map((b: { price: string }) => b.price).sort()).toEqual(['950000.00', '990000.00']);
    expect(p.awards[0].winner.uscc).toBe(winner.uscc);
  });
});

const RECEIPT_Q = `query($id: ID!, $after: String) { batch(id: $id) { status counts { received stored unchanged stale held rejected released }
  rejections(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { line recordType recordId errors { path code message } } } } }`;

describe('push: idempotency', () => {
  it('re-sealing, or re-pushing the same content under the same key, changes nothing and returns the same receipt', async () => {
    const r = new Records();
    const project = r.project();
    const lines = ndjson([project, r.bid(project.id, r.firm())]);
    const key = `${f.tag}-idem-${r.tag}`;
    const first = await push(lines, { idempotencyKey: key });
    const again = await push(lines, { idempotencyKey: key });
    expect(again).toEqual(first);
    expect(await recordsStoredBy(hub.database.db, Number(first.id))).toHaveLength(2);
  });

  it('refuses the same key with different content with a clear CONFLICT', async () => {
    const r = new Records();
    const key = `${f.tag}-conflict-${r.tag}`;
    await push(ndjson([r.project()]), { idempotencyKey: key });
    await expect(push(ndjson([r.project()]), { idempotencyKey: key })).rejects.toThrow(/CONFLICT|409/);
  });

  it('refuses a seal whose count or digest does not match what was uploaded, naming the argument', async () => {
    const r = new Records();
    const open = await hub.gql(`mutation { openBatch(idempotencyKey: "${r.tag}") { id uploadUrl } }`, { key: alxa });
    const { id, uploadUrl } = open.data!.openBatch;
    const content = `${JSON.stringify(r.project())}\n`;
    const put = await fetch(`${baseUrl}${uploadUrl.replace('{partNo}', '1')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${alxa}`, 'content-type': 'application/x-ndjson' },
      body: content,
    });
    expect(await put.json()).toMatchObject({ partNo: 1, lines: 1 });
    const digest = createHash('sha256').update(content).digest('hex');
    const seal = (n: number, s: string) => hub.gql(`mutation { sealBatch(id: "${id}", recordCount: ${n}, sha256: "${s}") { status } }`, { key: alxa });
    const wrongCount = await seal(2, digest);
    expect([codes(wrongCount), wrongCount.errors![0]!.extensions!.argument]).toEqual([['BAD_USER_INPUT'], 'recordCount']);
    const wrongDigest = await seal(1, 'a'.repeat(64));
    expect(wrongDigest.errors![0]!.message).toContain(digest);
    // The answer is the batch as sealed, however fast the hub takes it up.
    expect((await seal(1, digest)).data!.sealBatch.status).toBe('sealed');
  });
});

describe('push: versions', () => {
  it('stores a newer version, ignores an older one as stale, counts the same one as unchanged, and keeps the history', async () => {
    const r = new Records();
    const v1 = r.project({ title: `${r.tag} 原标题`, version: '2025-06-01T09:00:00+08:00' });
    await push(ndjson([v1]));
    const v2 = { ...v1, title: `${r.tag} 新标题`, version: '2025-06-02T09:00:00+08:00' };
    const second = await push(ndjson([v2, v1]));
    expect(second.counts).toMatchObject({ stored: 1, stale: 1 });
    const third = await push(ndjson([v2]));
    expect(third.counts).toMatchObject({ unchanged: 1, stored: 0 });
    const q = await hub.gql(PROJECT, { key: alxa, variables: { text: r.tag } });
    expect(q.data!.projects.nodes.map((p: { title: string }) => p.title)).toEqual([`${r.tag} 新标题`]);
    // Its history is what was received: each version as its staged lines keep it (v2 and v1 twice each), newest first.
    const HISTORY = 'query($id: String!) { recordHistory(recordType: project, recordId: $id) { versions { record } } }';
    const history = (await hub.gql(HISTORY, { key: alxa, variables: { id: v1.id } })).data!.recordHistory.versions.map((v: { record: typeof v1 }) => v.record);
    expect(history.reverse().map((h: typeof v1) => `${h.version} ${h.title}`)).toEqual([
      `${v1.version} ${r.tag} 原标题`,
      `${v2.version} ${r.tag} 新标题`,
      `${v1.version} ${r.tag} 原标题`,
      `${v2.version} ${r.tag} 新标题`,
    ]);
  });

  it('refuses the same version with different content', async () => {
    const r = new Records();
    const p = r.project();
    await push(ndjson([p]));
    const receipt = await push(ndjson([{ ...p, title: 'changed without a new version' }]));
    expect(receipt.counts).toMatchObject({ rejected: 1 });
    const q = await hub.gql(RECEIPT_Q, { key: alxa, variables: { id: receipt.id } });
    expect(q.data!.batch.rejections.nodes[0].errors[0].code).toBe('VERSION_REUSED');
  });
});

describe('push: entities', () => {
  it('keeps one entity per USCC whatever names and sources say', async () => {
    const r = new Records();
    const firm = r.firm();
    const p = r.project();
    await push(ndjson([p, r.bid(p.id, firm), r.bid(p.id, { ...firm, name: `${firm.name}（变更名称）` })]));
    const hohhot = await f.key('platform', { platform: 'P150100' });
    const p2 = r.project({ region: '150100' });
    await push(ndjson([p2, r.award(p2.id, { ...firm, name: `${r.tag} 另一个名字` })]), { key: hohhot });
    const rows = await hub.database.db.select().from(t.entities).where(eq(t.entities.uscc, firm.uscc));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.name).toBe(firm.name);
  });
});

describe('push: records that arrive before what they refer to', () => {
  it('holds a bid whose project is unknown and links it when the project arrives', async () => {
    const r = new Records();
    const p = r.project();
    const early = await push(ndjson([r.bid(p.id, r.firm())]));
    expect(early.counts).toMatchObject({ received: 1, held: 1, stored: 0 });
    expect((await hub.gql(PROJECT, { key: alxa, variables: { text: r.tag } })).data!.projects.nodes).toEqual([]);
    const later = await push(ndjson([p]));
    expect(later.counts).toMatchObject({ stored: 1, released: 1 });
    const q = await hub.gql(PROJECT, { key: alxa, variables: { text: r.tag } });
    expect(q.data!.projects.nodes[0].bids).toHaveLength(1);
  });

  it('links a child that comes before its parent in the same batch', async () => {
    const r = new Records();
    const p = r.project();
    const lines = ndjson([r.award(p.id, r.firm()), ...Array.from({ length: 3 }, () => r.bid(p.id, r.firm())), p]);
    const receipt = await push(lines, { partSize: 2 });
    expect(receipt.counts).toMatchObject({ received: 5, stored: 5, held: 0 });
  });
});

describe('push: remit', () => {
  it("rejects, per record, a project outside the platform's regions with FORBIDDEN and stores the rest", async () => {
    const r = new Records();
    const branch = await f.key('platform', { platform: 'P152922' });
    const inside = r.project({ region: '152922' });
    const outside = r.project({ region: '152921' });
    const receipt = await push(ndjson([inside, outside]), { key: branch });
    expect(receipt.counts).toMatchObject({ stored: 1, rejected: 1 });
    const q = await hub.gql(RECEIPT_Q, { key: branch, variables: { id: receipt.id } });
    expect(q.data!.batch.rejections.nodes[0]).toMatchObject({ line: 2, recordId: outside.id, errors: [{ path: 'region', code: 'FORBIDDEN' }] });
  });

  it("refuses a batch for another platform, and hides other platforms' batches", async () => {
    const r = new Records();
    const open = await hub.gql(`mutation { openBatch(idempotencyKey: "${r.tag}", platformCode: "P150100") { id } }`, { key: alxa });
    expect(codes(open)).toEqual(['FORBIDDEN']);
    const hohhot = await f.key('platform', { platform: 'P150100' });
    const theirs = await push(ndjson([r.project({ region: '150100' })]), { key: hohhot });
    expect(codes(await hub.gql(`{ batch(id: "${theirs.id}") { status } }`, { key: alxa }))).toEqual(['NOT_FOUND']);
    const credit = await f.key('credit');
    expect(codes(await hub.gql(`mutation { openBatch(idempotencyKey: "x") { id } }`, { key: credit }))).toEqual(['FORBIDDEN']);
  });
});

describe('push: penalty publication timeliness (seed 004 Art. 24)', () => {
  it("stores each penalty's deadline and lateness in working days of the Chinese calendar", async () => {
    const r = new Records();
    const firm = r.firm();
    // Decided Friday 24 Jan 2025, before Spring Festival: the 7th working day is Mon 10 Feb.
    await push(ndjson([r.penalty(firm, { decidedOn: '2025-01-24', publishedOn: '2025-02-12' }), r.penalty(firm, { decidedOn: '2025-03-03', publishedOn: '2025-03-07' })]));
    const credit = await f.key('credit');
    const q = await hub.gql(`{ entity(uscc: "${firm.uscc}") { penalties { decidedOn publishedOn publicationDeadline publicationWorkingDays publishedLateBy } } }`, { key: credit });
    expect(q.data!.entity.penalties).toEqual([
      { decidedOn: '2025-01-24', publishedOn: '2025-02-12', publicationDeadline: '2025-02-10', publicationWorkingDays: 9, publishedLateBy: 2 },
      { decidedOn: '2025-03-03', publishedOn: '2025-03-07', publicationDeadline: '2025-03-12', publicationWorkingDays: 4, publishedLateBy: 0 },
    ]);
  });
});
