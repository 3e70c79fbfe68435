import { afterAll, beforeAll, expect, it } from 'vitest';
import { pushBatch } from '../src/ingestion/push-client';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
let baseUrl: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  f = new Factory(hub.database.db, hub.services);
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const cst = (offsetDays: number) => new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
const QUERY = (from: string, to: string) => `{ dataQuality(platformCode: "P152923", from: "${from}", to: "${to}") {
  platform { code } batches nightsExpected nightsDelivered recordsReceived recordsRejected recordsStale heldNow completeness { field filled total } } }`;

it("reports a platform's push timeliness, rejections, stale and held records and field completeness", async () => {
  // Today and tomorrow: a push sealed now falls in one of those nights' windows, whatever the hour.
  const [from, to] = [cst(0), cst(1)];
  const policy = await f.key('policy');
  const before = (await hub.gql(QUERY(from, to), { key: policy })).data!.dataQuality[0];

  const r = new Records();
  const platform = await f.key('platform', { platform: 'P152923' });
  const now = new Date().toISOString();
  const full = r.project({ region: '152923', registeredAt: now, agency: r.firm('招标代理有限公司') });
  const sparse = r.project({ region: '152923', registeredAt: now, budget: null, bidOpeningAt: null, dealCode: null });
  const older = { ...full, version: '2025-01-01T00:00:00+08:00' };
  const lines = ndjson([full, sparse, older, r.bid('not-yet-sent', r.firm()), { ...r.project(), region: '999999' }]);
  const receipt = await pushBatch(lines, { baseUrl, key: platform, idempotencyKey: `dq-${r.tag}` });
  expect(receipt.counts).toMatchObject({ stored: 2, stale: 1, held: 1, rejected: 1 });

  const after = (await hub.gql(QUERY(from, to), { key: policy })).data!.dataQuality[0];
  expect(after.platform.code).toBe('P152923');
  expect(after.nightsExpected).toBe(2);
  expect(after.nightsDelivered).toBeGreaterThanOrEqual(1);
  expect(after.batches - before.batches).toBe(1);
  expect(after.recordsReceived - before.recordsReceived).toBe(5);
  expect(after.recordsRejected - before.recordsRejected).toBe(1);
  expect(after.recordsStale - before.recordsStale).toBe(1);
  expect(after.heldNow - before.heldNow).toBe(1);
  const delta = (field: string) => {
    const a = after.completeness.find((c: { field: string }) => c.field === field);
    const b = before.completeness.find((c: { field: string }) => c.field === field);
    return [a.filled - b.filled, a.total - b.total];
  };
  expect(delta('project.budget')).toEqual([1, 2]);
  expect(delta('project.agency')).toEqual([1, 2]);
  expect(delta('project.bidOpeningAt')).toEqual([1, 2]);
});

it('shows a platform only its own figures, and refuses credit keys and overlong periods', async () => {
  const own = await f.key('platform', { platform: 'P152922' });
  const mine = await hub.gql(`{ dataQuality(from: "${cst(0)}", to: "${cst(0)}") { platform { code } } }`, { key: own });
  expect(mine.data!.dataQuality.map((q: { platform: { code: string } }) => q.platform.code)).toEqual(['P152922']);
  expect(codes(await hub.gql(QUERY(cst(0), cst(0)), { key: await f.key('credit') }))).toEqual(['FORBIDDEN']);
  const long = await hub.gql(QUERY('2024-01-01', '2026-01-01'), { key: await f.key('admin') });
  expect([codes(long), long.errors![0]!.extensions!.argument]).toEqual([['BAD_USER_INPUT'], 'to']);
});
