import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOcds } from './read';

const FIXTURES = path.resolve(__dirname, '../../test/fixtures/ocds');
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), 'utf8');
const release = (ocid: string | number, id: string | number, date = '2024-01-01T00:00:00Z') => ({ ocid, id, date, tag: ['tender'] });
/** Per ocid, where each of its releases came from. */
const places = (text: string) => Object.fromEntries(readOcds(text).processes.map((p) => [p.ocid, p.releases.map((r) => r.at)]));

describe('readOcds: the shapes publishers send', () => {
  it('reads a release package, keeping each release with its place', () => {
    expect(places(JSON.stringify({ releases: [release('a', 1), release('b', 2), release('a', 3)] }))).toEqual({
      a: [{ pointer: '/releases/0' }, { pointer: '/releases/2' }],
      b: [{ pointer: '/releases/1' }],
    });
  });

  it('reads a record package with embedded releases and no compiledRelease (Colombia)', () => {
    const r = readOcds(fixture('publishers/colombia-record-package.json'));
    expect(r.problems).toEqual([]);
    expect(r.processes.map((p) => [p.ocid, p.releases.map((x) => x.at.pointer), p.compiledRelease])).toEqual([
      ['ocds-k50g02-11-12-475154', ['/records/0/releases/0', '/records/0/releases/1', '/records/0/releases/2'], undefined],
    ]);
  });

  it('reads a record package whose releases are only linked, using its compiledRelease (Paraguay)', () => {
    const [p] = readOcds(fixture('publishers/paraguay-record-package-compiled.json')).processes;
    expect(p!.releases).toEqual([]);
    expect(p!.compiledRelease!.at).toEqual({ pointer: '/records/0/compiledRelease' });
  });

  it('reads a single release, a single record and a JSON array of releases', () => {
    expect(places(JSON.stringify(release('a', 1)))).toEqual({ a: [{ pointer: '' }] });
    expect(places(JSON.stringify({ ocid: 'a', releases: [release('a', 1)] }))).toEqual({ a: [{ pointer: '/releases/0' }] });
    expect(places(JSON.stringify([release('a', 1), release('a', 2)]))).toEqual({ a: [{ pointer: '/0' }, { pointer: '/1' }] });
  });

  it('reads JSON Lines of releases and of packages, naming the line', () => {
    expect(places(fixture('publishers/releases.jsonl'))).toEqual({
      'ocds-nm1529-2025-0042': [
        { line: 1, pointer: '' },
        { line: 3, pointer: '' },
      ],
      'ocds-nm1529-2025-0043': [{ line: 2, pointer: '' }],
    });
    const packages = [{ releases: [release('a', 1)] }, { records: [{ ocid: 'a', releases: [release('a', 2)] }] }].map((p) => JSON.stringify(p)).join('\r\n');
    expect(places(packages)).toEqual({
      a: [
        { line: 1, pointer: '/releases/0' },
        { line: 2, pointer: '/records/0/releases/0' },
      ],
    });
  });

  it('keeps the latest compiledRelease when several records of one ocid are sent', () => {
    const record = (date: string) => JSON.stringify({ ocid: 'a', compiledRelease: { ocid: 'a', id: date, date } });
    const [p] = readOcds([record('2024-03-01T00:00:00Z'), record('2024-01-01T00:00:00Z')].join('\n')).processes;
    expect(p!.compiledRelease!.at).toEqual({ line: 1, pointer: '/compiledRelease' });
  });

  it('compares ids as strings: an ocid given as a number is the same process as its text', () => {
    expect(Object.keys(places(JSON.stringify({ releases: [release(19, 1), release('19', 2)] })))).toEqual(['19']);
  });
});

describe('readOcds: empty files', () => {
  it.each([
    ['a 0-byte file', 'empty-0-bytes.json'],
    ['{}', 'empty-object.json'],
    ['{"releases": []}', 'empty-releases.json'],
  ])('%s is empty, with nothing wrong', (_, file) => {
    expect(readOcds(fixture(file))).toEqual({ empty: true, processes: [], problems: [] });
  });
  it.each([' \n\t\n', '\uFEFF', '[]', '{"records": []}'])('%j is empty', (text) => expect(readOcds(text).empty).toBe(true));
});

describe('readOcds: files that do not conform', () => {
  it('names each item it cannot read, keeps the rest, and never throws (the Chinese file)', () => {
    const r = readOcds(fixture('publishers/chinese-nonconforming.json'));
    expect(r.empty).toBe(false);
    expect(r.processes.map((p) => p.ocid)).toEqual(['ocds-cn-2024-002', 'ocds-cn-2024-004']);
    expect(r.problems).toEqual([
      { releaseId: 'ZB-2024-001', path: '/releases/0/ocid', reason: 'the release has no ocid' },
      { path: '/releases/2', reason: 'a release must be a JSON object, found string' },
    ]);
  });

  it('says what is wrong with text that is not JSON, line by line in JSON Lines', () => {
    expect(readOcds('{"releases": [').problems).toEqual([{ path: '', reason: expect.stringMatching(/^not valid JSON/) }]);
    const r = readOcds(`${JSON.stringify(release('a', 1))}\nnot json\n${JSON.stringify(release('a', 2))}\n`);
    expect(r.problems).toEqual([{ path: 'line 2', reason: expect.stringMatching(/^not valid JSON/) }]);
    expect(r.processes[0]!.releases).toHaveLength(2);
  });

  it('does not let a record vanish: without compiledRelease or embedded releases it is a problem', () => {
    const linked = { records: [{ ocid: 'a', releases: [{ url: 'https://x/1.json', date: '2020-01-01T00:00:00Z', tag: ['tender'] }] }, { ocid: 'b' }] };
    expect(readOcds(JSON.stringify(linked))).toEqual({
      empty: false,
      processes: [],
      problems: [
        { ocid: 'a', path: '/records/0', reason: expect.stringContaining('links 1 release(s) by url but embeds none') },
        { ocid: 'b', path: '/records/1', reason: expect.stringContaining('neither a compiledRelease nor embedded releases') },
      ],
    });
  });

  it('names wrong types where they are', () => {
    const r = readOcds(JSON.stringify({ releases: { ocid: 'a' }, extra: 1 }));
    expect(r.problems).toEqual([{ path: '/releases', reason: 'must be an array, found object' }]);
    expect(readOcds('42').problems).toEqual([{ path: '', reason: 'expected an OCDS release, record or package (a JSON object), found number' }]);
    expect(readOcds('{"hello": "world"}').problems[0]!.reason).toMatch(/^not an OCDS release, record/);
    expect(readOcds(JSON.stringify({ releases: [{ ocid: { x: 1 }, id: 'r' }] })).problems).toEqual([
      { releaseId: 'r', path: '/releases/0/ocid', reason: 'ocid must be a string, found object' },
    ]);
  });
});
