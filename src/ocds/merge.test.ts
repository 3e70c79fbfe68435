import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWholeListMerge, mergeReleases, orderReleases } from './merge';
import type { JsonObject } from './ocds.types';

const FIXTURES = path.resolve(__dirname, '../../test/fixtures/ocds/merge');
const load = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const compile = (releases: JsonObject[]) => mergeReleases(orderReleases(releases.map((release) => ({ release }))).ordered.map((r) => r.release)).compiled;

describe('mergeReleases against the reference implementation', () => {
  // open-contracting/ocds-merge tests/fixtures/1.1 (commit a124df3), each release list with the compiled release ocds-merge makes of it.
  const dir = path.join(FIXTURES, 'ocds-merge');
  const cases = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith('-compiled.json'));
  it('has the fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(17));
  it.each(cases)('%s', (file) => {
    expect(compile(load(path.join(dir, file)))).toEqual(load(path.join(dir, file.replace(/\.json$/, '-compiled.json'))));
  });
});

describe('the standard worked example (docs/examples/merging, OCDS 1.1.5)', () => {
  it('compiles the five releases into the record the standard shows', () => {
    const dir = path.join(FIXTURES, 'standard');
    const files = ['merge-tender-1', 'merge-tender-2', 'merge-tender-3', 'merge-award-1', 'merge-award-2'];
    // Given out of order on purpose: merging orders by date.
    const releases = files.reverse().flatMap((f) => load(path.join(dir, `${f}.json`)).releases);
    expect(compile(releases)).toEqual(load(path.join(dir, 'merged.json')).records[0].compiledRelease);
  });
});

describe('merge rules', () => {
  // Walks the committed release schema with the bids extension applied, the way ocds-merge's rules.py does.
  it('treats as whole lists exactly the arrays the 1.1.5 schema says', () => {
    const schema = load(path.resolve(__dirname, 'schema/release-schema.json'));
    const bids = load(path.resolve(__dirname, 'schema/bids-extension-release-schema.json'));
    Object.assign(schema.properties, bids.properties);
    for (const [name, def] of Object.entries(bids.definitions as Record<string, { properties: object }>)) {
      schema.definitions[name] = { ...schema.definitions[name], ...def, properties: { ...schema.definitions[name]?.properties, ...def.properties } };
    }
    const deref = (v: any): any => (v.$ref ? { ...deref(schema.definitions[v.$ref.split('/').pop()]), ...v, $ref: undefined } : v);
    const types = (v: any): string[] => [v.type ?? []].flat();
    const whole: string[] = [];
    const identifier: string[] = [];
    const walk = (props: Record<string, any>, at: string[]) => {
      for (const [key, raw] of Object.entries(props)) {
        const v = deref(raw);
        const p = [...at, key];
        if (v.omitWhenMerged || p.length > 7) continue;
        if (types(v).includes('array') && v.wholeListMerge) whole.push(p.join('.'));
        else if (types(v).includes('object') && v.properties) walk(v.properties, p);
        else if (types(v).includes('array') && v.items) {
          const items = deref(v.items);
          if (types(items).some((t) => t !== 'object') || !items.properties) continue;
          if (!items.properties.id) whole.push(p.join('.'));
          else {
            identifier.push(p.join('.'));
            walk(items.properties, p);
          }
        }
      }
    };
    walk(schema.properties, []);
    expect(whole).toContain('awards.amendments.changes');
    expect(identifier).toContain('bids.details');
    for (const p of whole) expect(isWholeListMerge(p.split('.')), p).toBe(true);
    for (const p of identifier) expect(isWholeListMerge(p.split('.')), p).toBe(false);
  });
});

describe('what the hub relies on', () => {
  const release = (id: string, date: string, rest: object): JsonObject => ({ ocid: 'ocds-x-1', id, date, ...rest }) as JsonObject;

  it('compares ids as strings: an award given as 19 and later as "19" is one award', () => {
    const c = compile([
      release('1', '2020-01-01T00:00:00Z', { awards: [{ id: 19, value: { amount: 100 } }] }),
      release('2', '2020-02-01T00:00:00Z', { awards: [{ id: '19', status: 'active' }] }),
    ]);
    expect(c.awards).toEqual([{ id: '19', value: { amount: 100 }, status: 'active' }]);
  });

  it('keeps the earlier title and budget when a later award-only release omits them', () => {
    const c = compile([
      release('t', '2020-01-01T00:00:00Z', { tender: { id: 'T', title: 'Roads', value: { amount: 5, currency: 'GBP' } } }),
      release('a', '2020-03-01T00:00:00Z', { tender: { id: 'T' }, awards: [{ id: 'A1' }] }),
    ]);
    expect(c.tender).toEqual({ id: 'T', title: 'Roads', value: { amount: 5, currency: 'GBP' } });
  });

  it('removes a whole object given as null', () => {
    const c = compile([release('1', '2020-01-01T00:00:00Z', { planning: { budget: { amount: { amount: 1 } } } }), release('2', '2020-01-02T00:00:00Z', { planning: null })]);
    expect(c.planning).toBeUndefined();
  });

  it('says which release and place supplied each value, after merging by id moved it', () => {
    const m = mergeReleases([
      release('1', '2020-01-01T00:00:00Z', { awards: [{ id: 'A', value: { amount: 1 } }, { id: 'B' }] }),
      release('2', '2020-01-02T00:00:00Z', { awards: [{ id: 'B', value: { amount: 2 } }] }),
    ]);
    expect(m.sourceOf('/awards/1/value/amount')).toEqual({ release: 1, pointer: '/awards/0/value/amount' });
    expect(m.sourceOf('/awards/0/value/amount')).toEqual({ release: 0, pointer: '/awards/0/value/amount' });
    // A field nobody gave is looked for where the latest release to touch its object would have put it.
    expect(m.sourceOf('/awards/1/date')).toEqual({ release: 1, pointer: '/awards/0/date' });
  });

  it('orders by the instant, not the text, and sets aside releases without a date', () => {
    const a = { release: release('a', '2020-01-01T10:00:00+08:00', {}) };
    const b = { release: release('b', '2020-01-01T03:00:00Z', {}) };
    const c = { release: { ocid: 'ocds-x-1', id: 'c' } };
    expect(orderReleases([b, c, a])).toEqual({ ordered: [a, b], undated: [c] });
  });
});
