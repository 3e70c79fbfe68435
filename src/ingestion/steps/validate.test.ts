import { describe, expect, it } from 'vitest';
import { parseLines } from './parse';
import { alxa, COMPANY, records, regions, v } from './fixtures.test-support';
import { placementErrors } from './validate';

const project = (region: string) => ({
  type: 'project',
  id: 'p1',
  version: v(1),
  projectCode: 'C1',
  title: 't',
  category: '工程建设招标投标',
  region,
  procurementMethod: '公开招标',
  status: 'registered',
  registeredAt: v(1),
  initiator: { uscc: COMPANY, name: 'Co', region: '999999' },
});
const codes = (record: Record<string, unknown>) => {
  const { incoming, refused } = parseLines([{ raw: JSON.stringify(record), tooLong: false }], 1, 7);
  if (refused.length) return refused[0]!.errors.map((e) => `${e.path}:${e.code}`);
  return placementErrors(incoming[0]!, alxa, regions).map((e) => `${e.path}:${e.code}`);
};

describe('validate placement and remit', () => {
  it('refuses a project outside the sender remit, and names an unknown party region', () => {
    expect(codes(project('150100'))).toEqual(['region:FORBIDDEN', 'initiator.region:UNKNOWN_REGION']);
    expect(codes(project('152921'))).toEqual(['initiator.region:UNKNOWN_REGION']);
  });

  it('asks a platform for the region of a deciding authority, and refuses one outside its remit', () => {
    const penalty = {
      type: 'penalty',
      id: 'x',
      version: v(1),
      subject: { uscc: COMPANY, name: 'Co' },
      decisionNumber: 'D1',
      authority: 'A',
      decidedOn: '2025-06-01',
      content: 'c',
    };
    expect(codes(penalty)).toEqual(['authorityRegion:REQUIRED']);
    expect(codes({ ...penalty, authorityRegion: '150100' })).toEqual(['authorityRegion:FORBIDDEN']);
    expect(placementErrors(records({ ...penalty, authorityRegion: '152900' })[0]!, alxa, regions)).toEqual([]);
  });
});

describe('parse', () => {
  it('numbers lines on and refuses a line too long or malformed, keeping the rest', () => {
    const { incoming, refused } = parseLines(
      [
        { raw: null, tooLong: true },
        { raw: '{', tooLong: false },
        { raw: JSON.stringify({ type: 'lot', id: 'a', version: v(1), project: 'p', lotCode: 'L', name: 'n' }), tooLong: false },
      ],
      10,
      7,
    );
    expect(refused.map((r) => [r.lineNo, r.errors[0]!.code])).toEqual([
      [10, 'LINE_TOO_LONG'],
      [11, 'INVALID_JSON'],
    ]);
    expect(incoming.map((i) => [i.lineNo, i.id, i.deliveredBatchId])).toEqual([[12, 'a', 7]]);
  });
});
