import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pushBatch } from '../src/ingestion/push-client';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let baseUrl: string;
let key: string;

beforeAll(async () => {
  hub = await createTestHub({ PUSH_MAX_PART_BYTES: String(64 * 1024 * 1024) });
  baseUrl = await hub.listen();
  key = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const ERRORS = `query($id: ID!) { batch(id: $id) { rejections(first: 100) { nodes { line recordId errors { path code message } } } } }`;

/** Pushes the lines and returns the receipt and each rejected line's errors as "path CODE". */
async function pushAndReject(lines: string[]) {
  const receipt = await pushBatch(lines, { baseUrl, key, idempotencyKey: `v-${Math.random()}` });
  const q = await hub.gql(ERRORS, { key, variables: { id: receipt.id } });
  const byLine = new Map<number, string[]>();
  for (const n of q.data!.batch.rejections.nodes)
    byLine.set(
      n.line,
      n.errors.map((e: { path: string; code: string }) => `${e.path} ${e.code}`.trim()),
    );
  return { receipt, byLine };
}

describe('validation names the record and the field, keeps the good records', () => {
  it('checks every field kind in one batch', async () => {
    const r = new Records();
    const good = r.project();
    const bad = (over: Record<string, unknown>) => JSON.stringify(r.project(over));
    const lines = [
      JSON.stringify(good),
      bad({ initiator: { uscc: '9144030071526726XA', name: 'x' } }),
      bad({ region: '159999' }),
      bad({ category: '彩票' }),
      bad({ registeredAt: '2025-02-30T09:00:00+08:00' }),
      bad({ budget: '-5.00' }),
      bad({ budget: '12.345' }),
      bad({ procurementMethod: '抽签' }),
      bad({ title: undefined }),
      bad({ colour: 'red' }),
      JSON.stringify(r.bid(good.id, r.firm(), { price: 950000.1 })),
      JSON.stringify(r.bid(good.id, { idNumber: '152921198001011234', name: '张三' })),
    ];
    const { receipt, byLine } = await pushAndReject(lines);
    expect(receipt.counts).toMatchObject({ received: 12, stored: 2, rejected: 10 });
    expect(Object.fromEntries(byLine)).toEqual({
      2: ['initiator.uscc INVALID_USCC'],
      3: ['region UNKNOWN_REGION'],
      4: ['category UNKNOWN_ENUM'],
      5: ['registeredAt INVALID_DATE'],
      6: ['budget INVALID_AMOUNT'],
      7: ['budget INVALID_AMOUNT'],
      8: ['procurementMethod UNKNOWN_ENUM'],
      9: ['title REQUIRED'],
      10: ['colour UNKNOWN_FIELD'],
      12: ['bidder.idNumber INVALID_ID_NUMBER'],
    });
  });

  it('masks ID numbers in the rejected lines it shows', async () => {
    const r = new Records();
    const person = r.person();
    const { receipt } = await pushAndReject([JSON.stringify(r.bid('p', person, { price: '-1' }))]);
    const q = await hub.gql(`query($id: ID!) { batch(id: $id) { rejections { nodes { raw } } } }`, { key, variables: { id: receipt.id } });
    expect(q.raw).not.toContain(person.idNumber);
    expect(q.data!.batch.rejections.nodes[0].raw).toContain(`${person.idNumber.slice(0, 4)}**********${person.idNumber.slice(-4)}`);
    const download = await (await fetch(`${baseUrl}/push/batches/${receipt.id}/rejections.ndjson`, { headers: { authorization: `Bearer ${key}` } })).text();
    expect(download).not.toContain(person.idNumber);
  });

  it('accepts the standard Chinese labels and stores exact decimals', async () => {
    const r = new Records();
    const p = r.project({ category: '政府采购', procurementMethod: '竞争性磋商', budget: 1234.5 });
    const { receipt } = await pushAndReject(ndjson([p]));
    expect(receipt.counts.stored).toBe(1);
    const q = await hub.gql(`{ projects(filter: { text: "${r.tag}" }) { nodes { budget procurementMethod category { code } } } }`, { key });
    expect(q.data!.projects.nodes[0]).toEqual({ budget: '1234.50', procurementMethod: 'competitive_consultation', category: { code: 'government_procurement' } });
  });

  it('rejects invalid JSON, unknown types and over-long lines without harming the rest', async () => {
    const r = new Records();
    const huge = JSON.stringify(r.project({ title: 'x'.repeat(1_100_000) }));
    const lines = ['{"type": "project", ', JSON.stringify({ type: 'tender', id: 'a' }), '[1,2]', huge, JSON.stringify(r.project())];
    const { receipt, byLine } = await pushAndReject(lines);
    expect(receipt.counts).toMatchObject({ received: 5, stored: 1, rejected: 4 });
    expect(Object.fromEntries(byLine)).toEqual({ 1: ['INVALID_JSON'], 2: ['type UNKNOWN_TYPE'], 3: ['INVALID_JSON'], 4: ['LINE_TOO_LONG'] });
  });

  it('pages through rejections and offers them as NDJSON to fix and re-send', async () => {
    const r = new Records();
    const lines = Array.from({ length: 5 }, () => JSON.stringify(r.project({ region: '000000' })));
    const { receipt } = await pushAndReject(lines);
    const page = `query($id: ID!, $after: String) { batch(id: $id) { rejections(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { line } } } }`;
    const seen: number[] = [];
    let after: string | null = null;
    do {
      const q = await hub.gql(page, { key, variables: { id: receipt.id, after } });
      const c = q.data!.batch.rejections;
      expect(c.totalCount).toBe(5);
      seen.push(...c.nodes.map((n: { line: number }) => n.line));
      after = c.pageInfo.hasNextPage ? c.pageInfo.endCursor : null;
    } while (after);
    expect(seen).toEqual([1, 2, 3, 4, 5]);
    const download = await fetch(`${baseUrl}/push/batches/${receipt.id}/rejections.ndjson`, { headers: { authorization: `Bearer ${key}` } });
    expect(download.headers.get('content-type')).toContain('application/x-ndjson');
    const rows = (await download.text())
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ line: 1, recordType: 'project', errors: [{ path: 'region', code: 'UNKNOWN_REGION' }] });
    expect(JSON.parse(rows[0].raw).id).toBe(JSON.parse(lines[0]!).id);
  });
});

describe('uploads that must not harm the server or the batch', () => {
  const open = async () => (await hub.gql(`mutation { openBatch(idempotencyKey: "u-${Math.random()}") { id uploadUrl } }`, { key })).data!.openBatch;
  const put = (url: string, part: number, body: Buffer, headers: Record<string, string> = {}) =>
    fetch(`${baseUrl}${url.replace('{partNo}', String(part))}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson', ...headers },
      body,
    });

  it('refuses a decompression bomb as one part, and the batch takes other parts', async () => {
    const batch = await open();
    const bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0x20));
    const refused = await put(batch.uploadUrl, 1, bomb, { 'content-encoding': 'gzip' });
    expect(refused.status).toBe(413);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('DECOMPRESSION_LIMIT');
    const ok = await put(batch.uploadUrl, 1, Buffer.from(`${JSON.stringify(new Records().project())}\n`));
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as { lines: number }).lines).toBe(1);
  });

  it('refuses a part that is not gzip although it says so', async () => {
    const batch = await open();
    const res = await put(batch.uploadUrl, 1, Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('BAD_GZIP');
  });

  it("refuses uploads without a key or to someone else's batch", async () => {
    const batch = await open();
    const anonymous = await fetch(`${baseUrl}${batch.uploadUrl.replace('{partNo}', '1')}`, { method: 'PUT', headers: { 'content-type': 'application/x-ndjson' }, body: '{}\n' });
    expect(anonymous.status).toBe(401);
    const other = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P150100' });
    const theirs = await fetch(`${baseUrl}${batch.uploadUrl.replace('{partNo}', '1')}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${other}`, 'content-type': 'application/x-ndjson' },
      body: '{}\n',
    });
    expect(theirs.status).toBe(404);
  });

  it('serves a JSON Schema per record type', async () => {
    const index = (await (await fetch(`${baseUrl}/schemas/v1`)).json()) as { recordTypes: unknown[] };
    expect(index.recordTypes).toHaveLength(19);
    const bid = (await (await fetch(`${baseUrl}/schemas/v1/bid.json`)).json()) as { properties: { bidder: { required: string[] } }; additionalProperties: boolean };
    expect(bid.properties.bidder.required).toEqual(['name']);
    expect(bid.additionalProperties).toBe(false);
  });

  it('lists the values of each enumeration in its JSON Schema: every code and Chinese label accepted', async () => {
    type Enumerated = { enum: string[]; 'x-enum-labels': Record<string, string[]> };
    const bid = (await (await fetch(`${baseUrl}/schemas/v1/bid.json`)).json()) as { properties: { depositForm: Enumerated } };
    expect(bid.properties.depositForm.enum).toEqual(expect.arrayContaining(['e_guarantee', '电子保函', 'cash', '现金']));
    expect(bid.properties.depositForm['x-enum-labels'].e_guarantee).toEqual(['电子保函']);
    const evaluation = (await (await fetch(`${baseUrl}/schemas/v1/evaluation.json`)).json()) as { properties: { members: { items: { properties: { role: Enumerated } } } } };
    expect(evaluation.properties.members.items.properties.role['x-enum-labels']).toEqual({
      chair: ['组长', '主任委员'],
      member: ['成员', '委员'],
      initiator_representative: ['业主代表', '采购人代表'],
    });
  });
});
