import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, makeUscc } from './helpers/factories';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let admin: string;

beforeAll(async () => {
  hub = await createTestHub();
  admin = await new Factory(hub.database.db, hub.services).key('admin');
});
afterAll(() => hub.close());

const stillServing = async () => {
  const r = await hub.gql('{ categories { code } }', { key: admin });
  expect(r.data!.categories).toHaveLength(9);
};

describe('protection against expensive queries', () => {
  it('refuses a depth-20 query with QUERY_TOO_COMPLEX', async () => {
    const query = `{ region(code: "150000") ${'{ children '.repeat(19)}{ code }${' }'.repeat(19)} }`;
    const r = await hub.gql(query, { key: admin });
    expect(r.data ?? null).toBeNull();
    expect(codes(r)).toContain('QUERY_TOO_COMPLEX');
    expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/depth limit of 10 exceeded, found 21/);
    await stillServing();
  });

  it('refuses a 100-alias query with QUERY_TOO_COMPLEX', async () => {
    const query = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: categories { code }`).join(' ')} }`;
    const r = await hub.gql(query, { key: admin });
    expect(codes(r)).toContain('QUERY_TOO_COMPLEX');
    expect(r.errors!.map((e) => e.message).join(' ')).toMatch(/Aliases limit of 15 exceeded, found 100/);
    await stillServing();
  });

  it('refuses a huge query by its token count before doing any work', async () => {
    const query = `{ categories { ${'code '.repeat(3000)} } }`;
    const r = await hub.gql(query, { key: admin });
    expect(codes(r)).toContain('QUERY_TOO_COMPLEX');
  });

  it('lets an ordinary dashboard-sized query through', async () => {
    const r = await hub.gql(
      `{ projects(first: 100) { totalCount nodes { id title budget region { name } category { name } platform { code }
          initiator { name } bids { price bidder { name } } awards { amount winner { name } } } } }`,
      { key: admin },
    );
    expect(r.errors).toBeUndefined();
  });
});

describe('bad input gets a clear error with a code, never a crash', () => {
  it('malformed GraphQL', async () => {
    const r = await hub.gql('{ projects( { totalCount } }', { key: admin });
    expect(r.status).toBe(400);
    expect(codes(r)[0]).toMatch(/GRAPHQL_(PARSE|VALIDATION)_FAILED/);
    expect(r.errors![0]!.message).toContain('Syntax Error');
    await stillServing();
  });

  it('a wrong argument type', async () => {
    const literal = await hub.gql('{ projects(first: "ten") { totalCount } }', { key: admin });
    expect(codes(literal)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    const variable = await hub.gql('query($n: Int) { projects(first: $n) { totalCount } }', { key: admin, variables: { n: 'ten' } });
    expect(codes(variable)).toEqual(['BAD_USER_INPUT']);
    await stillServing();
  });

  it('an invalid USCC, naming what is wrong', async () => {
    const r = await hub.gql('{ entity(uscc: "9144030071526726XA") { name } }', { key: admin });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.message).toBe("uscc: USCC check character is 'A', expected 'G'");
  });

  it('an unknown entity or project is NOT_FOUND, a malformed id BAD_USER_INPUT', async () => {
    // A fresh valid code: the docs' example codes are pushed by other test files.
    expect(codes(await hub.gql(`{ entity(uscc: "${makeUscc('150100')}") { name } }`, { key: admin }))).toEqual(['NOT_FOUND']);
    expect(codes(await hub.gql('{ project(id: "999999999") { title } }', { key: admin }))).toEqual(['NOT_FOUND']);
    expect(codes(await hub.gql('{ project(id: "12abc") { title } }', { key: admin }))).toEqual(['BAD_USER_INPUT']);
  });

  it('a body that is not JSON', async () => {
    const response = await hub.app.inject({ method: 'POST', url: '/graphql', headers: { 'content-type': 'application/json' }, payload: '{"query": ' });
    expect(response.statusCode).toBe(400);
    await stillServing();
  });

  it('a cross-site form post is refused (CSRF prevention)', async () => {
    const response = await hub.app.inject({ method: 'GET', url: '/graphql?query=%7B__typename%7D' });
    expect(response.statusCode).toBe(400);
    expect(response.body).toMatch(/CSRF|preflight/i);
  });
});

describe('in production', () => {
  it('turns introspection and stack traces off for every key but admin', async () => {
    const prod = await createTestHub({ NODE_ENV: 'production' });
    const policy = await new Factory(hub.database.db, hub.services).key('policy');
    try {
      const introspection = await prod.gql('{ __schema { types { name } } }', { key: policy });
      expect(introspection.errors?.[0]?.message).toMatch(/introspection/i);
      const bad = await prod.gql('{ projects(first: "ten") { totalCount } }', { key: admin });
      expect(bad.errors![0]!.extensions!.stacktrace).toBeUndefined();
      const suggestion = await prod.gql('{ projectz { totalCount } }', { key: policy });
      expect(suggestion.raw).not.toMatch(/Did you mean/);
    } finally {
      await prod.close();
    }
  });
});
