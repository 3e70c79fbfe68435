import { describe, expect, it } from 'vitest';
import { canonicalForm } from '../steps/canonical';
import { parseRecord } from '../records';
import { batchRuns, jsonSpellings, lineFilter, outcomeOf, receivedLines, recordOfLine, type LineFate } from './history-lines';

const project = (over: Record<string, unknown> = {}) => ({
  type: 'project',
  id: 'P-1',
  version: '2025-06-01T09:00:00+08:00',
  projectCode: 'P-1-code',
  title: '第一中学教学楼新建工程',
  category: '工程建设招标投标',
  region: '152921',
  initiator: { uscc: '91330100716105852F', name: '阿拉善盟教育局' },
  procurementMethod: '公开招标',
  registeredAt: '2025-06-01T09:00:00+08:00',
  ...over,
});

/** Python's json.dumps default: non-ASCII as \uXXXX, ", " and ": " separators. */
const pythonDumps = (value: unknown) =>
  JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/","/g, '", "')
    .replace(/":/g, '": ');

describe('jsonSpellings', () => {
  it('spells an id as JavaScript, Python and PHP write it, each once', () => {
    expect(jsonSpellings('P-1')).toEqual(['"P-1"']);
    expect(jsonSpellings('项目/1')).toEqual(['"项目/1"', '"\\u9879\\u76ee/1"', '"\\u9879\\u76EE/1"', '"项目\\/1"', '"\\u9879\\u76ee\\/1"', '"\\u9879\\u76EE\\/1"']);
  });

  it('escapes quotes, backslashes and control characters as JSON does', () => {
    expect(jsonSpellings('a"b\\c\n')).toEqual(['"a\\"b\\\\c\\n"']);
  });

  it('finds the id in every line a common JSON library writes', () => {
    const id = '阿拉善-"A"/1\\x';
    const line = pythonDumps(project({ id }));
    expect(jsonSpellings(id).some((s) => line.includes(s))).toBe(true);
    expect(jsonSpellings(id).some((s) => JSON.stringify(project({ id })).includes(s))).toBe(true);
    expect(jsonSpellings(id).some((s) => JSON.stringify(project({ id })).replaceAll('/', '\\/').includes(s))).toBe(true);
  });
});

describe('lineFilter', () => {
  // What Postgres's ~ does with these patterns, for the characters used here: JavaScript's
  // RegExp reads [[:space:]] differently, so it is swapped for \s.
  const matches = (pattern: string, line: string) => new RegExp(pattern.replaceAll('[[:space:]]', '\\s')).test(line);

  it('keeps the record and leaves out lines that only refer to it', () => {
    const f = lineFilter('project', 'P-1');
    expect(matches(f.idPattern, JSON.stringify(project()))).toBe(true);
    expect(matches(f.idPattern, pythonDumps(project()))).toBe(true);
    expect(matches(f.typePattern, pythonDumps(project()))).toBe(true);
    const bid = JSON.stringify({ type: 'bid', id: 'B-1', project: 'P-1' });
    expect(matches(f.idPattern, bid)).toBe(false);
    expect(matches(f.typePattern, bid)).toBe(false);
  });

  it('takes every character of the id literally', () => {
    const f = lineFilter('project', 'a.b*(c)|[d]+?');
    expect(matches(f.idPattern, JSON.stringify(project({ id: 'a.b*(c)|[d]+?' })))).toBe(true);
    expect(matches(f.idPattern, JSON.stringify(project({ id: 'aXbbb(c)' })))).toBe(false);
  });
});

describe('recordOfLine and receivedLines', () => {
  it('is exact about type and id, as validation trims the id', () => {
    expect(recordOfLine(JSON.stringify(project()), 'project', 'P-1')).not.toBeNull();
    expect(recordOfLine(JSON.stringify(project({ id: ' P-1 ' })), 'project', 'P-1')).not.toBeNull();
    expect(recordOfLine(JSON.stringify(project({ id: 'P-10' })), 'project', 'P-1')).toBeNull();
    expect(recordOfLine(JSON.stringify(project({ type: 'lot' })), 'project', 'P-1')).toBeNull();
    expect(recordOfLine('{"type":"project","id":"P-1"', 'project', 'P-1')).toBeNull();
    expect(recordOfLine('["project","P-1"]', 'project', 'P-1')).toBeNull();
  });

  it('gives a valid line the hash the pipeline gives it, and an invalid one the version it claims', () => {
    const good = JSON.stringify(project());
    const bad = JSON.stringify(project({ version: '2025-06-03T09:00:00+08:00', region: 'nowhere' }));
    const lines = receivedLines(
      [
        { batchId: 7, partNo: 1, partLineNo: 2, line: 2, raw: good },
        { batchId: 7, partNo: 2, partLineNo: 1, line: 5, raw: bad },
        { batchId: 7, partNo: 2, partLineNo: 2, line: 6, raw: JSON.stringify({ type: 'bid', id: 'B', project: 'P-1' }) },
      ],
      'project',
      'P-1',
    );
    const parsed = parseRecord(good);
    expect(parsed.ok).toBe(true);
    expect(lines.map((l) => [l.line, l.version?.toISOString(), l.contentHash])).toEqual([
      [2, '2025-06-01T01:00:00.000Z', parsed.ok ? canonicalForm(parsed.record).contentHash : null],
      [5, '2025-06-03T01:00:00.000Z', null],
    ]);
    expect(lines[1]!.position).toEqual({ batchId: 7, partNo: 2, lineNo: 1 });
  });
});

describe('outcomeOf', () => {
  const committed: LineFate = { batchStatus: 'committed', rejected: null, held: false };
  const at = (day: number) => new Date(Date.UTC(2025, 5, day));

  it('compares a line of a committed batch with the version the store holds', () => {
    expect(outcomeOf(at(2), committed, at(2))).toBe('CURRENT');
    expect(outcomeOf(at(1), committed, at(2))).toBe('SUPERSEDED');
    expect(outcomeOf(at(3), committed, at(2))).toBe('NOT_STORED');
    expect(outcomeOf(at(2), committed, null)).toBe('NOT_STORED');
    expect(outcomeOf(null, committed, at(2))).toBe('NOT_STORED');
  });

  it('says refused and held before comparing versions', () => {
    expect(outcomeOf(at(2), { ...committed, rejected: [{ path: 'version', code: 'VERSION_REUSED', message: '…' }] }, at(2))).toBe('REJECTED');
    expect(outcomeOf(at(1), { ...committed, held: true }, null)).toBe('HELD');
  });

  it('decides nothing for a batch that is not committed', () => {
    for (const batchStatus of ['open', 'sealed', 'processing'] as const) expect(outcomeOf(at(2), { ...committed, batchStatus }, at(2))).toBe('PENDING');
    expect(outcomeOf(at(2), { ...committed, batchStatus: 'failed' }, at(2))).toBe('NOT_STORED');
  });
});

describe('batchRuns', () => {
  it('groups batches, newest first, into runs of about maxLines; a large batch is a run of its own', () => {
    const b = (id: number, lines: number) => ({ id, lines });
    expect(batchRuns([b(9, 40), b(8, 50), b(7, 20), b(6, 500), b(5, 1)], 100).map((run) => run.map((x) => x.id))).toEqual([[9, 8], [7], [6], [5]]);
    expect(batchRuns([], 100)).toEqual([]);
  });
});
