import { describe, expect, it } from 'vitest';
import { COMPANY, lot, records, v } from './fixtures.test-support';
import { committeeMembers, factRow, newestPerRecord, partyKey, partySightings } from './plan';
import { shapeOf } from './shapes';

const award = (id: string, name: string) => ({ type: 'award', id, version: v(1), project: 'p1', winner: { uscc: COMPANY, name }, amount: '100.00', awardedAt: v(1) });

describe('plan the writes', () => {
  it('makes the newest version of each record its row', () => {
    const latest = newestPerRecord(records(lot('a', 2), lot('b', 1), lot('a', 3), lot('a', 1)));
    expect(latest.map((i) => [i.id, i.version.getUTCDate()])).toEqual([
      ['a', 3],
      ['b', 1],
    ]);
  });

  it('keeps the first name the hub hears for a party, and says where it was seen, never its code', () => {
    const sightings = partySightings(records(award('w1', 'First Co'), award('w2', 'Second Co')), 3);
    expect([...sightings.values()]).toEqual([expect.objectContaining({ party: expect.objectContaining({ name: 'First Co' }), sourceId: 3, batchId: 7 })]);
    expect(sightings.get(`u:${COMPANY}`)!.seenAt).toBe('award:w1@2025-06-01T01:00:00.000Z#winner');
  });

  it('builds a fact row from the record, its links and its provenance', () => {
    const [i] = records(award('w1', 'First Co'));
    const row = factRow(shapeOf('award')!, i!, { parentId: 11, entities: new Map([[partyKey({ uscc: COMPANY, name: '', aliases: [] }), 5]]), experts: new Map() }, 3, 9);
    expect(row).toMatchObject({
      projectId: 11,
      winnerId: 5,
      amount: '100.00',
      sourceId: 3,
      batchId: 7,
      sourceRecordId: 'w1',
      sourceVersion: i!.version,
      contentHash: i!.contentHash,
    });
    expect(row).not.toHaveProperty('platformId');
  });

  it('names committee members by the hub expert id, not the expert code', () => {
    const [i] = records({ type: 'evaluation', id: 'e1', version: v(1), project: 'p1', formedAt: v(1), members: [{ expertCode: '110101199003071234', role: 'chair' }] });
    const [member] = committeeMembers(i!, 21, new Map([['110101199003071234', 8]]), 3);
    expect(member).toMatchObject({ committeeId: 21, expertId: 8, role: 'chair', sourceRecordId: 'e1#expert:8' });
  });
});
