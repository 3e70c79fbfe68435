import { createHash } from 'node:crypto';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from './helpers/factories';
import { openUpload, put, sleep, type RawAnswer } from './helpers/raw-upload';
import { Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

/**
 * The push endpoint as a transport, over real sockets: what it accepts, what it refuses
 * before reading a byte, and that no sender (careless, slow, vanishing, hostile) can end
 * the process or starve the API of connections (issue 10, findings 1, 5, 6, 9, 14).
 */
let hub: TestHub;
let key: string;
let base: string;

beforeAll(async () => {
  hub = await createTestHub({ PUSH_MAX_CONCURRENT_UPLOADS: '2' });
  base = await hub.listen();
  key = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const NDJSON = { 'content-type': 'application/x-ndjson' };
const auth = (k = key) => ({ authorization: `Bearer ${k}` });
const sha256 = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const lines = (records: object[]) => Buffer.from(records.map((r) => `${JSON.stringify(r)}\n`).join(''));
const code = (a: RawAnswer) => a.json().error.code;

async function openBatch(h = hub, k = key): Promise<{ id: string; path: (part: number | string) => string }> {
  const r = await h.gql(`mutation { openBatch(idempotencyKey: "transport-${Math.random()}") { id } }`, { key: k });
  const id = r.data!.openBatch.id as string;
  return { id, path: (part) => `/push/batches/${id}/parts/${part}` };
}

async function seal(id: string, count: number, digest: string, h = hub) {
  return h.gql(`mutation { sealBatch(id: "${id}", recordCount: ${count}, sha256: "${digest}") { status } }`, { key });
}

async function receipt(id: string) {
  for (let i = 0; i < 400; i++) {
    const r = await hub.gql(`{ batch(id: "${id}") { status counts { received stored rejected } rejections(first: 10) { nodes { line errors { code } raw } } } }`, { key });
    const batch = r.data!.batch;
    if (batch.status === 'committed' || batch.status === 'failed') return batch;
    await sleep(50);
  }
  throw new Error(`batch ${id} never finished`);
}

/**
 * Waits until an upload of this hub's is streaming into Postgres (its COPY is running), and
 * returns its backend: on a loaded machine a fixed pause can end before the upload has got
 * that far. Other test files push to the same database at the same time: their uploads are
 * told apart by application_name.
 */
async function copyRunning(h: TestHub): Promise<number> {
  for (let i = 0; i < 400; i++) {
    const { rows } = await h.database.pool.query<{ pid: number }>(
      `select pid from pg_stat_activity
        where datname = current_database() and application_name = $1 and query like 'copy batch_lines%' and state = 'active'`,
      [`${h.applicationName} upload`],
    );
    if (rows[0]) return rows[0].pid;
    await sleep(25);
  }
  throw new Error('the upload never started its COPY');
}

/** Answers within `ms`, or fails the test: a starved pool would leave it waiting forever. */
const within = <T>(ms: number, what: string, promise: Promise<T>) =>
  Promise.race([promise, sleep(ms).then(() => Promise.reject(new Error(`${what} did not answer within ${ms} ms`)))]);

describe('finding 1: content types are checked before any work', () => {
  it('refuses a part labelled application/json with 415 naming the accepted types, and the hub keeps serving', async () => {
    const batch = await openBatch();
    const part = lines([new Records().project()]);
    const refused = await put(base, batch.path(1), { ...auth(), 'content-type': 'application/json' }, part);
    expect(refused.status).toBe(415);
    expect(code(refused)).toBe('UNSUPPORTED_MEDIA_TYPE');
    expect(refused.json().error.message).toContain('application/x-ndjson');
    const ok = await put(base, batch.path(1), { ...auth(), 'content-type': 'text/plain; charset=UTF-8' }, part);
    expect(ok.status).toBe(200);
    expect((await hub.gql(`{ batch(id: "${batch.id}") { status } }`, { key })).data?.batch.status).toBe('open');
  });

  it('refuses a missing content type, another charset than UTF-8, and unknown or stacked encodings with 415', async () => {
    const batch = await openBatch();
    const part = lines([new Records().project()]);
    const cases: Array<Record<string, string>> = [
      {},
      { 'content-type': 'application/x-ndjson; charset=gbk' },
      { 'content-type': 'multipart/form-data; boundary=x' },
      { ...NDJSON, 'content-encoding': 'compress' },
      { ...NDJSON, 'content-encoding': 'gzip, br' },
    ];
    for (const headers of cases) {
      const answer = await put(base, batch.path(1), { ...auth(), ...headers }, part);
      expect([answer.status, code(answer)], JSON.stringify(headers)).toEqual([415, 'UNSUPPORTED_MEDIA_TYPE']);
    }
  });
});

describe('finding 6: the key is checked before a byte of the body is read', () => {
  it('answers a keyless 400 MiB upload with 401 after the first megabyte and closes the connection', async () => {
    const batch = await openBatch();
    for (const type of ['application/x-ndjson', 'application/json']) {
      const upload = openUpload(base, batch.path(1), { 'content-type': type, 'content-length': String(400 * 1024 * 1024) });
      upload.write(Buffer.alloc(1024 * 1024, 0x20));
      const answer = await within(10_000, 'the refusal', upload.answer);
      expect(answer.status).toBe(type === 'application/json' ? 415 : 401);
      expect(answer.headers.connection).toBe('close');
      await within(10_000, 'closing the connection', upload.closed);
      expect(upload.sent()).toBeLessThan(400 * 1024 * 1024);
    }
    const wrongKey = await put(base, batch.path(1), { ...NDJSON, authorization: 'Bearer prt_nope' }, '{}\n');
    expect([wrongKey.status, code(wrongKey)]).toEqual([401, 'UNAUTHENTICATED']);
  });
});

describe('finding 14: malformed input gets 4xx, never 5xx', () => {
  it('keeps a line with a raw NUL byte, staged as \\u0000, and rejects it by itself', async () => {
    const batch = await openBatch();
    const good = JSON.stringify(new Records().project());
    const part = Buffer.concat([Buffer.from(`${good}\n{"type":"project"`), Buffer.from([0]), Buffer.from('}\n')]);
    const answer = await put(base, batch.path(1), { ...auth(), ...NDJSON }, part);
    expect(answer.status).toBe(200);
    expect(answer.json<{ lines: number; sha256: string }>()).toMatchObject({ lines: 2, sha256: sha256(part) });
    expect((await seal(batch.id, 2, sha256(part))).errors).toBeUndefined();
    const done = await receipt(batch.id);
    expect(done).toMatchObject({ status: 'committed', counts: { received: 2, stored: 1, rejected: 1 } });
    expect(done.rejections.nodes[0]).toMatchObject({ line: 2, raw: '{"type":"project"\\u0000}' });
  });

  it('rejects a line whose NUL byte follows a backslash, rather than storing it as other text', async () => {
    const batch = await openBatch();
    const p = new Records().project();
    const json = JSON.stringify(p).replace(`"title":"`, `"title":"x\\`);
    const cut = json.indexOf('x\\') + 2;
    const part = Buffer.concat([Buffer.from(json.slice(0, cut)), Buffer.from([0]), Buffer.from(`${json.slice(cut)}\n`)]);
    expect((await put(base, batch.path(1), { ...auth(), ...NDJSON }, part)).status).toBe(200);
    await seal(batch.id, 1, sha256(part));
    const done = await receipt(batch.id);
    expect(done).toMatchObject({ status: 'committed', counts: { received: 1, stored: 0, rejected: 1 } });
    expect(done.rejections.nodes[0].errors[0]).toMatchObject({ code: 'INVALID_CHARACTER' });
  });

  it('refuses a second upload of a part while the first still streams, with 409, and keeps the first', async () => {
    const batch = await openBatch();
    const part = lines([new Records().project()]);
    const first = openUpload(base, batch.path(1), { ...auth(), ...NDJSON, 'content-length': String(part.length) });
    first.write(part.subarray(0, 10));
    await copyRunning(hub);
    const second = await put(base, batch.path(1), { ...auth(), ...NDJSON }, part);
    expect([second.status, code(second)]).toEqual([409, 'CONFLICT']);
    first.end(part.subarray(10));
    expect((await first.answer).status).toBe(200);
  });

  it('decodes deflate and br parts, and refuses corrupt ones with 400', async () => {
    const r = new Records();
    for (const [encoding, encode] of [
      ['deflate', deflateSync],
      ['br', brotliCompressSync],
    ] as const) {
      const batch = await openBatch();
      const part = lines([r.project(), r.project(), r.project()]);
      const answer = await put(base, batch.path(1), { ...auth(), ...NDJSON, 'content-encoding': encoding }, encode(part));
      expect(answer.status, answer.body).toBe(200);
      expect(answer.json<{ lines: number; sha256: string }>()).toMatchObject({ lines: 3, sha256: sha256(part) });
      const corrupt = await put(base, batch.path(2), { ...auth(), ...NDJSON, 'content-encoding': encoding }, Buffer.from('not compressed at all'));
      expect([corrupt.status, code(corrupt)]).toEqual([400, 'BAD_ENCODING']);
    }
  });

  it('refuses bad gzip to a sealed batch with 400 BAD_GZIP', async () => {
    const batch = await openBatch();
    const part = lines([new Records().project()]);
    expect((await put(base, batch.path(1), { ...auth(), ...NDJSON, 'content-encoding': 'gzip' }, gzipSync(part))).status).toBe(200);
    await seal(batch.id, 1, sha256(part));
    const bad = await put(base, batch.path(1), { ...auth(), ...NDJSON, 'content-encoding': 'gzip' }, Buffer.from('not gzip'));
    expect([bad.status, code(bad)]).toEqual([400, 'BAD_GZIP']);
    const again = await put(base, batch.path(1), { ...auth(), 'content-type': 'application/gzip' }, gzipSync(part));
    expect(again.json<{ alreadyReceived: boolean }>().alreadyReceived).toBe(true);
    await receipt(batch.id);
  });

  it('takes part numbers only as plain digits', async () => {
    const batch = await openBatch();
    for (const partNo of ['1e3', '01', '%201', '+1', '0', '1.0', '0x10', '10001']) {
      const answer = await put(base, batch.path(partNo), { ...auth(), ...NDJSON }, '{}\n');
      expect([answer.status, code(answer), answer.json().error.argument], partNo).toEqual([400, 'BAD_USER_INPUT', 'partNo']);
    }
  });
});

describe('finding 9: a part still arriving when its batch is sealed never changes it', () => {
  it('refuses the late upload with 409 and keeps the sealed part, lines and digest', async () => {
    const r = new Records();
    const batch = await openBatch();
    const sealedPart = lines([r.project()]);
    expect((await put(base, batch.path(1), { ...auth(), ...NDJSON }, sealedPart)).status).toBe(200);
    const replacement = lines([r.project(), r.project()]);
    const late = openUpload(base, batch.path(1), { ...auth(), ...NDJSON, 'content-length': String(replacement.length) });
    try {
      late.write(replacement.subarray(0, 10));
      await copyRunning(hub);
      const sealed = await within(10_000, 'sealing', seal(batch.id, 1, sha256(sealedPart)));
      expect(sealed.data?.sealBatch.status).toBe('sealed');
      late.end(replacement.subarray(10));
      const answer = await late.answer;
      expect([answer.status, code(answer)]).toEqual([409, 'CONFLICT']);
    } finally {
      // Failed midway, the upload would hold one of the hub's two upload slots for the tests after.
      late.destroy();
    }
    const { rows } = await hub.database.pool.query('select lines, sha256 from batch_parts where batch_id = $1', [batch.id]);
    expect(rows).toEqual([{ lines: 1, sha256: sha256(sealedPart) }]);
    expect(await receipt(batch.id)).toMatchObject({ status: 'committed', counts: { received: 1, stored: 1 } });
  });
});

describe('finding 5: slow uploads never starve the API', () => {
  it('keeps GraphQL and /readyz answering while uploads trickle, and refuses uploads past the share with 503 and Retry-After', async () => {
    const record = `${JSON.stringify(new Records().project())}\n`;
    const batches = await Promise.all(Array.from({ length: 5 }, () => openBatch()));
    const slow = batches.map((b) => openUpload(base, b.path(1), { ...auth(), ...NDJSON, 'content-length': String(Buffer.byteLength(record)) }));
    const answered = new Set<number>();
    slow.forEach((upload, i) => {
      upload.write(record.slice(0, 1));
      void upload.answer.then(() => answered.add(i));
    });
    // Two take the upload share (whichever come first); the other three are told to come
    // back, without waiting.
    await within(
      10_000,
      'refusals',
      (async () => {
        while (answered.size < 3) await sleep(20);
      })(),
    );
    await sleep(200);
    expect(answered.size).toBe(3);
    for (const i of answered) {
      const answer = await slow[i]!.answer;
      expect([answer.status, code(answer)]).toEqual([503, 'TOO_MANY_UPLOADS']);
      expect(Number(answer.headers['retry-after'])).toBeGreaterThan(0);
    }
    const admitted = slow.filter((_u, i) => !answered.has(i));
    // The two admitted keep trickling; the API answers meanwhile, every time.
    for (let i = 1; i < 12; i++) {
      for (const upload of admitted) upload.write(record.slice(i, i + 1));
      // The streaming parts hold upload connections, never one of the API's.
      expect(hub.database.uploadPool.totalCount - hub.database.uploadPool.idleCount).toBe(2);
      expect(hub.database.pool.totalCount - hub.database.pool.idleCount).toBe(0);
      const ready = await within(5_000, '/readyz', fetch(`${base}/readyz`));
      expect(ready.status).toBe(200);
      const q = await within(5_000, 'GraphQL', hub.gql('{ batch(id: "' + batches[0]!.id + '") { status } }', { key }));
      expect(q.data?.batch.status).toBe('open');
    }
    for (const upload of admitted) upload.end(record.slice(12));
    for (const upload of admitted) expect((await upload.answer).status).toBe(200);
    expect(hub.services.batches.uploads.inFlight).toBe(0);
  });
});

describe('bounded resources: body time limits, vanishing senders, the pool', () => {
  let quick: TestHub;
  let quickBase: string;
  let quickKey: string;
  beforeAll(async () => {
    quick = await createTestHub({ PUSH_BODY_IDLE_SECONDS: '1', PUSH_BODY_MAX_SECONDS: '3', PUSH_MAX_CONCURRENT_UPLOADS: '2', PG_ACQUIRE_TIMEOUT_MS: '300' });
    quickBase = await quick.listen();
    quickKey = await new Factory(quick.database.db, quick.services).key('platform', { platform: 'P152900' });
  });
  afterAll(() => quick.close());

  const slowUpload = async () => {
    const batch = await openBatch(quick, quickKey);
    return openUpload(quickBase, batch.path(1), { ...auth(quickKey), ...NDJSON, 'content-length': '1000' });
  };

  it('cuts off a sender that goes quiet, and one that trickles past the total limit, with 408', async () => {
    const quiet = await slowUpload();
    quiet.write('{"type":');
    const idle = await within(10_000, 'the idle cut-off', quiet.answer);
    expect([idle.status, code(idle)]).toEqual([408, 'UPLOAD_TIMEOUT']);
    expect(idle.headers.connection).toBe('close');
    const trickle = await slowUpload();
    const drip = setInterval(() => trickle.write(' '), 300);
    try {
      const total = await within(10_000, 'the total cut-off', trickle.answer);
      expect([total.status, code(total)]).toEqual([408, 'UPLOAD_TIMEOUT']);
      expect(total.json().error.message).toContain('3 s');
    } finally {
      clearInterval(drip);
    }
    expect(quick.services.batches.uploads.inFlight).toBe(0);
  });

  it('gives the slot back when a sender disconnects midway, and the hub goes on', async () => {
    for (let i = 0; i < 4; i++) {
      const gone = await slowUpload();
      gone.write('{"type":"project"');
      await sleep(100);
      gone.destroy();
      await gone.closed;
    }
    for (let i = 0; i < 50 && quick.services.batches.uploads.inFlight > 0; i++) await sleep(20);
    expect(quick.services.batches.uploads.inFlight).toBe(0);
    const batch = await openBatch(quick, quickKey);
    expect((await put(quickBase, batch.path(1), { ...auth(quickKey), ...NDJSON }, lines([new Records().project()]))).status).toBe(200);
  });

  it("answers 503 with a code and the request id, no SQL, when Postgres drops the upload's connection", async () => {
    const upload = await slowUpload();
    upload.write('{"type":"project"');
    const pid = await copyRunning(quick);
    await quick.database.pool.query('select pg_terminate_backend($1)', [pid]);
    const answer = await within(10_000, 'the answer', upload.answer);
    expect(answer.status).toBe(503);
    expect(answer.json().error).toMatchObject({ code: 'DATABASE_UNAVAILABLE', requestId: expect.any(String) });
    expect(answer.body).not.toMatch(/copy|batch_lines|terminat/i);
    const batch = await openBatch(quick, quickKey);
    expect((await put(quickBase, batch.path(1), { ...auth(quickKey), ...NDJSON }, lines([new Records().project()]))).status).toBe(200);
  });

  it('/readyz says 503 when the API pool has no connection to give within the acquire timeout', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => quick.database.pool.connect()));
    try {
      const busy = await within(5_000, '/readyz', fetch(`${quickBase}/readyz`));
      expect(busy.status).toBe(503);
      expect(await busy.json()).toMatchObject({ status: 'unavailable', reason: expect.stringContaining('connection') });
    } finally {
      for (const client of held) client.release();
    }
    expect((await fetch(`${quickBase}/readyz`)).status).toBe(200);
  });

  it('answers GraphQL 503 DATABASE_UNAVAILABLE with Retry-After when no connection comes free, not an internal error', async () => {
    const held = await Promise.all(Array.from({ length: 4 }, () => quick.database.pool.connect()));
    try {
      const busy = await within(
        5_000,
        'GraphQL',
        fetch(`${quickBase}/graphql`, {
          method: 'POST',
          headers: { ...auth(quickKey), 'content-type': 'application/json' },
          body: JSON.stringify({ query: '{ regions { code } }' }),
        }),
      );
      expect(busy.status).toBe(503);
      expect(busy.headers.get('retry-after')).toBe('5');
      expect(((await busy.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('DATABASE_UNAVAILABLE');
    } finally {
      for (const client of held) client.release();
    }
  });
});
