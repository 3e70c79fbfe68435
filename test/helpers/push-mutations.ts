import { readFileSync } from 'node:fs';

/** A small seeded PRNG (mulberry32): the same seed gives the same run. */
export class Rng {
  constructor(private state: number) {}
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let x = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)]!;
  }
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One valid record of every type, from the examples in docs/push-protocol.md (checked by their own test). */
export function templates(): Map<string, JsonObject> {
  const doc = readFileSync(new URL('../../docs/push-protocol.md', import.meta.url), 'utf8');
  const out = new Map<string, JsonObject>();
  for (const m of doc.matchAll(/```json\n(.+?)\n```/gs)) {
    const record = JSON.parse(m[1]!) as JsonObject;
    out.set(record.type as string, record);
  }
  return out;
}

const deep = (n: number): string => `${'['.repeat(n)}${']'.repeat(n)}`;

/** Strings a hostile or careless sender puts in a field. */
export const POISON_STRINGS: readonly string[] = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '__proto__',
  'constructor',
  'hasOwnProperty',
  'x'.repeat(100 * 1024),
  '中'.repeat(40_000),
  '\u202eevil\u202c',
  'zero\u200bwidth\ufeff',
  "'; drop table projects; --",
  "' or 1=1 --",
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '',
  ' ',
  '\n\t',
  '${jndi:ldap://x}',
  '{{7*7}}',
  '../../etc/passwd',
  '152921198001011230',
  '１５２９２１',
  '😀'.repeat(200),
];

/** Numbers and number-like values for any field. */
export const POISON_NUMBERS: readonly Json[] = [1e308, -1, -0.01, 1e21, 2 ** 53 + 1, 0.001, 12.345, 2147483648, -2147483649, '1e3', 'NaN', 'Infinity', '-0', '0x10'];

export const POISON_DATES: readonly string[] = [
  '2025-02-30',
  '2025-13-01',
  '2025-06-01',
  '2025-06-01T25:00:00+08:00',
  '9999-12-31T23:59:59-14:00',
  '0000-01-01T00:00:00Z',
  '1000-01-01T00:00:00+14:00',
  '2025-06-01T09:00:00',
  '2025-06-01 09:00:00+08:00',
  '20250601',
  'yesterday',
];

const POISON_VALUES: readonly Json[] = [null, true, false, 0, [], {}, [1, 2], { nested: { deeper: '\u0000' } }, ...POISON_NUMBERS, ...POISON_DATES, ...POISON_STRINGS];

const pathsOf = (value: Json, prefix: string[] = []): string[][] =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]) : [];

function setAt(record: JsonObject, path: string[], value: Json | undefined): void {
  let at: JsonObject = record;
  for (const key of path.slice(0, -1)) at = at[key] as JsonObject;
  if (value === undefined) delete at[path.at(-1)!];
  else at[path.at(-1)!] = value;
}

/**
 * A mutated line: fields dropped, types swapped, poison values and keys, duplicate keys, or
 * broken JSON. The result may still be valid; the hub must account for it either way.
 */
export function mutate(rng: Rng, record: JsonObject): string {
  const copy = structuredClone(record);
  const rounds = 1 + rng.int(3);
  let tail = '';
  for (let n = 0; n < rounds; n++) {
    const paths = pathsOf(copy);
    const path = rng.pick(paths);
    switch (rng.int(8)) {
      case 0:
        setAt(copy, path, undefined);
        break;
      case 1:
        setAt(copy, path, rng.pick(POISON_VALUES));
        break;
      case 2:
        setAt(copy, path, rng.pick(POISON_STRINGS));
        break;
      case 3:
        setAt(copy, path, rng.pick(POISON_NUMBERS));
        break;
      case 4:
        setAt(copy, path, rng.pick(POISON_DATES));
        break;
      case 5:
        copy[rng.pick(['__proto__', 'constructor', 'colour\u0000', '\ud800', '\u202etype', 'prototype'])] = rng.pick(POISON_VALUES);
        break;
      // A duplicate key whose last (winning) value is poison.
      case 6:
        tail += `,${JSON.stringify(path[0])}:${JSON.stringify(rng.pick(POISON_VALUES))}`;
        break;
      default:
        copy.type = rng.pick(['constructor', '__proto__', 'hasOwnProperty', 'toString', 'PROJECT', 'project ', 'valueOf', '']);
    }
  }
  const text = JSON.stringify(copy);
  const line = tail ? `${text.slice(0, -1)}${tail}}` : text;
  switch (rng.int(12)) {
    case 0:
      return line.slice(0, Math.max(1, rng.int(line.length))); // truncated
    case 1:
      return rng.pick(['null', '42', '"project"', '[]', '[{"type":"project"}]', 'true', `{"type":"project","title":${deep(3000)}}`, '{', '}{', 'NaN']);
    default:
      return line;
  }
}
