import { readFile } from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumbersIn, maskIdNumber } from '../src/entities/id-number';
import { RecordHistoryService } from '../src/ingestion/history/record-history.service';
import { pushBatch, type PushOptions } from '../src/ingestion/push-client';
import { parseRecord } from '../src/ingestion/records';
import { pruneStagedLines } from '../src/ingestion/retention/retention.service';
import { canonicalForm } from '../src/ingestion/steps/canonical';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { codes, createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
let baseUrl: string;
const keys: Record<'admin' | 'alxa' | 'hohhot' | 'bayannur' | 'credit' | 'supervisor', string> = {} as never;

beforeAll(async () => {
  // A database of its own: coverage counts every batch of a source, and this file prunes.
  hub = await createTestHub({}, { databaseUrl: await isolatedDatabase('record_history') });
  baseUrl = await hub.listen();
  f = new Factory(hub.database.db, hub.services);
  keys.admin = await f.key('admin');
  keys.alxa = await f.key('platform', { platform: 'P152900' });
  keys.hohhot = await f.key('platform', { platform: 'P150100' });
  // Bayannur's source is the one whose batches are paged through and pruned.
  keys.bayannur = await f.key('platform', { platform: 'P150800' });
  keys.credit = await f.key('credit');
  keys.supervisor = await f.key('supervisor', { department: '阿拉善盟住房和城乡建设局', categories: ['construction'], regions: ['152900'] });
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const push = (lines: string[], key: string, over: Partial<PushOptions> = {}) => pushBatch(lines, { baseUrl, key, idempotencyKey: `hist-${Math.random()}`, ...over });

const HISTORY = `query($type: RecordType!, $id: String!, $platform: String, $first: Int, $after: String) {
  recordHistory(recordType: $type, recordId: $id, platformCode: $platform, first: $first, after: $after) {
    recordType recordId sourceCode
    versions { batchId line receivedAt version contentHash outcome errors { path code } record recordWithheld }
    pageInfo { hasNextPage endCursor }
    coverage { complete retentionDays retainedFrom prunedBatches prunedThrough scanStopped }
  } }`;

const history = (key: string, variables: Record<string, unknown>) => hub.gql(HISTORY, { key, variables });
const hashOf = (record: object) => {
  const parsed = parseRecord(JSON.stringify(record));
  if (!parsed.ok) throw new Error('not a valid record');
  return canonicalForm(parsed.record).contentHash;
};
const brief = (v: any) => ({ batchId: v.batchId, line: v.line, outcome: v.outcome });

describe('recordHistory: the versions a platform sent, from the staged lines', () => {
  const r = new Records();
  const bidder = r.person();
  const project = r.project();
  const v1 = r.bid(project.id, bidder, { version: '2025-06-24T10:00:00+08:00' });
  const v2 = { ...v1, price: '940000.00', version: '2025-06-24T11:00:00+08:00' };
  const v3 = { ...v1, price: 'nine hundred thousand', version: '2025-06-24T12:00:00+08:00' };
  const batches: string[] = [];

  beforeAll(async () => {
    for (const lines of [[project, v1], [v2], [v3]]) {
      const receipt = await push(ndjson(lines), keys.alxa);
      expect(receipt.status).toBe('committed');
      batches.push(receipt.id);
    }
  });

  it('lists a stored version, its successor and a refused one, newest first, with what became of each', async () => {
    const q = await history(keys.alxa, { type: 'bid', id: v1.id });
    expect(q.errors).toBeUndefined();
    const h = q.data!.recordHistory;
    expect(h).toMatchObject({ recordType: 'bid', recordId: v1.id, sourceCode: 'push:P152900', pageInfo: { hasNextPage: false } });
    expect(h.versions.map(brief)).toEqual([
      { batchId: batches[2], line: 1, outcome: 'REJECTED' },
      { batchId: batches[1], line: 1, outcome: 'CURRENT' },
      { batchId: batches[0], line: 2, outcome: 'SUPERSEDED' },
    ]);
    expect(h.versions.map((v: any) => v.version)).toEqual(['2025-06-24T04:00:00.000Z', '2025-06-24T03:00:00.000Z', '2025-06-24T02:00:00.000Z']);
    expect(h.versions.map((v: any) => v.contentHash)).toEqual([null, hashOf(v2), hashOf(v1)]);
    expect(h.versions[0].errors).toEqual([{ path: 'price', code: 'INVALID_AMOUNT' }]);
    expect(h.versions[1].errors).toBeNull();
    expect(h.versions.map((v: any) => v.record.price)).toEqual(['nine hundred thousand', '940000.00', '950000.00']);
    expect(h.versions.every((v: any) => !v.recordWithheld && Date.parse(v.receivedAt) > 0)).toBe(true);
    expect(h.coverage).toMatchObject({ complete: true, retentionDays: 90, prunedBatches: 0, prunedThrough: null, scanStopped: false });
    expect(Date.parse(h.coverage.retainedFrom)).toBeLessThanOrEqual(Date.parse(h.versions[2].receivedAt));
  });

  it('masks the ID number inside the record, in the service answer itself and not only on the wire', async () => {
    const q = await history(keys.alxa, { type: 'bid', id: v1.id });
    expect(q.data!.recordHistory.versions.map((v: any) => v.record.bidder.idNumber)).toEqual(Array(3).fill(maskIdNumber(bidder.idNumber)));
    expect(q.raw).not.toContain(bidder.idNumber);
    const direct = await hub.services.recordHistory.history((await hub.services.apiKeys.authenticate(keys.admin))!, {
      recordType: 'bid',
      recordId: v1.id,
      platformCode: 'P152900',
      sourceCode: null,
      first: null,
      after: null,
    });
    expect(direct.versions).toHaveLength(3);
    expect(idNumbersIn(JSON.stringify(direct))).toEqual([]);
  });

  it('shows admin any platform, and another platform nothing of it', async () => {
    const admin = await history(keys.admin, { type: 'bid', id: v1.id, platform: 'P152900' });
    expect(admin.data!.recordHistory.versions.map(brief)).toEqual((await history(keys.alxa, { type: 'bid', id: v1.id })).data!.recordHistory.versions.map(brief));
    const asked = await history(keys.hohhot, { type: 'bid', id: v1.id, platform: 'P152900' });
    expect(codes(asked)).toEqual(['FORBIDDEN']);
    const own = await history(keys.hohhot, { type: 'bid', id: v1.id });
    expect(own.data!.recordHistory).toMatchObject({ sourceCode: 'push:P150100', versions: [] });
    for (const key of [keys.credit, keys.supervisor]) expect(codes(await history(key, { type: 'bid', id: v1.id, platform: 'P152900' }))).toEqual(['FORBIDDEN']);
    expect(codes(await history(keys.admin, { type: 'bid', id: v1.id }))).toEqual(['BAD_USER_INPUT']);
  });

  it('finds the record only under its own type', async () => {
    const asProject = await history(keys.alxa, { type: 'project', id: v1.id });
    expect(asProject.data!.recordHistory.versions).toEqual([]);
    // The project's own history does not list the bid that names it.
    const p = await history(keys.alxa, { type: 'project', id: project.id });
    expect(p.data!.recordHistory.versions.map(brief)).toEqual([{ batchId: batches[0], line: 1, outcome: 'CURRENT' }]);
  });
});

describe('recordHistory: held, released and re-delivered lines', () => {
  it('says HELD while a record waits for its parent, and CURRENT once it is stored; a re-delivery of the current version is CURRENT too', async () => {
    const r = new Records();
    const project = r.project();
    const lot = { type: 'lot', id: r.id('lot'), version: '2025-06-02T09:00:00+08:00', project: project.id, lotCode: 'L1', name: `${r.tag} 一标段` };
    const held = await push(ndjson([lot]), keys.alxa);
    expect(held.counts).toMatchObject({ held: 1 });
    const before = await history(keys.alxa, { type: 'lot', id: lot.id });
    expect(before.data!.recordHistory.versions.map(brief)).toEqual([{ batchId: held.id, line: 1, outcome: 'HELD' }]);

    const parent = await push(ndjson([project]), keys.alxa);
    expect(parent.counts).toMatchObject({ released: 1 });
    const again = await push(ndjson([lot]), keys.alxa);
    expect(again.counts).toMatchObject({ unchanged: 1 });
    const after = await history(keys.alxa, { type: 'lot', id: lot.id });
    expect(after.data!.recordHistory.versions.map(brief)).toEqual([
      { batchId: again.id, line: 1, outcome: 'CURRENT' },
      { batchId: held.id, line: 1, outcome: 'CURRENT' },
    ]);
  });
});

describe('recordHistory: sealed bids', () => {
  it("withholds a bid from the sending platform until its project's bid opening, as Project.bids does; admin sees it", async () => {
    const r = new Records();
    const project = r.project({ bidOpeningAt: '2099-01-01T09:00:00+08:00' });
    const bid = r.bid(project.id, r.firm());
    await push(ndjson([project, bid]), keys.alxa);
    const platform = (await history(keys.alxa, { type: 'bid', id: bid.id })).data!.recordHistory.versions;
    expect(platform).toHaveLength(1);
    expect(platform[0]).toMatchObject({ outcome: 'CURRENT', record: null, recordWithheld: true, contentHash: hashOf(bid) });
    const admin = (await history(keys.admin, { type: 'bid', id: bid.id, platform: 'P152900' })).data!.recordHistory.versions;
    expect(admin[0]).toMatchObject({ recordWithheld: false, record: { price: bid.price, bidder: bid.bidder } });
  });
});

describe('recordHistory: record ids as senders spell them', () => {
  it('finds an id with quotes, slashes and Chinese in lines written with JSON escapes and spaces (Python, PHP)', async () => {
    const r = new Records();
    const project = r.project({ id: `${r.tag}-项目"一"/2\\b` });
    const python = JSON.stringify(project)
      .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
      .replace(/":/g, '": ');
    const php = JSON.stringify({ ...project, version: '2025-06-02T09:00:00+08:00' }).replaceAll('/', '\\/');
    const first = await push([python], keys.alxa);
    const second = await push([php], keys.alxa);
    expect([first.counts.stored, second.counts.stored]).toEqual([1, 1]);
    const h = (await history(keys.alxa, { type: 'project', id: project.id })).data!.recordHistory;
    expect(h.versions.map(brief)).toEqual([
      { batchId: second.id, line: 1, outcome: 'CURRENT' },
      { batchId: first.id, line: 1, outcome: 'SUPERSEDED' },
    ]);
    expect(h.versions[1].record.title).toBe(project.title);
  });
});

describe('recordHistory: bounds and reach (a source of its own)', () => {
  const r = new Records();
  const id = r.id('by');
  const versions = [1, 2, 3].map((day) => r.project({ id, region: '150800', version: `2025-06-0${day}T09:00:00+08:00` }));
  const batches: string[] = [];
  const byId = { type: 'project', id };

  beforeAll(async () => {
    for (const v of versions) batches.push((await push(ndjson([v, r.project({ region: '150800' })]), keys.bayannur)).id);
  });

  it('pages with first and after', async () => {
    const one = (await history(keys.bayannur, { ...byId, first: 2 })).data!.recordHistory;
    expect(one.versions.map((v: any) => v.batchId)).toEqual([batches[2], batches[1]]);
    expect(one.pageInfo.hasNextPage).toBe(true);
    const two = (await history(keys.bayannur, { ...byId, first: 2, after: one.pageInfo.endCursor })).data!.recordHistory;
    expect(two.versions.map(brief)).toEqual([{ batchId: batches[0], line: 1, outcome: 'SUPERSEDED' }]);
    expect(two.pageInfo.hasNextPage).toBe(false);
    expect(codes(await history(keys.bayannur, { ...byId, first: 201 }))).toEqual(['BAD_USER_INPUT']);
    expect(codes(await history(keys.bayannur, { ...byId, after: 'not-a-cursor' }))).toEqual(['BAD_USER_INPUT']);
  });

  it('stops a scan at its time limit and says so; the cursor goes on from there', async () => {
    // No time at all, one batch per statement: each call reads one batch and stops.
    const slow = new RecordHistoryService(hub.database.db, hub.registry, { retentionDays: 90, scanBudgetMs: 0, linesPerStatement: 1 });
    const caller = (await hub.services.apiKeys.authenticate(keys.bayannur))!;
    const seen: string[] = [];
    let after: string | null = null;
    for (let call = 0; call < 10; call++) {
      const h = await slow.history(caller, { recordType: 'project', recordId: id, platformCode: null, sourceCode: null, first: null, after });
      seen.push(...h.versions.map((v) => String(v.batchId)));
      if (!h.pageInfo.hasNextPage) {
        expect(h.coverage.scanStopped).toBe(false);
        break;
      }
      expect(h.coverage).toMatchObject({ scanStopped: true, complete: false });
      after = h.pageInfo.endCursor;
    }
    expect(seen).toEqual([batches[2], batches[1], batches[0]]);
  });

  it('says how far back history reaches once retention has pruned a batch', async () => {
    const full = (await history(keys.bayannur, byId)).data!.recordHistory;
    expect(full.coverage).toMatchObject({ complete: true, prunedBatches: 0, prunedThrough: null, scanStopped: false });
    await hub.database.db.execute(sql`update batches set created_at = created_at - interval '120 days', sealed_at = sealed_at - interval '120 days',
      committed_at = committed_at - interval '120 days' where id = ${Number(batches[0])}`);
    await pruneStagedLines(hub.database.db, { olderThanDays: 90 });

    const h = (await history(keys.bayannur, byId)).data!.recordHistory;
    expect(h.versions.map((v: any) => v.batchId)).toEqual([batches[2], batches[1]]);
    expect(h.coverage).toMatchObject({ complete: false, prunedBatches: 1, scanStopped: false });
    expect(Date.parse(h.coverage.prunedThrough)).toBe(Date.parse(full.versions[2].receivedAt) - 120 * 86_400_000);
    expect(h.coverage.retainedFrom).toBe(h.versions[1].receivedAt);
  });
});

describe('docs/push-protocol.md', () => {
  it("runs the doc's recordHistory example as written, and answers what its sample answer shows", async () => {
    const doc = await readFile(new URL('../docs/push-protocol.md', import.meta.url), 'utf8');
    const query = /```graphql\n(query[^`]*recordHistory[^`]*)```/.exec(doc)![1]!;
    const sample = (JSON.parse(/```jsonc\n(\{[^`]*"recordHistory"[^`]*)```/.exec(doc)![1]!) as { data: { recordHistory: any } }).data.recordHistory;
    // The doc's record, sent as its sample answer shows (this file's database is its own, so the id is free).
    const r = new Records();
    const project = r.project({ id: sample.recordId, version: '2025-06-12T10:00:00+08:00' });
    for (const over of [{}, { version: '2025-06-30T16:15:00+08:00' }, { version: '2025-07-02T17:00:00+08:00', region: '150100' }]) {
      await push(ndjson([{ ...project, ...over }]), keys.alxa);
    }
    const answer = await hub.gql(query, { key: keys.alxa });
    expect(answer.errors).toBeUndefined();
    const real = answer.data!.recordHistory;

    const keysOf = (h: any) => ({
      history: Object.keys(h).sort(),
      version: Object.keys(h.versions[0]).sort(),
      pageInfo: Object.keys(h.pageInfo).sort(),
      coverage: Object.keys(h.coverage).sort(),
    });
    expect(keysOf(real)).toEqual(keysOf(sample));
    expect(real).toMatchObject({ recordType: sample.recordType, recordId: sample.recordId, sourceCode: sample.sourceCode, pageInfo: { hasNextPage: false } });
    expect(real.versions).toHaveLength(sample.versions.length);
    // Batch ids, line numbers, times and hashes differ; the record in the sample is shortened.
    sample.versions.forEach((s: any, i: number) =>
      expect(real.versions[i]).toMatchObject({ version: s.version, outcome: s.outcome, errors: s.errors, record: s.record, recordWithheld: s.recordWithheld }),
    );
    const { complete, retentionDays, prunedBatches, prunedThrough, scanStopped } = sample.coverage;
    expect(real.coverage).toMatchObject({ complete, retentionDays, prunedBatches, prunedThrough, scanStopped });
  });
});
