import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idNumberCheckCharacter, idNumbersIn, maskIdNumber } from '../src/entities/id-number';
import { validateUscc } from '../src/entities/uscc';
import { pushBatch } from '../src/ingestion/push-client';
import { createLogger } from '../src/server/logger';
import { Factory, makeIdNumber } from './helpers/factories';
import { LeakScanner, scanInjections } from './helpers/leak-scanner';
import { Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';
import Fastify from 'fastify';

let hub: TestHub;
let f: Factory;
let baseUrl: string;
/** Every line the hub logged (requests, batches), as written. */
const logged: string[] = [];

beforeAll(async () => {
  const log = createLogger('info', new Writable({ write: (chunk, _enc, done) => void (logged.push(String(chunk)), done()) }));
  hub = await createTestHub({}, { log });
  f = new Factory(hub.database.db, hub.services);
  baseUrl = await hub.listen();
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const fullWidth = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
/**
 * An ID number with a wrong check character, one that does not happen to make the 18
 * characters a valid USCC either (then it would be a company's public code, rightly shown).
 */
const mistype = (id: string) => [...'0123456789X'].map((c) => id.slice(0, 17) + c).find((candidate) => candidate !== id && !validateUscc(candidate).ok)!;

describe('ID numbers are masked in every response, whatever field carries them', () => {
  it('masks a person entity whose provenance, name and address carry ID numbers, for platform, credit and supervisor keys', async () => {
    const [a, b, c] = [makeIdNumber(), makeIdNumber(), makeIdNumber()];
    await f.person({ personIdNumber: a, sourceRecordId: `party:p:${a}`, name: `${f.tag} 巴特尔 ${b}`, address: `阿拉善左旗 身份证${fullWidth(c)}` });
    const query = `{ entities(filter: { name: "${f.tag}" }) { nodes { idNumber name address provenance { sourceRecordId } } } }`;
    const keys = {
      platform: await f.key('platform', { platform: 'P152900' }),
      credit: await f.key('credit'),
      supervisor: await f.key('supervisor', { department: '阿拉善盟住房和城乡建设局', categories: ['construction'], regions: ['152900'] }),
    };
    for (const [role, key] of Object.entries(keys)) {
      const r = await hub.gql(query, { key });
      expect(r.errors, role).toBeUndefined();
      expect(r.data!.entities.nodes, role).toEqual([
        {
          idNumber: maskIdNumber(a),
          name: `${f.tag} 巴特尔 ${maskIdNumber(b)}`,
          address: `阿拉善左旗 身份证${maskIdNumber(c)}`,
          provenance: { sourceRecordId: `party:p:${maskIdNumber(a)}` },
        },
      ]);
      expect(idNumbersIn(r.raw), role).toEqual([]);
    }
  });

  it('masks an ID number in a rejected line beyond the idNumber field, in GraphQL and in the NDJSON download', async () => {
    const key = await f.key('platform', { platform: 'P152900' });
    const [inName, mistyped] = [makeIdNumber(), mistype(makeIdNumber())];
    const r = new Records();
    const project = r.project();
    const lines = [
      JSON.stringify(project),
      JSON.stringify(r.bid(project.id, { idNumber: mistyped, name: `张三 ${inName}` })),
      JSON.stringify(r.project({ region: '159999', title: `${r.tag} 联系人身份证 ${inName}` })),
    ];
    const receipt = await pushBatch(lines, { baseUrl, key, idempotencyKey: `mask-${f.tag}` });
    expect(receipt.counts).toMatchObject({ received: 3, rejected: 2 });

    const q = await hub.gql(`query($id: ID!) { batch(id: $id) { rejections(first: 10) { nodes { line raw } } } }`, { key, variables: { id: receipt.id } });
    const raws = q.data!.batch.rejections.nodes.map((n: { raw: string }) => n.raw).join('\n');
    expect(raws).toContain(`张三 ${maskIdNumber(inName)}`);
    expect(raws).toContain(`联系人身份证 ${maskIdNumber(inName)}`);
    expect(raws).toContain(`"idNumber":"${maskIdNumber(mistyped)}"`);
    expect(raws).not.toContain(inName);
    expect(raws).not.toContain(mistyped);

    const download = await fetch(`${baseUrl}/push/batches/${receipt.id}/rejections.ndjson`, { headers: { authorization: `Bearer ${key}` } });
    const text = await download.text();
    expect(text.trim().split('\n')).toHaveLength(2);
    expect(text).toContain(`张三 ${maskIdNumber(inName)}`);
    expect(text).not.toContain(inName);
    expect(text).not.toContain(mistyped);
  });

  it('masks an ID number a rejected line spells in JSON escapes, in its value or behind an escaped idNumber key', async () => {
    const key = await f.key('platform', { platform: 'P152900' });
    const [inName, mistyped] = [makeIdNumber(), mistype(makeIdNumber())];
    const escape = (s: string) => [...s].map((c) => `\\u00${c.charCodeAt(0).toString(16)}`).join('');
    const r = new Records();
    const project = r.project();
    const bid = JSON.stringify(r.bid(project.id, { idNumber: mistyped, name: 'x' }))
      .replace('"name":"x"', `"name":"张三 ${escape(inName)}"`)
      .replace('"idNumber"', `"id${escape('N')}umber"`);
    const receipt = await pushBatch([JSON.stringify(r.project({ region: '159999' })), bid], { baseUrl, key, idempotencyKey: `mask-esc-${f.tag}` });
    expect(receipt.counts).toMatchObject({ received: 2, rejected: 2 });
    const q = await hub.gql(`query($id: ID!) { batch(id: $id) { rejections(first: 10) { nodes { raw } } } }`, { key, variables: { id: receipt.id } });
    const decoded = q.data!.batch.rejections.nodes.map((n: { raw: string }) => JSON.stringify(JSON.parse(n.raw))).join('\n');
    expect(decoded).toContain(`张三 ${maskIdNumber(inName)}`);
    expect(decoded).toContain(`"idNumber":"${maskIdNumber(mistyped)}"`);
    expect(idNumbersIn(decoded)).toEqual([]);
    expect(decoded).not.toContain(mistyped);
  });

  it('masks mistyped and full-width ID numbers in the credit lookup audit log, and a NUL in a code does not fail the audit', async () => {
    const { key, row } = await hub.services.apiKeys.create({ name: `${f.tag} audit`, role: 'credit' });
    const [mistyped, wide] = [mistype(makeIdNumber()), makeIdNumber()];
    const check = await hub.gql(`query($c: [String!]!) { creditStatus(codes: $c) { input code valid } }`, { key, variables: { c: [mistyped, fullWidth(wide)] } });
    expect(check.errors).toBeUndefined();
    expect(check.data!.creditStatus[0]).toEqual({ input: maskIdNumber(mistyped), code: maskIdNumber(mistyped), valid: false });
    // Straight to the service: a NUL check on GraphQL arguments must not be what saves the audit.
    const caller = (await hub.services.apiKeys.authenticate(key))!;
    const rows = await hub.services.creditStatus.check(caller, ['9144\u0000030071526726XG', `${wide}\uD800`], null);
    expect(rows.map((r) => r.valid)).toEqual([false, false]);

    const log = await hub.gql(`{ creditLookups(keyId: ${row.id}) { asked } }`, { key: await f.key('admin') });
    expect(log.data!.creditLookups.map((l: { asked: string[] }) => l.asked)).toEqual([
      ['9144\uFFFD030071526726XG', `${maskIdNumber(wide)}\uFFFD`],
      [maskIdNumber(mistyped), maskIdNumber(wide)],
    ]);
    expect(log.raw).not.toContain(mistyped);
  });
});

describe('ID numbers never reach a log line', () => {
  it('logs a batch that failed on an infrastructure fault without the ID numbers its SQL carried', async () => {
    const key = await f.key('platform', { platform: 'P152900' });
    const r = new Records();
    const person = r.person();
    const project = r.project();
    // A full disk, as far as the hub can tell, for this test's entities only.
    const fn = `fail_${r.tag.toLowerCase()}`;
    await hub.database.pool.query(`create function ${fn}() returns trigger language plpgsql as $$
      begin if new.name like '${r.tag}%' then raise exception 'could not extend file' using errcode = '53100'; end if; return new; end $$`);
    await hub.database.pool.query(`create trigger ${fn} before insert on entities for each row execute function ${fn}()`);
    try {
      const receipt = await pushBatch([JSON.stringify(project), JSON.stringify(r.bid(project.id, person))], { baseUrl, key, idempotencyKey: `fail-${r.tag}` });
      expect(receipt.status).toBe('failed');
    } finally {
      await hub.database.pool.query(`drop trigger ${fn} on entities; drop function ${fn}()`);
    }
    const text = logged.join('');
    expect(text).toContain('batch failed');
    expect(text).not.toContain(person.idNumber);
    expect(idNumbersIn(text)).toEqual([]);
  });

  it("logs a failed query's error without its SQL parameters and with any ID number in the driver's message masked", async () => {
    const lines: string[] = [];
    const log = createLogger('info', new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) }));
    const idNumber = makeIdNumber();
    const error = await hub.database.db.execute(sql`select ${idNumber}::int as n, ${`张三 ${idNumber}`}::text as name`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    log.error({ batchId: 1, err: error }, 'batch failed; nothing of it was stored');
    log.info({ asked: [idNumber, fullWidth(idNumber)] }, `lookup of ${idNumber}`);
    await new Promise((r) => setImmediate(r));
    const text = lines.join('');
    expect(lines).toHaveLength(2);
    expect(text).not.toContain(idNumber);
    expect(idNumbersIn(text)).toEqual([]);
    const failed = JSON.parse(lines[0]!) as { err: Record<string, unknown> & { message: string } };
    expect(failed.err.params).toBeUndefined();
    expect(failed.err.message).toContain('[parameters withheld]');
    expect(failed.err.message).toContain(maskIdNumber(idNumber));
  });
});

describe('the leak scanner', () => {
  it('fails a response carrying an ID number in clear, naming where it is, masked', async () => {
    const app = Fastify();
    const idNumber = `15292119800101123${idNumberCheckCharacter('15292119800101123')}`;
    app.get('/leaky', async () => ({ data: { person: { name: `张三 ${idNumber}` } } }));
    app.get('/masked', async () => ({ data: { person: { idNumber: maskIdNumber(idNumber) } } }));
    await app.ready();
    const scanner = new LeakScanner();
    scanInjections(app, scanner);
    expect((await app.inject({ method: 'GET', url: '/masked' })).statusCode).toBe(200);
    const failure = await app.inject({ method: 'GET', url: '/leaky' }).then(
      () => null,
      (e: Error) => e.message,
    );
    expect(failure).toContain('at $.data.person.name');
    expect(failure).toContain(maskIdNumber(idNumber));
    expect(failure).not.toContain(idNumber);
    expect({ responses: scanner.responses, leaks: scanner.leaks }).toEqual({ responses: 2, leaks: 1 });
    await app.close();
  });
});
