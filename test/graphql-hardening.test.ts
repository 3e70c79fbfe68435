import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isInputObjectType, isListType, isNonNullType, isObjectType, print, type GraphQLEnumType, type GraphQLOutputType } from 'graphql';
import { loadConfig } from '../src/config/config';
import { costBasisOf, costEstimator, listSizes, queryCost } from '../src/graphql/cost';
import { SHORTER_STRING_LIMITS } from '../src/graphql/input-limits';
import { hubSchema } from '../src/graphql/schema';
import { docQueries } from './helpers/doc-queries';
import { Factory } from './helpers/factories';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
const keys: Record<string, string> = {};

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
  for (const role of ['admin', 'credit', 'platform'] as const) keys[role] = await f.key(role, role === 'platform' ? { platform: 'P152900' } : {});
});
afterAll(() => hub.close());

const limit = loadConfig({}).graphqlLimits;
const nested = (depth: number) => `${'parent { children { '.repeat(depth)}code${' } }'.repeat(depth)}`;

describe('cost follows list sizes (finding 10)', () => {
  it('refuses regions { parent { children … } } at depth 10, naming the cost and the limit', async () => {
    const one = await hub.gql(`{ regions { ${nested(4)} } }`, { key: keys.admin });
    expect(codes(one)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(one.data ?? null).toBeNull();
    expect(one.errors![0]!.message).toMatch(/^Query cost [\d,]+ exceeds the limit of 100,000 \(GRAPHQL_MAX_COST\)/);
    const five = await hub.gql(`{ ${[1, 2, 3, 4, 5].map((i) => `a${i}: regions { ${nested(4)} }`).join(' ')} }`, { key: keys.admin });
    expect(codes(five)).toEqual(['QUERY_TOO_COMPLEX']);
  });

  it("answers the credit docs' own creditChanges(first: 500) mirroring query", async () => {
    const doc = await readFile(new URL('../docs/credit-api.md', import.meta.url), 'utf8');
    const query = /```graphql\n(query\(\$after: String\)[^`]+)```/.exec(doc)![1]!;
    expect(query).toContain('first: 500');
    const r = await hub.gql(query, { key: keys.credit, variables: { after: null } });
    expect(r.errors).toBeUndefined();
    expect(Array.isArray(r.data!.creditChanges.changes)).toBe(true);
  });

  it('lets a paged list within the limit through, and refuses five of it at once', async () => {
    const credit = '{ decisionNumber authority decidedOn content amount }';
    const fields = `nodes { id title bids { price bidder { name uscc penalties ${credit} blacklistEntries { listType startsOn } } } }`;
    expect((await hub.gql(`{ projects(first: 100) { ${fields} } }`, { key: keys.admin })).errors).toBeUndefined();
    const five = await hub.gql(`{ ${[1, 2, 3, 4, 5].map((i) => `p${i}: projects(first: 100) { ${fields} }`).join(' ')} }`, { key: keys.admin });
    expect(codes(five)).toEqual(['QUERY_TOO_COMPLEX']);
    expect(five.errors![0]!.extensions).toMatchObject({ maxCost: 100_000 });
  });
});

describe('every query the docs show is within the default cost', () => {
  it('costs each docs/ and README example (lists as variables at their largest) under GRAPHQL_MAX_COST', async () => {
    const schema = await hubSchema();
    const estimator = costEstimator(listSizes(costBasisOf(hub.services.reference.registry, loadConfig({}).pageSize)));
    const examples = await docQueries();
    expect(examples.length).toBeGreaterThanOrEqual(9);
    for (const example of examples) {
      // A list variable at the most the API takes: creditStatus's 1,000 codes.
      const variables: Record<string, unknown> = {};
      for (const def of example.document.definitions.flatMap((d) => (d.kind === 'OperationDefinition' ? (d.variableDefinitions ?? []) : []))) {
        const type = print(def.type);
        if (type.startsWith('[')) variables[def.variable.name.value] = Array.from({ length: 1000 }, () => '91330100716105852F');
        // A required scalar (a warning's id, a dismissal's reason) costs the same whatever its value.
        else if (type.endsWith('!')) variables[def.variable.name.value] = type === 'Int!' ? 1 : type === 'Boolean!' ? true : '1';
      }
      const cost = queryCost({ schema, document: example.document, variables, estimator });
      expect({ where: example.where, source: example.source.slice(0, 60), cost: cost <= limit.maxCost }).toEqual({
        where: example.where,
        source: example.source.slice(0, 60),
        cost: true,
      });
    }
  });
});

describe('the estimates cover the schema', () => {
  it('has a list size for every list field and a field for every size and string limit', async () => {
    const schema = await hubSchema();
    const sizes = listSizes(costBasisOf(hub.services.reference.registry, loadConfig({}).pageSize));
    const isList = (t: GraphQLOutputType): boolean => (isNonNullType(t) ? isList(t.ofType) : isListType(t));
    const lists: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (!isObjectType(type) || type.name.startsWith('__')) continue;
      for (const field of Object.values(type.getFields())) if (isList(field.type)) lists.push(`${type.name}.${field.name}`);
    }
    expect(lists.filter((c) => !(c in sizes))).toEqual([]);
    const known = (coordinate: string) => {
      const [, type, field, arg] = /^(\w+)\.(\w+)(?:\((\w+):\))?$/.exec(coordinate)!;
      const t = schema.getType(type!);
      if (isObjectType(t)) return arg === undefined || t.getFields()[field!]?.args.some((a) => a.name === arg) === true;
      return isInputObjectType(t) && field! in t.getFields();
    };
    expect(Object.keys(sizes).filter((c) => !known(c) || !isObjectType(schema.getType(c.split('.')[0]!)))).toEqual([]);
    expect(Object.keys(SHORTER_STRING_LIMITS).filter((c) => !known(c))).toEqual([]);
  });
});

describe('a ceiling on response size', () => {
  it('replaces an answer over GRAPHQL_MAX_RESPONSE_BYTES with RESPONSE_TOO_LARGE', async () => {
    const small = await createTestHub({ GRAPHQL_MAX_RESPONSE_BYTES: '2048' });
    try {
      const r = await small.gql('{ regions { code name nameEn level parentCode isLocalCode } }', { key: keys.admin });
      expect(r.status).toBe(200);
      expect(codes(r)).toEqual(['RESPONSE_TOO_LARGE']);
      expect(r.errors![0]!.message).toMatch(/over the limit of 2,048 .*narrow the query or page it/);
      expect(r.raw.length).toBeLessThan(2048);
      expect((await small.gql('{ categories { code } }', { key: keys.admin })).data!.categories).toHaveLength(9);
    } finally {
      await small.close();
    }
    expect(limit.maxResponseBytes).toBe(5 * 1024 * 1024);
  });
});

describe('bounded strings (finding 11)', () => {
  it('answers a list variable with a thousand bad values as BAD_USER_INPUT, not an internal error', async () => {
    const r = await hub.gql('query($i: StatisticsInput!) { statistics(input: $i) { rows { period } } }', {
      key: keys.admin,
      variables: { i: { measures: Array.from({ length: 1000 }, () => '1'), filter: { from: '2025-01-01', to: '2025-01-31' } } },
    });
    expect(r.status).toBe(400);
    expect(new Set(codes(r))).toEqual(new Set(['BAD_USER_INPUT']));
    expect(r.errors!.at(-1)!.message).toMatch(/^Too many errors processing variables/);
  });

  it('checks no more of a list of 50,000 bad values than the ones it names, whoever sends it', async () => {
    // Each bad enum value costs graphql-js a search for suggestions: checked to the end, one
    // request of 350 KB held the event loop for seconds. Count the values the hub checks.
    const measure = (await hubSchema()).getType('Measure') as GraphQLEnumType;
    const parseValue = measure.parseValue.bind(measure);
    let checked = 0;
    measure.parseValue = (value) => {
      checked++;
      return parseValue(value);
    };
    try {
      for (const key of [undefined, keys.admin]) {
        checked = 0;
        const r = await hub.gql('query($i: StatisticsInput!) { statistics(input: $i) { rows { period } } }', {
          key,
          variables: { i: { measures: new Array(50_000).fill('NOPE'), filter: { from: '2025-01-01', to: '2025-01-31' } } },
        });
        expect(r.status).toBe(400);
        expect(r.errors).toHaveLength(51);
        expect(r.errors![0]!.message).toContain('"NOPE" at "i.measures[0]"');
        // The guard's check and execution's, each stopping after the 50 it reports.
        expect(checked).toBeLessThanOrEqual(2 * 51);
      }
    } finally {
      delete (measure as Partial<GraphQLEnumType>).parseValue;
    }
    expect(Object.hasOwn(measure, 'parseValue')).toBe(false);
  });

  it('refuses a 100 KB searchEntities name, naming the argument', async () => {
    const r = await hub.gql('query($n: String!) { searchEntities(name: $n) { code } }', { key: keys.credit, variables: { n: '宏'.repeat(100_000) } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions!.argument).toBe('name');
    expect(r.errors![0]!.message).toBe('name: 100,000 characters; at most 200 are accepted');
  });

  it('refuses a 900 KB entities filter name, literal or variable', async () => {
    const name = 'a'.repeat(900_000);
    const variable = await hub.gql('query($f: EntityFilter) { entities(filter: $f) { totalCount } }', { key: keys.admin, variables: { f: { name } } });
    expect(codes(variable)).toEqual(['BAD_USER_INPUT']);
    expect(variable.errors![0]!.extensions!.argument).toBe('filter.name');
    const literal = await hub.gql(`{ entities(filter: { name: "${'a'.repeat(5000)}" }) { totalCount } }`, { key: keys.admin });
    expect(literal.errors![0]!.extensions!.argument).toBe('filter.name');
  });

  it('bounds every string argument, at any depth of lists and input objects', async () => {
    const r = await hub.gql('query($i: StatisticsInput!) { statistics(input: $i) { rows { region } } }', {
      key: keys.admin,
      variables: { i: { measures: ['PROJECTS'], filter: { from: '2025-01-01', to: '2025-01-31', categoryCodes: ['construction', 'x'.repeat(1001)] } } },
    });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions!.argument).toBe('input.filter.categoryCodes[1]');
  });

  it('refuses a NUL in one of 1,000 creditStatus codes, naming that code, instead of failing the batch', async () => {
    const entity = await f.entity();
    const list = Array.from({ length: 1000 }, () => entity.uscc!);
    list[417] = `${entity.uscc}\u0000`;
    const r = await hub.gql('query($c: [String!]!) { creditStatus(codes: $c) { known } }', { key: keys.credit, variables: { c: list } });
    expect(codes(r)).toEqual(['BAD_USER_INPUT']);
    expect(r.errors![0]!.extensions!.argument).toBe('codes[417]');
    expect(r.errors![0]!.message).toMatch(/NUL/);
  });

  it('refuses a NUL literal and a lone surrogate anywhere a string goes', async () => {
    const nul = await hub.gql('{ entity(uscc: "9144030071526726XG\\u0000") { name } }', { key: keys.admin });
    expect(codes(nul)).toEqual(['BAD_USER_INPUT']);
    expect(nul.errors![0]!.extensions!.argument).toBe('uscc');
    const lone = await hub.gql('query($t: String) { projects(filter: { text: $t }) { totalCount } }', { key: keys.platform, variables: { t: 'ab\ud800c' } });
    expect(codes(lone)).toEqual(['BAD_USER_INPUT']);
    expect(lone.errors![0]!.extensions!.argument).toBe('filter.text');
    expect(lone.errors![0]!.message).toMatch(/lone surrogate \(U\+D800\)/);
    const mutation = await hub.gql('mutation($k: String!) { openBatch(idempotencyKey: $k) { id } }', { key: keys.platform, variables: { k: 'nightly\u0000' } });
    expect(mutation.errors![0]!.extensions!.argument).toBe('idempotencyKey');
  });
});

describe('safe defaults with NODE_ENV unset (finding 13)', () => {
  let unset: TestHub;
  beforeAll(async () => {
    unset = await createTestHub({ NODE_ENV: '' });
  });
  afterAll(() => unset.close());

  it('refuses introspection to anonymous and non-admin callers, and answers it for admin keys', async () => {
    for (const key of [undefined, keys.platform, keys.credit]) {
      const r = await unset.gql('{ __schema { types { name } } }', { key });
      expect(r.data ?? null).toBeNull();
      expect(codes(r)).toEqual(['FORBIDDEN']);
      expect(r.errors![0]!.message).toMatch(/Introspection .* only to admin keys/);
      expect(codes(await unset.gql('{ __type(name: "Entity") { fields { name } } }', { key }))).toEqual(['FORBIDDEN']);
    }
    const admin = await unset.gql('{ __schema { queryType { name } } }', { key: keys.admin });
    expect(admin.data!.__schema.queryType.name).toBe('Query');
    expect((await unset.gql('{ __typename }', { key: keys.platform })).data!.__typename).toBe('Query');
  });

  it('gives field suggestions to admin keys only', async () => {
    const platform = await unset.gql('{ projectz { totalCount } }', { key: keys.platform });
    expect(platform.errors![0]!.message).toBe('Cannot query field "projectz" on type "Query".');
    expect((await unset.gql('{ projectz { totalCount } }')).raw).not.toMatch(/Did you mean/);
    expect((await unset.gql('{ projectz { totalCount } }', { key: keys.admin })).errors![0]!.message).toMatch(/Did you mean "project" or "projects"\?/);
  });

  it('sends no stack trace or file path in any error', async () => {
    for (const key of [undefined, 'prt_not_a_key', keys.platform, keys.admin]) {
      const r = await unset.gql('{ projects(first: "ten") { totalCount } entity(uscc: "x") { name } }', { key });
      for (const e of r.errors ?? []) expect(e.extensions!.stacktrace).toBeUndefined();
      expect(r.raw).not.toMatch(/\/src\/|node_modules|\.ts:\d+/);
    }
  });

  it('opens the schema to every key only with an explicit NODE_ENV=development, and sends stack traces to nobody even then', async () => {
    const dev = await createTestHub({ NODE_ENV: 'development' });
    try {
      expect((await dev.gql('{ __schema { queryType { name } } }', { key: keys.platform })).errors).toBeUndefined();
      expect((await dev.gql('{ projectz { totalCount } }', { key: keys.platform })).raw).toMatch(/Did you mean/);
      for (const key of [undefined, 'prt_not_a_key', keys.platform, keys.admin]) {
        const r = await dev.gql('{ projects(first: "ten") { totalCount } }', { key });
        expect(r.errors![0]!.extensions!.stacktrace).toBeUndefined();
        expect(r.raw).not.toMatch(/\/src\/|node_modules|\.ts:\d+/);
      }
    } finally {
      await dev.close();
    }
  });
});
