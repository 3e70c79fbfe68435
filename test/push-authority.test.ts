import { Readable } from 'node:stream';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as t from '../src/db/schema';
import { ingestStream } from '../src/ingestion/ingest-stream';
import { pushBatch } from '../src/ingestion/push-client';
import { pushSourceCode } from '../src/registry/reference-data';
import { createLogger } from '../src/server/logger';
import { Factory, makeUscc } from './helpers/factories';
import { ndjson, Records } from './helpers/records';
import { createTestHub, isolatedDatabase, type TestHub } from './helpers/test-hub';
import { openDatabase } from '../src/db/database';

// Issue 10, finding 3: an Alxa platform key renamed a Hohhot company, moved it to 152921 and
// put a 市场禁入 entry on it; every credit platform then saw restricted: true.

let hub: TestHub;
let f: Factory;
let baseUrl: string;
let alxa: string;
let hohhot: string;
let credit: string;
let admin: string;

beforeAll(async () => {
  hub = await createTestHub();
  baseUrl = await hub.listen();
  f = new Factory(hub.database.db, hub.services);
  alxa = await f.key('platform', { platform: 'P152900' });
  hohhot = await f.key('platform', { platform: 'P150100' });
  credit = await f.key('credit');
  admin = await f.key('admin');
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const push = (key: string, lines: string[]) => pushBatch(lines, { baseUrl, key, idempotencyKey: `auth-${Math.random()}` });
const REJECTIONS = `query($id: ID!) { batch(id: $id) { rejections(first: 50) { nodes { line errors { path code } } } } }`;
const rejections = async (key: string, id: string) =>
  Object.fromEntries(
    ((await hub.gql(REJECTIONS, { key, variables: { id } })).data!.batch.rejections.nodes as Array<{ line: number; errors: Array<{ path: string; code: string }> }>).map((n) => [
      n.line,
      n.errors.map((e) => `${e.path} ${e.code}`),
    ]),
  );
const STATUS = `query($codes: [String!]!) { creditStatus(codes: $codes) { blacklisted restricted name } }`;
const entityOf = async (uscc: string) => (await hub.database.db.select().from(t.entities).where(eq(t.entities.uscc, uscc)))[0]!;

const entityRecord = (r: Records, uscc: string, over: Record<string, unknown>) => ({
  type: 'entity',
  id: r.id('ent'),
  version: '2025-01-01T00:00:00+08:00',
  uscc,
  name: `${r.tag} 呼和浩特市宏达建设有限公司`,
  region: '150100',
  ...over,
});
const blacklist = (r: Records, subject: object, over: Record<string, unknown> = {}) => ({
  type: 'blacklist_entry',
  id: r.id('bl'),
  version: '2025-03-20T10:00:00+08:00',
  subject,
  listType: '市场禁入',
  authority: '呼和浩特市住房和城乡建设局',
  basis: '串通投标',
  startsOn: '2025-03-20',
  ...over,
});

describe('authority per record type', () => {
  it('the Alxa attack on a Hohhot company fails: not renamed, not moved, not blacklisted, not restricted', async () => {
    const r = new Records();
    const uscc = makeUscc('150100');
    const own = await push(hohhot, ndjson([entityRecord(r, uscc, {})]));
    expect(own.counts).toMatchObject({ stored: 1, rejected: 0 });

    const subject = { uscc, name: `${r.tag} 改名`, region: '152921' };
    const attack = await push(
      alxa,
      ndjson([
        entityRecord(r, uscc, { name: `${r.tag} 阿拉善假公司`, region: '152921', address: '阿拉善左旗' }),
        blacklist(r, subject),
        blacklist(r, subject, { authorityRegion: '150100' }),
        blacklist(r, subject, { authorityRegion: '150000', authority: '内蒙古自治区发展和改革委员会' }),
        r.penalty(subject, { authorityRegion: '150100' }),
      ]),
    );
    expect(attack).toMatchObject({ status: 'committed', counts: { received: 5, stored: 1, rejected: 4 } });
    expect(await rejections(alxa, attack.id)).toEqual({
      2: ['authorityRegion REQUIRED'],
      3: ['authorityRegion FORBIDDEN'],
      4: ['authorityRegion FORBIDDEN'],
      5: ['authorityRegion FORBIDDEN'],
    });
    const entity = await entityOf(uscc);
    expect(entity).toMatchObject({ name: `${r.tag} 呼和浩特市宏达建设有限公司`, registeredRegionCode: '150100', address: null });
    const status = await hub.gql(STATUS, { key: credit, variables: { codes: [uscc] } });
    expect(status.data!.creditStatus[0]).toEqual({ blacklisted: false, restricted: false, name: `${r.tag} 呼和浩特市宏达建设有限公司` });

    // The Alxa claim is kept as Alxa's observation: its head points at the entity, and its staged line is the record.
    const [alxaSource] = await hub.database.db
      .select()
      .from(t.dataSources)
      .where(eq(t.dataSources.code, pushSourceCode('P152900')));
    const observed = await hub.database.db.execute<{ raw: string }>(sql`
      select l.raw from entity_records h join batch_lines l on l.batch_id = h.batch_id
      where h.source_id = ${alxaSource!.id} and h.entity_id = ${entity.id} and l.raw like ${`%${r.tag} 阿拉善假公司%`}`);
    expect(observed.rows.map((o) => JSON.parse(o.raw))).toMatchObject([{ name: `${r.tag} 阿拉善假公司`, region: '152921' }]);
  });

  it("naming a Hohhot company first gives Alxa no hold on it: registered nowhere until Hohhot speaks, then Hohhot's", async () => {
    const r = new Records();
    const [direct, asParty] = [makeUscc('150100'), makeUscc('150100')];
    const p = r.project();
    const squat = await push(
      alxa,
      ndjson([entityRecord(r, direct, { name: `${r.tag} 阿拉善假名`, region: '152921' }), p, r.bid(p.id, { uscc: asParty, name: `${r.tag} 阿拉善假名二`, region: '152921' })]),
    );
    expect(squat.counts).toMatchObject({ rejected: 0 });
    expect(await entityOf(direct)).toMatchObject({ registeredRegionCode: null });
    expect(await entityOf(asParty)).toMatchObject({ registeredRegionCode: null });

    const own = await push(hohhot, ndjson([entityRecord(r, direct, {}), entityRecord(r, asParty, {})]));
    expect(own.counts).toMatchObject({ stored: 2, rejected: 0 });
    const again = await push(alxa, ndjson([entityRecord(r, direct, { name: `${r.tag} 阿拉善再改名`, region: '152921' })]));
    expect(again.counts).toMatchObject({ stored: 1, rejected: 0 });
    for (const uscc of [direct, asParty]) {
      expect(await entityOf(uscc)).toMatchObject({ name: `${r.tag} 呼和浩特市宏达建设有限公司`, registeredRegionCode: '150100' });
    }
  });

  it("a platform still changes entities registered in its remit and publishes its own authorities' decisions", async () => {
    const r = new Records();
    const uscc = makeUscc('152900');
    const subject = { uscc, name: `${r.tag} 阿拉善宏达` };
    const first = await push(alxa, ndjson([entityRecord(r, uscc, { name: `${r.tag} 阿拉善宏达`, region: '152900' })]));
    expect(first.counts).toMatchObject({ stored: 1 });
    const next = await push(
      alxa,
      ndjson([
        entityRecord(r, uscc, { name: `${r.tag} 阿拉善宏达（更名）`, region: '152921' }),
        r.penalty(subject),
        blacklist(r, subject, { authority: '阿拉善左旗住房和城乡建设局', authorityRegion: '152921' }),
        entityRecord(r, uscc, { region: '150100' }), // moving it out of the remit
      ]),
    );
    expect(next.counts).toMatchObject({ received: 4, stored: 3, rejected: 1 });
    expect(await rejections(alxa, next.id)).toEqual({ 4: ['region FORBIDDEN'] });
    expect(await entityOf(uscc)).toMatchObject({ name: `${r.tag} 阿拉善宏达（更名）`, registeredRegionCode: '152921' });
    const status = await hub.gql(STATUS, { key: credit, variables: { codes: [uscc] } });
    expect(status.data!.creditStatus[0]).toMatchObject({ blacklisted: true, restricted: true });
  });

  it("the credit platform's list feed publishes region-wide, with or without an authority region", async () => {
    const r = new Records();
    const uscc = makeUscc('150100');
    const lines = ndjson([blacklist(r, { uscc, name: `${r.tag} 某公司` })]).join('\n');
    const ctx = { database: hub.database, registry: hub.registry, log: createLogger('silent'), limits: { maxPartBytes: 1e9, maxRatio: 100 } };
    const batch = await ingestStream(ctx, {
      source: { feedCode: `feed:${r.tag}`, name: 'credit list', kind: 'credit_feed' },
      idempotencyKey: r.tag,
      body: Readable.from([`${lines}\n`]),
      gzip: false,
    });
    expect(batch).toMatchObject({ status: 'committed', recordsStored: 1, recordsRejected: 0 });
    const status = await hub.gql(STATUS, { key: credit, variables: { codes: [uscc] } });
    expect(status.data!.creditStatus[0]).toMatchObject({ restricted: true });
  });
});

describe('provenance without ID numbers', () => {
  it('names where a person was first seen, never the ID number', async () => {
    const r = new Records();
    const person = r.person();
    const p = r.project();
    const bid = r.bid(p.id, person);
    await push(alxa, ndjson([p, bid]));
    const q = await hub.gql(`query($text: String!) { projects(filter: { text: $text }) { nodes { bids { bidder { provenance { sourceRecordId } } } } } }`, {
      key: admin,
      variables: { text: r.tag },
    });
    const id = q.data!.projects.nodes[0].bids[0].bidder.provenance.sourceRecordId as string;
    expect(id).toBe(`bid:${bid.id}@2025-06-24T02:00:00.000Z#bidder`);
    expect(id).not.toContain(person.idNumber);
  });

  it("migration 0009 renames old party ids and keeps the ledger's hash of the row", async () => {
    // On a database of its own: the migration renames every old id it finds, and other test
    // files keep rows of that shape on the shared one.
    const iso = openDatabase({ url: await isolatedDatabase('migration_0009'), poolMax: 2 });
    try {
      const isoF = new Factory(iso.db, hub.services);
      const entity = await isoF.person();
      await iso.db
        .update(t.entities)
        .set({ sourceRecordId: `party:p:${entity.personIdNumber}` })
        .where(eq(t.entities.id, entity.id));
      const rowHash = sql`encode(sha256(convert_to(x::text, 'UTF8')), 'hex')`;
      const [hash] = (await iso.db.execute<{ h: string }>(sql`select ${rowHash} as h from entities x where id = ${entity.id}`)).rows;
      const [source] = await iso.db.select().from(t.dataSources).limit(1);
      // record_heads went in migration 0010: the table 0009 reads is put back as it was, for this test only.
      await iso.pool.query(`create table record_heads (source_id integer, record_type text, record_id text, target_id bigint, source_version timestamptz,
        content_hash text, batch_id bigint, stored_hash text)`);
      await iso.pool.query(`insert into record_heads values ($1, 'entity', $2, $3, now(), 'x', $4, $5)`, [source!.id, `${isoF.tag}-head`, entity.id, entity.batchId, hash!.h]);
      const { readFile } = await import('node:fs/promises');
      const migration = await readFile(new URL('../migrations/0009_provenance_without_id_numbers.sql', import.meta.url), 'utf8');
      for (const statement of migration.split('--> statement-breakpoint')) await iso.pool.query(statement);
      const [row] = await iso.db.select().from(t.entities).where(eq(t.entities.id, entity.id));
      expect(row!.sourceRecordId).toBe(`party:person:${entity.id}`);
      const {
        rows: [head],
      } = await iso.pool.query<{ stored_hash: string }>(`select stored_hash from record_heads where record_id = $1 and source_id = $2`, [`${isoF.tag}-head`, source!.id]);
      const [now] = (await iso.db.execute<{ h: string }>(sql`select ${rowHash} as h from entities x where id = ${entity.id}`)).rows;
      expect(head!.stored_hash).toBe(now!.h);
    } finally {
      await iso.close();
    }
  });
});
