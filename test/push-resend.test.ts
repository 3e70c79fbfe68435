import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory } from './helpers/factories';
import { put, sleep } from './helpers/raw-upload';
import { ndjson, Records } from './helpers/records';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

/**
 * Issue 12: an idempotency key is bound to its records, not to how they were cut into
 * parts; and an empty night can be pushed.
 */
let hub: TestHub;
let key: string;
let base: string;

beforeAll(async () => {
  hub = await createTestHub();
  base = await hub.listen();
  key = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
});
afterAll(async () => {
  await hub.services.processor.idle();
  await hub.close();
});

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
/** As docs/push-protocol.md says a sender computes it: each record's line and `\n`, in order. */
const recordsDigest = (lines: string[]) => sha256(lines.map((l) => `${l}\n`).join(''));
const partsDigest = (parts: string[][]) => sha256(parts.map((p) => recordsDigest(p)).join('\n'));
const RECEIPT = 'id status declaredCount counts { received stored unchanged stale held rejected released }';

const open = async (idempotencyKey: string) => (await hub.gql(`mutation { openBatch(idempotencyKey: "${idempotencyKey}") { id status } }`, { key })).data!.openBatch;
const upload = (id: string, partNo: number, lines: string[]) =>
  put(base, `/push/batches/${id}/parts/${partNo}`, { authorization: `Bearer ${key}`, 'content-type': 'application/x-ndjson' }, lines.map((l) => `${l}\n`).join(''));
const seal = (id: string, count: number, digest: string) => hub.gql(`mutation { sealBatch(id: "${id}", recordCount: ${count}, sha256: "${digest}") { ${RECEIPT} } }`, { key });

async function receipt(id: string) {
  for (let i = 0; i < 400; i++) {
    const batch = (await hub.gql(`{ batch(id: "${id}") { ${RECEIPT} } }`, { key })).data!.batch;
    if (batch.status === 'committed' || batch.status === 'failed') return batch;
    await sleep(25);
  }
  throw new Error(`batch ${id} never finished`);
}

/** Sends `parts` under the key and seals with `digest` (the parts' digest unless given). */
async function send(idempotencyKey: string, parts: string[][], digest = partsDigest(parts)) {
  const batch = await open(idempotencyKey);
  const uploads = [];
  for (const [i, part] of parts.entries()) uploads.push(await upload(batch.id, i + 1, part));
  return { batch, uploads, seal: await seal(batch.id, parts.flat().length, digest) };
}

describe('the same records cut into other parts under the same key', () => {
  const r = new Records();
  const project = r.project();
  const lines = ndjson([project, r.bid(project.id, r.firm()), r.bid(project.id, r.firm()), r.award(project.id, r.firm()), r.project()]);
  const idempotencyKey = `resend-${r.tag}`;

  it('is the same batch: each part is recognised, and sealing with the records digest returns the first receipt', async () => {
    const first = await send(idempotencyKey, [lines.slice(0, 2), lines.slice(2)]);
    expect(first.seal.errors).toBeUndefined();
    const done = await receipt(first.batch.id);
    expect(done).toMatchObject({ status: 'committed', counts: { received: 5, stored: 5 } });

    const again = await send(idempotencyKey, [lines.slice(0, 1), lines.slice(1, 4), lines.slice(4)], recordsDigest(lines));
    expect(again.batch.id).toBe(first.batch.id);
    expect(again.uploads.map((u) => [u.status, u.json<{ alreadyReceived: boolean }>().alreadyReceived])).toEqual([
      [200, true],
      [200, true],
      [200, true],
    ]);
    expect(again.seal.errors).toBeUndefined();
    expect(again.seal.data!.sealBatch).toEqual(done);
  });

  it('says how to seal it when the digest declared is of the new parts', async () => {
    const again = await send(idempotencyKey, [lines.slice(0, 3), lines.slice(3)]);
    expect(codes(again.seal)).toEqual(['CONFLICT']);
    expect(again.seal.errors![0]!.message).toMatch(/records digest/);
  });

  it('still refuses other records under the key: at the part that holds them, and at the seal', async () => {
    const changed = [...lines.slice(0, 4), JSON.stringify({ ...JSON.parse(lines[4]!), title: `${r.tag} 另一个项目` })];
    const again = await send(idempotencyKey, [changed.slice(0, 3), changed.slice(3)], recordsDigest(changed));
    expect(again.uploads.map((u) => u.status)).toEqual([200, 409]);
    expect(again.uploads[1]!.json().error.message).toMatch(/holds records it was not sealed with/);
    expect(codes(again.seal)).toEqual(['CONFLICT']);
    // Fewer records, each of them the batch's own, are other content too.
    const fewer = await send(idempotencyKey, [lines.slice(0, 4)], recordsDigest(lines.slice(0, 4)));
    expect(fewer.uploads[0]!.status).toBe(200);
    expect(codes(fewer.seal)).toEqual(['CONFLICT']);
  });
});

describe('sealing with the records digest', () => {
  it('accepts it for a batch sent in several parts the first time, and refuses a wrong one naming both digests', async () => {
    const r = new Records();
    const lines = ndjson([r.project(), r.project(), r.project()]);
    const wrong = await send(`records-${r.tag}`, [lines.slice(0, 1), lines.slice(1)], recordsDigest(lines.slice(1)));
    expect([codes(wrong.seal), wrong.seal.errors![0]!.extensions!.argument]).toEqual([['BAD_USER_INPUT'], 'sha256']);
    expect(wrong.seal.errors![0]!.message).toContain(`its records digest is ${recordsDigest(lines)}`);
    const right = await seal(wrong.batch.id, 3, recordsDigest(lines));
    expect(right.errors).toBeUndefined();
    expect(await receipt(wrong.batch.id)).toMatchObject({ status: 'committed', counts: { received: 3, stored: 3 } });
  });
});

describe('an empty night', () => {
  const EMPTY = sha256('');

  it('is sealed with no parts, recordCount 0 and the SHA-256 of nothing, commits, and can be sealed again', async () => {
    const idempotencyKey = `empty-${new Records().tag}`;
    const batch = await open(idempotencyKey);
    const sealed = await seal(batch.id, 0, EMPTY);
    expect(sealed.errors).toBeUndefined();
    expect(await receipt(batch.id)).toMatchObject({ status: 'committed', declaredCount: 0, counts: { received: 0, stored: 0, rejected: 0 } });
    const again = await seal((await open(idempotencyKey)).id, 0, EMPTY);
    expect(again.data!.sealBatch).toMatchObject({ id: batch.id, status: 'committed' });
    expect(codes(await seal(batch.id, 1, EMPTY))).toEqual(['CONFLICT']);
  });

  it('is sealed as docs/push-protocol.md shows it', async () => {
    const doc = await readFile(new URL('../docs/push-protocol.md', import.meta.url), 'utf8');
    const example = /```graphql\n\s*(mutation \{ sealBatch\(id: "813", recordCount: 0[^`]*)```/.exec(doc)![1]!;
    const batch = await open(`empty-doc-${new Records().tag}`);
    const answer = await hub.gql(example.replace('"813"', `"${batch.id}"`), { key });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.sealBatch.counts.received).toBe(0);
    expect(await receipt(batch.id)).toMatchObject({ status: 'committed', counts: { received: 0 } });
  });

  it("answers a seal as docs/push-protocol.md's step 3 shows, however fast the hub takes the batch up", async () => {
    const doc = await readFile(new URL('../docs/push-protocol.md', import.meta.url), 'utf8');
    const [, example, shown] = /```graphql\n\s*(mutation \{ sealBatch\(id: "812"[^`]*)```\n\s*→ `([^`]*)`/.exec(doc)!;
    const lines = ndjson([new Records().project()]);
    const batch = await open(`sealed-doc-${new Records().tag}`);
    expect((await upload(batch.id, 1, lines)).status).toBe(200);
    const query = example!.replace('"812"', `"${batch.id}"`).replace('120000', '1').replace('9f2c…', recordsDigest(lines));
    const answer = await hub.gql(query, { key });
    expect(answer.errors).toBeUndefined();
    expect(answer.data!.sealBatch).toEqual(JSON.parse(shown!));
    expect(await receipt(batch.id)).toMatchObject({ status: 'committed', counts: { received: 1, stored: 1 } });
  });

  it('is also one empty part', async () => {
    const batch = await open(`empty-part-${new Records().tag}`);
    expect((await upload(batch.id, 1, [])).json()).toMatchObject({ lines: 0, sha256: EMPTY });
    expect((await seal(batch.id, 0, EMPTY)).errors).toBeUndefined();
    expect(await receipt(batch.id)).toMatchObject({ status: 'committed', counts: { received: 0 } });
  });

  it('refuses a batch without parts sealed as if it held records, saying how an empty night is sealed', async () => {
    const batch = await open(`empty-wrong-${new Records().tag}`);
    const r = await seal(batch.id, 3, EMPTY);
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.message).toContain(`recordCount 0 and sha256 ${EMPTY}`);
  });
});
