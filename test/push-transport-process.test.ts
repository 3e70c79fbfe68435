import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Factory } from './helpers/factories';
import { unusedPort } from './helpers/ports';
import { startServer, type Server } from './helpers/processes';
import { openUpload, put, sleep } from './helpers/raw-upload';
import { Records } from './helpers/records';
import { createTestHub, type TestHub } from './helpers/test-hub';

/**
 * The hub as a real process (src/main.ts) takes every hostile push request that used to
 * end it or hurt it, and is still alive and answering afterwards (issue 10, finding 1).
 */
let setup: TestHub;
let server: Server;
let base: string;
let key: string;

beforeAll(async () => {
  setup = await createTestHub();
  key = await new Factory(setup.database.db, setup.services).key('platform', { platform: 'P152900' });
  const port = await unusedPort();
  base = `http://127.0.0.1:${port}`;
  server = startServer({ DATABASE_URL: inject('databaseUrl'), PORT: String(port), DEMO_DATA: 'off', LOG_LEVEL: 'info' });
  await server.waitFor(/hub is serving GraphQL/);
});
afterAll(async () => {
  await server.stop('SIGKILL');
  await setup.close();
});

const gql = async (query: string) => {
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return (await response.json()) as { data?: Record<string, any>; errors?: unknown[] };
};
const openBatch = async () => (await gql(`mutation { openBatch(idempotencyKey: "process-${Math.random()}") { id } }`)).data!.openBatch.id as string;
const alive = () => server.child.exitCode === null && server.child.signalCode === null;

describe('the process never exits because of a request', () => {
  it('survives the crashing application/json part and every other hostile upload, then still answers GraphQL', async () => {
    const part = Buffer.from(`${JSON.stringify(new Records().project())}\n`);
    const id = await openBatch();
    const path = (n: string | number) => `/push/batches/${id}/parts/${n}`;
    const auth = { authorization: `Bearer ${key}` };
    const ndjson = { ...auth, 'content-type': 'application/x-ndjson' };

    const statuses: Record<string, number> = {};
    statuses.json = (await put(base, path(1), { ...auth, 'content-type': 'application/json' }, part)).status;
    statuses.nul = (await put(base, path(2), ndjson, Buffer.concat([part, Buffer.from([0x7b, 0, 0x7d, 0x0a])]))).status;
    statuses.deflateGarbage = (await put(base, path(3), { ...ndjson, 'content-encoding': 'deflate' }, Buffer.from('garbage'))).status;
    statuses.brGarbage = (await put(base, path(3), { ...ndjson, 'content-encoding': 'br' }, Buffer.from('garbage'))).status;
    statuses.unknownEncoding = (await put(base, path(3), { ...ndjson, 'content-encoding': 'zstd' }, part)).status;
    statuses.partNo1e3 = (await put(base, path('1e3'), ndjson, part)).status;
    const keyless = openUpload(base, path(3), { 'content-type': 'application/json', 'content-length': String(64 * 1024 * 1024) });
    keyless.write(Buffer.alloc(1024 * 1024, 0x5b));
    statuses.keyless = (await keyless.answer).status;
    const vanishing = openUpload(base, path(3), { ...ndjson, 'content-length': '100000' });
    vanishing.write(part);
    await sleep(200);
    vanishing.destroy();
    expect(alive()).toBe(true);

    // Bad gzip to the batch once sealed (only the hash path reads it).
    const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
    expect((await put(base, path(1), ndjson, part)).status).toBe(200);
    const sealed = await gql(
      `mutation { sealBatch(id: "${id}", recordCount: 3, sha256: "${createHash('sha256')
        .update(`${digest(part)}\n${digest(Buffer.concat([part, Buffer.from([0x7b, 0, 0x7d, 0x0a])]))}`)
        .digest('hex')}") { status } }`,
    );
    expect(sealed.errors, JSON.stringify(sealed.errors)).toBeUndefined();
    statuses.sealedBadGzip = (await put(base, path(1), { ...ndjson, 'content-encoding': 'gzip' }, Buffer.from('not gzip'))).status;
    statuses.sealedGzipOk = (await put(base, path(1), { ...ndjson, 'content-encoding': 'gzip' }, gzipSync(part))).status;

    expect(statuses).toEqual({
      json: 415,
      nul: 200,
      deflateGarbage: 400,
      brGarbage: 400,
      unknownEncoding: 415,
      partNo1e3: 400,
      keyless: 415,
      sealedBadGzip: 400,
      sealedGzipOk: 200,
    });
    expect(alive()).toBe(true);
    const batch = await gql(`{ batch(id: "${id}") { id } }`);
    expect(batch.data?.batch.id).toBe(id);
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(server.output()).not.toMatch(/uncaught|unhandled/i);
  }, 120_000);
});
