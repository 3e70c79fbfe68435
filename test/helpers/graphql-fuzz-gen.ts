import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';

/** mulberry32: a small seeded generator, so a failing run can be replayed from its seed. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    chance: (p: number) => next() < p,
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
  };
}
export type Rng = ReturnType<typeof seeded>;

/** Valid values the data holds, so some operations reach real rows and the deeper code. */
export interface Pool {
  strings: string[];
  ids: string[];
}

const MEGABYTE = 'A'.repeat(1_000_000);
const HOSTILE_STRINGS = [
  '',
  ' ',
  'x',
  '\u0000',
  'abc\u0000def',
  '\ud800',
  'a\udc00b',
  '\ud83d',
  '%',
  '_',
  "' OR 1=1 --",
  '\\',
  '\\u0000',
  '"}',
  '{}',
  '[]',
  'null',
  'NaN',
  '１５２９２１',
  '９１３３０１００７１６１０５８５２Ｆ',
  '宏达',
  '有限公司',
  '🙂'.repeat(50),
  'x'.repeat(1001),
  'x'.repeat(5000),
  '2025-02-30',
  '0000-00-00',
  'djE',
  'WyJ2MSIsMV0',
  'WyJ2MSIsIngiXQ',
  '-1',
  '0',
  '1e3',
  '0x10',
  '99999999999999999999',
  '1.5',
  ' 1',
  'P152900 ',
  '\n\t',
];
const HOSTILE_VARIABLE_NUMBERS: unknown[] = ['NaN', 'ten', '1e3', '', 1.5, 2 ** 53, -(2 ** 53), 1e308, true, {}, []];
const INTS = [0, 1, -1, 2, 10, 50, 100, 101, 500, 1000, 1001, 2147483647, -2147483648];

/** A value for an input type; `literal` keeps to what a GraphQL literal can say. */
export function inputValue(rng: Rng, type: GraphQLInputType, pool: Pool, literal: boolean, depth = 0): unknown {
  if (!isNonNullType(type) && rng.chance(0.15)) return null;
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) {
    // A huge list of one small item (a huge list of huge items would not fit in a request).
    if (!literal && rng.chance(0.03)) return new Array(rng.pick([1001, 5000, 50_000])).fill(inputValue(rng, t.ofType, pool, true, depth + 1));
    return Array.from({ length: rng.int(4) }, () => inputValue(rng, t.ofType, pool, literal, depth + 1));
  }
  if (isInputObjectType(t)) {
    const out: Record<string, unknown> = {};
    for (const field of Object.values(t.getFields())) {
      if (isNonNullType(field.type) || rng.chance(0.5)) out[field.name] = inputValue(rng, field.type, pool, literal, depth + 1);
    }
    if (!literal && rng.chance(0.05)) out.unknownField = 'x';
    return out;
  }
  if (isEnumType(t)) return rng.chance(0.9) ? rng.pick(t.getValues()).name : rng.pick(['NOPE', 'projects', 'REGION ', '1']);
  if (!literal && rng.chance(0.1)) return rng.pick(HOSTILE_VARIABLE_NUMBERS);
  switch (t.name) {
    case 'Int':
      return rng.pick(INTS);
    case 'Float':
      return rng.pick([0, -1, 0.5, 1e300, -1e300]);
    case 'Boolean':
      return rng.chance(0.5);
    case 'Date':
      return rng.pick(['2025-01-01', '2025-12-31', '2024-02-29', '2025-02-30', '1900-01-01', '9999-12-31', '2025-1-1', 'yesterday']);
    default: // String, ID and other scalars taken as strings
      if (!literal && rng.chance(0.02)) return MEGABYTE;
      return rng.chance(0.5) ? rng.pick(HOSTILE_STRINGS) : rng.pick(t.name === 'ID' ? pool.ids : pool.strings);
  }
}

/** A value printed as a GraphQL literal. */
export function printLiteral(value: unknown, type: GraphQLInputType): string {
  if (value === null || value === undefined) return 'null';
  const t = getNullableType(type) as GraphQLInputType;
  if (isListType(t)) return `[${(value as unknown[]).map((v) => printLiteral(v, t.ofType)).join(', ')}]`;
  if (isInputObjectType(t)) {
    const fields = t.getFields();
    return `{ ${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${printLiteral(v, fields[k]!.type)}`)
      .join(', ')} }`;
  }
  if (isEnumType(t)) return String(value);
  return JSON.stringify(value);
}

export interface Operation {
  query: string;
  variables: Record<string, unknown>;
}

class Builder {
  readonly variables: Record<string, unknown> = {};
  readonly declarations: string[] = [];

  constructor(
    private readonly rng: Rng,
    private readonly pool: Pool,
  ) {}

  args(args: readonly GraphQLArgument[]): string {
    const parts: string[] = [];
    for (const arg of args) {
      if (!isNonNullType(arg.type) && this.rng.chance(0.4)) continue;
      if (this.rng.chance(0.5)) {
        const name = `v${this.declarations.length}`;
        this.declarations.push(`$${name}: ${String(arg.type)}`);
        this.variables[name] = inputValue(this.rng, arg.type, this.pool, false);
        parts.push(`${arg.name}: $${name}`);
      } else {
        parts.push(`${arg.name}: ${printLiteral(inputValue(this.rng, arg.type, this.pool, true), arg.type)}`);
      }
    }
    return parts.length ? `(${parts.join(', ')})` : '';
  }

  selection(type: GraphQLObjectType, depth: number): string {
    const fields = Object.values(type.getFields());
    const chosen = fields.filter(() => this.rng.chance(0.35));
    if (chosen.length === 0) chosen.push(this.rng.pick(fields));
    return `{ ${chosen.map((f) => this.field(f, depth)).join(' ')} }`;
  }

  field(field: GraphQLField<unknown, unknown>, depth: number): string {
    const named = getNamedType(field.type);
    const head = `${field.name}${this.args(field.args)}`;
    if (isLeafType(named)) return head;
    if (!isObjectType(named)) return `${head} { __typename }`;
    // Past the depth budget, the cheapest leaf of the type.
    if (depth <= 0) {
      const leaf = Object.values(named.getFields()).find((f) => isLeafType(getNamedType(f.type)) && f.args.length === 0);
      return leaf ? `${head} { ${leaf.name} }` : `${head} { __typename }`;
    }
    return `${head} ${this.selection(named, depth - 1)}`;
  }
}

/** One random operation: a root field (or a few aliased), random arguments and selections. */
export function randomOperation(rng: Rng, schema: GraphQLSchema, pool: Pool): Operation {
  const mutation = rng.chance(0.1);
  const root = (mutation ? schema.getMutationType() : schema.getQueryType())!;
  const b = new Builder(rng, pool);
  const depth = rng.chance(0.05) ? 12 : rng.int(5);
  const aliases = rng.chance(0.05) ? rng.pick([5, 16, 40]) : rng.chance(0.2) ? 2 : 1;
  const field = rng.pick(Object.values(root.getFields()));
  const body = Array.from({ length: aliases }, (_, i) => `${aliases > 1 ? `a${i}: ` : ''}${b.field(field, depth)}`).join(' ');
  const head = `${mutation ? 'mutation' : 'query'}${b.declarations.length ? `(${b.declarations.join(', ')})` : ''}`;
  return { query: `${head} { ${body} }`, variables: b.variables };
}

/** Deep nesting the schema allows: region → parent → children → … */
export function deepRegions(rng: Rng): Operation {
  const depth = 2 + rng.int(10);
  return { query: `{ regions { ${'parent { children { '.repeat(depth)}code${' } }'.repeat(depth)} } }`, variables: {} };
}
