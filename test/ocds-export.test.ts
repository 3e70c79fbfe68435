import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Ajv from 'ajv-draft-04';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allRejections } from '../etl/runner';
import { loadOcdsFile } from '../etl/ocds-file';
import { idNumbersIn } from '../src/entities/id-number';
import { ingestStream } from '../src/ingestion/ingest-stream';
import { pushBatch } from '../src/ingestion/push-client';
import { createLogger } from '../src/server/logger';
import { analyticsHub, openTestAnalytics, type AnalyticsHub } from './helpers/analytics';
import { Factory } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';
import releaseSchema from '../src/ocds/schema/release-schema.json' with { type: 'json' };
import recordPackageSchema from '../src/ocds/schema/record-package-schema.json' with { type: 'json' };
import bidsExtension from '../src/ocds/schema/bids-extension-release-schema.json' with { type: 'json' };

// OCDS export (issue 12): the hub's data as OCDS 1.1 record packages, valid against the
// official schema files with the bids extension, without sealed bids or ID numbers; and a
// round trip (export, then import into an empty hub) gives the same statistics.

let source: AnalyticsHub;
let target: { hub: TestHub; close(): Promise<void>; adminKey: string };
let exported: { records: Array<{ ocid: string; releases: unknown[]; compiledRelease: Record<string, unknown> }> } & Record<string, unknown>;
let exportedText: string;
let sealed: string;
let dir: string;
const docExample = { status: 0, regions: [] as string[] };
const refusals = { anonymous: 0, bad: { status: 0, body: '' } };
const PERIOD = { from: '2025-07-01', to: '2026-06-30' };
const MEASURES = ['PROJECTS', 'BUDGET_TOTAL', 'AWARD_TOTAL', 'SAVINGS_RATE', 'BIDS_PER_PROJECT', 'SINGLE_BID_SHARE', 'ELECTRONIC_SHARE', 'CROSS_REGION_WIN_SHARE'];
const DIMENSIONS = [[], ['REGION'], ['CATEGORY']];
const sourceFigures: unknown[] = [];
const ITEMS = [
  { id: '2', description: '学生机房台式计算机', scheme: '政府采购品目分类', code: 'A02010104', label: '台式计算机', quantity: 120, unit: '台', lotCode: '01' },
  { description: '安装调试', quantity: 1.5 },
  { description: '培训', label: '技术培训' },
];
let itemsProjectCode: string;
async function figures(hub: TestHub, key: string, dimensions: string[]) {
  const q = `query($input: StatisticsInput!) { statistics(input: $input) { rows { region category values { measure value amount } } } }`;
  const r = await hub.gql(q, { key, variables: { input: { measures: MEASURES, dimensions, filter: { from: PERIOD.from, to: PERIOD.to } } } });
  expect(r.errors).toBeUndefined();
  return r.data!.statistics.rows;
}

/** The release schema with the bids extension applied (a JSON merge patch of properties and definitions). */
function extendedReleaseSchema() {
  const schema = structuredClone(releaseSchema) as unknown as Record<string, Record<string, unknown>>;
  Object.assign(schema.properties!, bidsExtension.properties);
  for (const [name, def] of Object.entries(bidsExtension.definitions)) {
    const known = schema.definitions![name] as Record<string, Record<string, unknown>> | undefined;
    if (known && (def as { properties?: object }).properties) Object.assign(known.properties!, (def as { properties: object }).properties);
    else schema.definitions![name] = def;
  }
  return schema;
}

beforeAll(async () => {
  source = await analyticsHub('ocds_export_source', { projects: 60, seed: 21 });
  // A project whose bids are still sealed: they must not leave the hub.
  const r = new Records();
  sealed = r.tag;
  const p = r.project({ registeredAt: '2026-06-01T09:00:00+08:00', bidOpeningAt: '2099-01-01T09:00:00+08:00', status: 'tendering' });
  // A project listing what it buys, two items without an id among them.
  const listed = r.project({ registeredAt: '2026-06-01T09:00:00+08:00', items: ITEMS });
  itemsProjectCode = listed.projectCode;
  const platform = await new Factory(source.hub.database.db, source.hub.services).key('platform', { platform: 'P152900' });
  await pushBatch(ndjson([p, r.bid(p.id, r.firm(), { submittedAt: '2026-06-02T10:00:00+08:00' }), listed]), {
    baseUrl: source.baseUrl,
    key: platform,
    idempotencyKey: `sealed-${r.tag}`,
  });
  // A project of two sections, opened: its bids and award name their lot (relatedLots).
  const m = r.project({ registeredAt: '2026-03-02T09:00:00+08:00', bidOpeningAt: '2026-03-25T09:30:00+08:00', version: '2026-03-26T09:00:00+08:00' });
  const [x, y] = [r.firm(), r.firm()];
  const lot = (lotCode: string) => ({
    type: 'lot',
    id: `${m.id}-lot-${lotCode}`,
    version: '2026-03-02T09:00:00+08:00',
    project: m.id,
    lotCode,
    name: `第${lotCode}标段`,
    budget: '500000.00',
  });
  const at = { submittedAt: '2026-03-24T10:00:00+08:00', version: '2026-03-24T10:00:00+08:00' };
  await pushBatch(
    ndjson([
      m,
      lot('01'),
      lot('02'),
      r.bid(m.id, x, { ...at, price: '480000.00', lotCode: '01' }),
      r.bid(m.id, y, { ...at, price: '470000.00', lotCode: '02' }),
      r.award(m.id, y, { amount: '470000.00', lotCode: '02', awardedAt: '2026-03-28T10:00:00+08:00', version: '2026-03-28T10:00:00+08:00' }),
    ]),
    { baseUrl: source.baseUrl, key: platform, idempotencyKey: `lots-${r.tag}` },
  );
  const response = await fetch(`${source.baseUrl}/ocds/record-package.json?from=${PERIOD.from}&to=${PERIOD.to}`, { headers: { authorization: `Bearer ${source.adminKey}` } });
  expect(response.status).toBe(200);
  exportedText = await response.text();
  exported = JSON.parse(exportedText);
  // The docs' own example request (docs/ocds.md, Export), as an integrator would send it.
  const docPath = /'http:\/\/localhost:4000(\/ocds\/record-package\.json\?[^']+)'/.exec(await readFile(path.join(import.meta.dirname, '..', 'docs', 'ocds.md'), 'utf8'))![1]!;
  const docResponse = await fetch(`${source.baseUrl}${docPath}`, { headers: { authorization: `Bearer ${source.adminKey}` } });
  docExample.status = docResponse.status;
  docExample.regions = (JSON.parse(await docResponse.text()) as typeof exported).records.map((r) => (r.compiledRelease.publicResourceTrading as { regionCode: string }).regionCode);
  refusals.anonymous = (await fetch(`${source.baseUrl}/ocds/record-package.json`)).status;
  const bad = await fetch(`${source.baseUrl}/ocds/record-package.json?from=2025-02-30`, { headers: { authorization: `Bearer ${source.adminKey}` } });
  refusals.bad = { status: bad.status, body: await bad.text() };
  await source.hub.services.analytics.sync!.syncPending();
  for (const dimensions of DIMENSIONS) sourceFigures.push(await figures(source.hub, source.adminKey, dimensions));
  // One embedded ClickHouse per process: the source's closes before the empty hub opens its own.
  await source.close();

  const databaseUrl = await isolatedDatabase('ocds_export_target');
  const analytics = await openTestAnalytics();
  const hub = await createTestHub({}, { databaseUrl, analytics: analytics.store });
  const { key } = await hub.services.apiKeys.create({ name: 'round trip admin', role: 'admin' });
  target = { hub, adminKey: key, close: async () => (await hub.close(), await analytics.close()) };
  dir = await mkdtemp(path.join(tmpdir(), 'ocds-export-'));
}, 240_000);
afterAll(async () => {
  await target?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('OCDS export', () => {
  it('is a record package valid against the official OCDS 1.1 schemas with the bids extension', () => {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    ajv.addSchema(extendedReleaseSchema(), 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json');
    // The package schema also names the versioned-release schema, for `versionedRelease`,
    // which the export never writes (the test checks it is absent): not kept in the repository.
    ajv.addSchema({}, 'https://standard.open-contracting.org/schema/1__1__5/versioned-release-validation-schema.json');
    expect(exported.records.every((r) => !('versionedRelease' in r))).toBe(true);
    const validPackage = ajv.compile(recordPackageSchema);
    const validRelease = ajv.getSchema('https://standard.open-contracting.org/schema/1__1__5/release-schema.json')!;
    expect(validPackage(exported), JSON.stringify(validPackage.errors?.slice(0, 5))).toBe(true);
    expect(exported.records.length).toBeGreaterThan(15);
    for (const record of exported.records) {
      for (const release of [...record.releases, record.compiledRelease])
        expect(validRelease(release), `${record.ocid}: ${JSON.stringify(validRelease.errors?.slice(0, 3))}`).toBe(true);
    }
    expect(exported.records.some((r) => Array.isArray((r.compiledRelease.bids as { details?: unknown[] } | undefined)?.details))).toBe(true);
    const lots = exported.records.find((r) => JSON.stringify(r.compiledRelease).includes('第02标段'))!.compiledRelease as {
      bids: { details: Array<{ value: { amount: number }; relatedLots?: string[] }> };
      awards: Array<{ relatedLots?: string[] }>;
    };
    expect(lots.bids.details.map((b) => [b.value.amount, b.relatedLots]).sort()).toEqual([
      [470000, ['02']],
      [480000, ['01']],
    ]);
    expect(lots.awards.map((a) => a.relatedLots)).toEqual([['02']]);
  });

  it("writes a project's items as tender/items, each with an id unique in the list", () => {
    const record = exported.records.find((r) => (r.compiledRelease.tender as { id: string }).id === itemsProjectCode);
    expect((record!.compiledRelease.tender as { items: unknown }).items).toEqual([
      {
        id: '2',
        description: '学生机房台式计算机',
        classification: { scheme: '政府采购品目分类', id: 'A02010104', description: '台式计算机' },
        quantity: 120,
        unit: { name: '台' },
        relatedLot: '01',
      },
      // Its position, 2, is the first item's id.
      { id: '2-2', description: '安装调试', quantity: 1.5 },
      // A label with neither scheme nor code classifies nothing.
      { id: '3', description: '培训' },
    ]);
  });

  it('leaves out sealed bids and every ID number, and names organisations in org-id form', async () => {
    expect(idNumbersIn(exportedText)).toEqual([]);
    const sealedRecord = exported.records.find((r) => JSON.stringify(r.compiledRelease).includes(sealed));
    expect(sealedRecord).toBeDefined();
    expect(sealedRecord!.compiledRelease.bids).toBeUndefined();
    const schemes = new Set(exported.records.flatMap((r) => ((r.compiledRelease.parties as Array<{ identifier?: { scheme: string } }>) ?? []).map((p) => p.identifier?.scheme)));
    expect(schemes.has('CN-USCC')).toBe(true);
  });

  it("answers the docs' example request with the projects of the region asked", () => {
    expect(docExample.status).toBe(200);
    expect(docExample.regions.length).toBeGreaterThan(0);
    for (const code of docExample.regions) expect(code.startsWith('1529')).toBe(true);
  });

  it('refuses a caller without access, and a malformed filter with the field at fault', () => {
    expect(refusals.anonymous).toBe(401);
    expect(refusals.bad.status).toBe(400);
    expect(refusals.bad.body).toContain('from');
  });

  it('round trip: imported into an empty hub, it gives the same statistics', async () => {
    const file = path.join(dir, 'export.json');
    await writeFile(file, exportedText);
    const ctx = { database: target.hub.database, registry: target.hub.registry, log: createLogger('silent'), limits: { maxPartBytes: 1e9, maxRatio: 100 } };
    const report = await loadOcdsFile(
      { ingest: (o) => ingestStream(ctx, { source: { platformCode: 'P150000' }, ...o }), rejections: (id) => allRejections(target.hub.database.db, id) },
      file,
      { label: 'round trip' },
    );
    expect(report, JSON.stringify(report.problems.slice(0, 5))).toMatchObject({ outcome: 'loaded', counts: { rejected: 0, notMapped: 0 } });
    const sections = await target.hub.database.pool.query(
      // The sealed project shares the tag; its bid never left the hub.
      `select b.price::text, b.lot_code from bids b join projects p on p.id = b.project_id where p.title like '%' || $1 || '%' order by b.price`,
      [sealed],
    );
    expect(sections.rows).toEqual([
      { price: '470000.00', lot_code: '02' },
      { price: '480000.00', lot_code: '01' },
    ]);
    await target.hub.services.analytics.sync!.syncPending();
    for (const [n, dimensions] of DIMENSIONS.entries()) expect(await figures(target.hub, target.adminKey, dimensions), JSON.stringify(dimensions)).toEqual(sourceFigures[n]);
    const items = await target.hub.gql(
      `query($text: String!) { projects(filter: { text: $text }) { nodes { items { id description scheme code label quantity unit lotCode } } } }`,
      {
        key: target.adminKey,
        variables: { text: itemsProjectCode },
      },
    );
    expect(items.data!.projects.nodes).toEqual([
      {
        items: [
          { id: '2', description: '学生机房台式计算机', scheme: '政府采购品目分类', code: 'A02010104', label: '台式计算机', quantity: 120, unit: '台', lotCode: '01' },
          { id: '2-2', description: '安装调试', scheme: null, code: null, label: null, quantity: 1.5, unit: null, lotCode: null },
          { id: '3', description: '培训', scheme: null, code: null, label: null, quantity: null, unit: null, lotCode: null },
        ],
      },
    ]);
  });
});
