import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { takeTokens } from '../src/credit/rate-bucket.repository';
import { Factory, makeIdNumber, type EntityRow } from './helpers/factories';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
let entity: EntityRow;

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
  entity = await f.entity();
});
afterAll(async () => hub?.close());

const status = (key: string, list: string[]) => hub.gql(`query($c: [String!]!) { creditStatus(codes: $c) { valid known } }`, { key, variables: { c: list } });

describe('credit lookups: rate limits and the audit log', () => {
  it("refuses lookups past a key's token bucket with RATE_LIMITED and a retry-after, and lets it in again later", async () => {
    const key = await f.key('credit', { creditRate: 1, creditBurst: 3 });
    for (let i = 0; i < 3; i++) expect((await status(key, [entity.uscc!])).errors, `call ${i + 1}`).toBeUndefined();
    const refused = await status(key, [entity.uscc!]);
    expect(codes(refused)).toEqual(['RATE_LIMITED']);
    expect(refused.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: 1 });
    // Other keys have buckets of their own.
    expect((await status(await f.key('credit'), [entity.uscc!])).errors).toBeUndefined();
    await new Promise((r) => setTimeout(r, 1100));
    expect((await status(key, [entity.uscc!])).errors).toBeUndefined();
  });

  it("holds a key's rate across hub processes: a second hub on the same database takes from the same bucket", async () => {
    // Each hub has its own services and guard, as two processes behind a balancer would.
    const other = await createTestHub();
    try {
      const key = await f.key('credit', { creditRate: 1, creditBurst: 4 });
      const ask = (h: TestHub) => h.gql(`query($c: [String!]!) { creditStatus(codes: $c) { known } }`, { key, variables: { c: [entity.uscc!] } });
      const answers = [];
      for (const h of [hub, other, hub, other, hub, other]) answers.push(codes(await ask(h)));
      // Four tokens between them, not four each: the fifth and sixth calls are refused, whichever hub takes them.
      expect(answers).toEqual([[], [], [], [], ['RATE_LIMITED'], ['RATE_LIMITED']]);
    } finally {
      await other.close();
    }
  });

  it('counts every aliased lookup in one request', async () => {
    const key = await f.key('credit', { creditRate: 1, creditBurst: 3 });
    const aliases = Array.from({ length: 5 }, (_, i) => `a${i}: creditStatus(codes: ["${entity.uscc}"]) { known }`).join(' ');
    const r = await hub.gql(`{ ${aliases} }`, { key });
    expect(codes(r)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
    expect(Object.values(r.data ?? {}).filter((v) => v !== null)).toHaveLength(3);
  });

  it('keeps every lookup in an audit log only admin can read, with ID numbers masked', async () => {
    const { key: credit, row } = await hub.services.apiKeys.create({ name: `${f.tag} audited`, role: 'credit' });
    const idNumber = makeIdNumber();
    await status(credit, [entity.uscc!, idNumber, 'nonsense']);
    await hub.gql(`{ searchEntities(name: "${f.tag}宏达") { code } }`, { key: credit });
    const keyId = row.id;
    const admin = await f.key('admin');
    const log = await hub.gql(`{ creditLookups(keyId: ${keyId}) { keyName operation asked resultCounts askedAt } }`, { key: admin });
    expect(log.errors).toBeUndefined();
    const [search, check] = log.data!.creditLookups;
    expect(search.operation).toBe('searchEntities');
    expect(check.operation).toBe('creditStatus');
    expect(check.asked).toEqual([entity.uscc, `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`, 'nonsense']);
    expect(check.resultCounts).toEqual({ codes: 3, invalid: 1, known: 1, blacklisted: 0 });
    expect(log.raw).not.toContain(idNumber);
    expect(codes(await hub.gql('{ creditLookups { id } }', { key: credit }))).toEqual(['FORBIDDEN']);
  });

  it('refuses only the limited call: its aliased siblings answer, each spending only its own tokens', async () => {
    const key = await f.key('credit', { creditRate: 1, creditBurst: 2 });
    const r = await hub.gql(
      `{ a: searchEntities(name: "${f.tag}宏达") { code } b: creditStatus(codes: ["${entity.uscc}"]) { known } c: searchEntities(name: "${f.tag}宏达") { code } }`,
      { key },
    );
    expect(r.status).toBe(200);
    expect(r.data).not.toBeNull();
    // The three take their tokens at once, each on a connection of its own: which one reaches
    // Postgres last (and finds the bucket empty) is the network's choice, not the query's order.
    expect(r.errors!.map((e) => e.extensions?.code)).toEqual(['RATE_LIMITED']);
    expect(r.errors![0]!.extensions).toMatchObject({ retryAfterSeconds: 1 });
    const refused = (r.errors![0] as unknown as { path: string[] }).path[0]!;
    expect(r.data![refused]).toBeNull();
    const answered = ['a', 'b', 'c'].filter((alias) => alias !== refused);
    expect(answered).toHaveLength(2);
    for (const alias of answered) expect(r.data![alias]).toEqual(alias === 'b' ? [{ known: true }] : expect.any(Array));
  });

  it('counts no time backwards for a take that began before the one it waited for wrote', async () => {
    // A take's now() is when its statement began; one that queued behind another's row lock
    // began first. Here the late writer is a transaction begun 50 ms before the other take.
    const name = `credit:skew-${f.tag}`;
    const rate = { perSecond: 1, burst: 2 };
    await hub.database.db.transaction(async (tx) => {
      await tx.execute(sql`select now()`);
      await new Promise((r) => setTimeout(r, 50));
      expect(await takeTokens(hub.database.db, name, 1, rate)).toBe(0);
      // One token is left, and the earlier clock must not take 50 ms of refill away from it.
      expect(await takeTokens(tx, name, 1, rate)).toBe(0);
    });
    expect(await takeTokens(hub.database.db, name, 1, rate)).toBeGreaterThan(0);
  });

  it('answers HTTP 429 with Retry-After when every call of the request is refused, and audits each refusal', async () => {
    const { key, row } = await hub.services.apiKeys.create({ name: `${f.tag} flooding`, role: 'credit', creditRate: 1, creditBurst: 1 });
    const idNumber = makeIdNumber();
    expect((await status(key, [entity.uscc!])).errors).toBeUndefined();
    const response = await hub.app.inject({
      method: 'POST',
      url: '/graphql',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      payload: JSON.stringify({ query: `{ a: creditStatus(codes: ["${idNumber}"]) { known } b: creditChanges(first: 1) { hasMore } }` }),
    });
    expect(response.statusCode).toBe(429);
    expect(response.headers['retry-after']).toBe('1');
    const body = response.json() as { data: Record<string, unknown>; errors: Array<{ extensions: { code: string } }> };
    expect(body.data).toEqual({ a: null, b: null });
    expect(body.errors.map((e) => e.extensions.code)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);

    const log = await hub.gql(`{ creditLookups(keyId: ${row.id}) { operation asked resultCounts } }`, { key: await f.key('admin') });
    expect(log.data!.creditLookups).toEqual(
      expect.arrayContaining([
        { operation: 'creditStatus', asked: [`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`], resultCounts: { rateLimited: 1 } },
        { operation: 'creditChanges', asked: [], resultCounts: { rateLimited: 1 } },
      ]),
    );
    expect(log.data!.creditLookups).toHaveLength(3);
  });
});
