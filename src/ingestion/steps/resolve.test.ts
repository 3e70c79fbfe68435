import { describe, expect, it } from 'vitest';
import { lot, records, v } from './fixtures.test-support';
import { expertCodes, resolveReferences, unknownParents } from './resolve';
import { shapeOf } from './shapes';
import { headKey } from './types';

const rows = new Map([[headKey('project', 'p1'), 11]]);
const parentRow = (key: string) => rows.get(key) ?? null;
const evaluation = (id: string, project: string, experts: string[]) => ({
  type: 'evaluation',
  id,
  version: v(1),
  project,
  formedAt: v(1),
  members: experts.map((expertCode) => ({ expertCode, role: 'member' })),
});

describe('resolve references', () => {
  it('links a record whose parent has a row, and holds one whose parent has none yet', () => {
    const { ready, held } = resolveReferences(shapeOf('lot')!, records(lot('a', 1, 'x', 'p1'), lot('b', 1, 'x', 'p2')), parentRow, new Set());
    expect(ready.map((r) => [r.id, r.parentId])).toEqual([['a', 11]]);
    expect(held.map((h) => [h.incoming.id, h.awaiting])).toEqual([['b', { type: 'project', id: 'p2' }]]);
  });

  it('holds a record naming an expert nobody has defined, once its parent is known', () => {
    const group = records(evaluation('e1', 'p1', ['X1', 'X2']), evaluation('e2', 'p9', ['X9']));
    const { ready, held } = resolveReferences(shapeOf('evaluation')!, group, parentRow, new Set(['X1']));
    expect(ready).toEqual([]);
    expect(held.map((h) => h.awaiting)).toEqual([
      { type: 'expert', id: 'X2' },
      { type: 'project', id: 'p9' },
    ]);
  });

  it('names the parents still to look up, once each, and every expert named', () => {
    const group = records(lot('a', 1, 'x', 'p1'), lot('b', 1, 'x', 'p2'), lot('c', 1, 'x', 'p2'));
    expect(unknownParents(shapeOf('lot')!, group, parentRow)).toEqual(new Map([['project', ['p2']]]));
    expect(expertCodes(shapeOf('evaluation')!, records(evaluation('e1', 'p1', ['X1', 'X2']), evaluation('e2', 'p1', ['X2'])))).toEqual(['X1', 'X2']);
  });
});
