import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOcdsFile } from '../etl/ocds-file';
import { allRejections } from '../etl/runner';
import { ingestStream } from '../src/ingestion/ingest-stream';
import { pushBatch } from '../src/ingestion/push-client';
import { createLogger } from '../src/server/logger';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

// What a project buys (采购标的, OCDS tender.items), with each item's classification: pushed,
// read back, refused item by item, and imported from OCDS as publishers write it.

let hub: TestHub;
let baseUrl: string;
let platform: string;
let dir: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  platform = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
  dir = await mkdtemp(path.join(tmpdir(), 'project-items-'));
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
  await rm(dir, { recursive: true, force: true });
});

const ITEMS = `query($text: String!) { projects(filter: { text: $text }) { nodes { projectCode items { id description scheme code label quantity unit lotCode } } } }`;
const itemsOf = async (text: string) => {
  const q = await hub.gql(ITEMS, { key: platform, variables: { text } });
  expect(q.errors).toBeUndefined();
  return q.data!.projects.nodes.map((n: { items: unknown }) => n.items);
};
const REJECTIONS = `query($id: ID!) { batch(id: $id) { rejections(first: 100) { nodes { line errors { path code message } } } } }`;
const none = { id: null, description: null, scheme: null, code: null, label: null, quantity: null, unit: null, lotCode: null };

describe('items pushed with a project', () => {
  it("stores the doc's example and its read-back query answers with every item", async () => {
    const doc = await readFile(new URL('../docs/push-protocol.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('### project ('), doc.indexOf('### lot ('));
    const example = [...section.matchAll(/```json\n(.+?)\n```/gs)].map((m) => JSON.parse(m[1]!) as Record<string, any>).find((r) => r.items);
    const [query] = [...section.matchAll(/```graphql\n(.+?)```/gs)].map((m) => m[1]!);
    expect(example!.items).toHaveLength(2);
    // The doc's ids stand for this test's own.
    const r = new Records();
    const own = { ...example!, id: r.id('prj'), projectCode: `${r.tag}-ALS-ZC` };
    const receipt = await pushBatch(ndjson([own]), { baseUrl, key: platform, idempotencyKey: `${r.tag}-doc` });
    expect(receipt.counts).toMatchObject({ stored: 1, rejected: 0 });
    const answer = await hub.gql(query!.replace('ALS-ZC-2025-0003', own.projectCode), { key: platform });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.projects.nodes).toEqual([
      {
        projectCode: own.projectCode,
        items: [
          { id: '1', description: '学生机房台式计算机', scheme: '政府采购品目分类', code: 'A02010104', label: '台式计算机', quantity: 120, unit: '台', lotCode: '01' },
          { ...none, id: '2', description: '教室交互式一体机', quantity: 24, unit: '套', lotCode: '02' },
        ],
      },
    ]);
  });

  it("refuses a project whose item is bad, naming the item's field, and keeps the batch's good records", async () => {
    const r = new Records();
    const good = r.project({ items: [{ scheme: 'CPV', code: '30213300-8', label: 'Desktop computer', quantity: 0.5, unit: 'set' }] });
    const lines = ndjson([
      good,
      r.project({ items: [{ description: '桌椅' }, { description: '打印机', quantity: -2 }] }),
      r.project({ items: [{ code: 'A02010104', label: '台式计算机' }] }),
      r.project({ items: [{ description: '服务器', quantity: '10' }] }),
      r.project({ items: [{ description: '服务器', colour: '黑' }] }),
      r.project({ items: Array.from({ length: 1001 }, () => ({ description: '耗材' })) }),
      r.bid(good.id, r.firm()),
    ]);
    const receipt = await pushBatch(lines, { baseUrl, key: platform, idempotencyKey: `${r.tag}-bad` });
    expect(receipt.counts).toMatchObject({ received: 7, stored: 2, rejected: 5 });
    const q = await hub.gql(REJECTIONS, { key: platform, variables: { id: receipt.id } });
    const byLine = Object.fromEntries(q.data!.batch.rejections.nodes.map((n: any) => [n.line, n.errors.map((e: any) => `${e.path} ${e.code}`)]));
    expect(byLine).toEqual({
      2: ['items.1.quantity INVALID_VALUE'],
      3: ['items.0.scheme REQUIRED'],
      4: ['items.0.quantity INVALID_TYPE'],
      5: ['items.0.colour UNKNOWN_FIELD'],
      6: ['items INVALID_VALUE'],
    });
    const codeAlone = q.data!.batch.rejections.nodes.find((n: any) => n.line === 3).errors[0].message;
    expect(codeAlone).toMatch(/A02010104.*scheme/);
    expect(await itemsOf(r.tag)).toEqual([[{ ...none, scheme: 'CPV', code: '30213300-8', label: 'Desktop computer', quantity: 0.5, unit: 'set' }]]);
  });

  it('reads null for a project that lists no items, and a later version replaces the list whole', async () => {
    const r = new Records();
    const listed = r.project({
      items: [
        { id: 'a', description: '台式计算机', quantity: 3 },
        { id: 'b', description: '  ', unit: '' },
      ],
    });
    const bare = r.project();
    const emptied = r.project({ items: [] });
    await pushBatch(ndjson([listed, bare, emptied]), { baseUrl, key: platform, idempotencyKey: `${r.tag}-1` });
    const byCode = async () => {
      const q = await hub.gql(ITEMS, { key: platform, variables: { text: r.tag } });
      return Object.fromEntries(q.data!.projects.nodes.map((n: any) => [n.projectCode, n.items]));
    };
    expect(await byCode()).toEqual({
      [listed.projectCode]: [
        { ...none, id: 'a', description: '台式计算机', quantity: 3 },
        // Blank texts are no values.
        { ...none, id: 'b' },
      ],
      [bare.projectCode]: null,
      [emptied.projectCode]: null,
    });
    await pushBatch(ndjson([{ ...listed, version: '2025-06-02T09:00:00+08:00', items: [{ id: 'c', description: '笔记本电脑' }] }]), {
      baseUrl,
      key: platform,
      idempotencyKey: `${r.tag}-2`,
    });
    expect((await byCode())[listed.projectCode]).toEqual([{ ...none, id: 'c', description: '笔记本电脑' }]);
    const unlisted: Record<string, unknown> = { ...listed, version: '2025-06-03T09:00:00+08:00' };
    delete unlisted.items;
    await pushBatch(ndjson([unlisted]), { baseUrl, key: platform, idempotencyKey: `${r.tag}-3` });
    expect((await byCode())[listed.projectCode]).toBeNull();
  });
});

describe('items imported from OCDS', () => {
  it('stores tender items as a publisher writes them, and keeps the project when an item value cannot be kept', async () => {
    const r = new Records();
    const ocid = `ocds-nm1529-${r.tag}`;
    const compiledRelease = {
      ocid,
      id: `${ocid}-compiled`,
      date: '2025-06-10T10:00:00+08:00',
      tag: ['compiled'],
      parties: [{ id: 'buyer', name: r.initiator.name, identifier: { scheme: 'CN-USCC', id: r.initiator.uscc }, roles: ['buyer'] }],
      buyer: { id: 'buyer', name: r.initiator.name },
      tender: {
        id: `${r.tag}-T1`,
        title: `${r.tag} 教学设备采购`,
        status: 'active',
        value: { amount: 500000, currency: 'CNY' },
        procurementMethod: 'open',
        tenderPeriod: { startDate: '2025-06-01T09:00:00+08:00', endDate: '2025-06-25T09:30:00+08:00' },
        lots: [{ id: 1, title: '计算机' }],
        items: [
          {
            id: 1,
            description: '学生机房台式计算机',
            classification: { scheme: '政府采购品目分类', id: 'A02010104', description: '台式计算机' },
            quantity: '120',
            unit: { scheme: 'UNCEFACT', id: 'H87', name: '台' },
            relatedLot: 1,
          },
          { id: 2, description: '网络交换机', classification: { id: 'A02010203' }, quantity: '若干', unit: { id: 'H87' } },
        ],
      },
    };
    const file = path.join(dir, `${r.tag}.json`);
    await writeFile(file, JSON.stringify({ uri: 'https://example.org/p.json', version: '1.1', publishedDate: '2025-06-10T10:00:00+08:00', records: [{ ocid, compiledRelease }] }));
    const ctx = { database: hub.database, registry: hub.registry, log: createLogger('silent'), limits: { maxPartBytes: 1e9, maxRatio: 100 } };
    const report = await loadOcdsFile(
      { ingest: (o) => ingestStream(ctx, { source: { platformCode: 'P152900' }, ...o }), rejections: (id) => allRejections(hub.database.db, id) },
      file,
      { label: 'items', region: '152921' },
    );
    expect(report).toMatchObject({ outcome: 'loaded', counts: { rejected: 0, notMapped: 2 } });
    expect(report.problems.map((p) => p.path)).toEqual(['/records/0/compiledRelease/tender/items/1/classification/id', '/records/0/compiledRelease/tender/items/1/quantity']);
    expect(await itemsOf(r.tag)).toEqual([
      [
        { id: '1', description: '学生机房台式计算机', scheme: '政府采购品目分类', code: 'A02010104', label: '台式计算机', quantity: 120, unit: '台', lotCode: '1' },
        { ...none, id: '2', description: '网络交换机', unit: 'H87' },
      ],
    ]);
  });
});
