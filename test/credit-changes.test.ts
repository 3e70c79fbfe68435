import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Factory, type EntityRow } from './helpers/factories';
import { codes, createTestHub, type TestHub } from './helpers/test-hub';

let hub: TestHub;
let f: Factory;
let key: string;

const PAGE = `query($after: String, $first: Int) { creditChanges(after: $after, first: $first) {
  endCursor hasMore changes { cursor kind entityCode blacklistEntry { startsOn endsOn removedOn } penalty { decisionNumber publishedOn } } } }`;

type Change = { cursor: string; kind: string; entityCode: string };

/** Pages from `after` to the current end, as a mirroring integration does. */
async function drain(after: string | null, first = 50): Promise<{ changes: Change[]; endCursor: string | null }> {
  const changes: Change[] = [];
  let cursor = after;
  for (;;) {
    const r = await hub.gql(PAGE, { key, variables: { after: cursor, first } });
    expect(r.errors).toBeUndefined();
    const page = r.data!.creditChanges;
    changes.push(...page.changes);
    cursor = page.endCursor;
    if (!page.hasMore) return { changes, endCursor: cursor };
  }
}

const mine = (changes: Change[], ...entities: EntityRow[]) => changes.filter((c) => entities.some((e) => e.uscc === c.entityCode));

beforeAll(async () => {
  hub = await createTestHub();
  f = new Factory(hub.database.db, hub.services);
  // A mirror pages fast; this key's bucket is wide enough for the whole file.
  key = await f.key('credit', { creditRate: 10_000, creditBurst: 10_000 });
});
afterAll(async () => hub?.close());

describe('creditChanges: the feed credit platforms mirror', () => {
  it('lists each addition, change and removal of a listing and each published penalty, in order', async () => {
    const { endCursor: start } = await drain(null, 1000);
    const e = await f.entity();
    const entry = await f.blacklistEntry(e, { startsOn: '2026-01-01' });
    await hub.database.pool.query(`update blacklist_entries set ends_on = '2027-01-01' where id = $1`, [entry.id]);
    await hub.database.pool.query(`update blacklist_entries set ends_on = '2027-01-01' where id = $1`, [entry.id]); // no change: no entry
    await hub.database.pool.query(`update blacklist_entries set removed_on = '2026-06-01', removal_reason = '信用修复' where id = $1`, [entry.id]);
    const penalty = await f.penalty(e); // published as it arrives
    const quiet = await f.penalty(e, { publishedOn: null }); // not public yet: nothing to mirror
    await hub.database.pool.query(`update penalties set published_on = '2025-03-10' where id = $1`, [quiet.id]);
    await hub.database.pool.query(`update penalties set amount = 60000 where id = $1`, [quiet.id]);
    const { changes, endCursor } = await drain(start);
    expect(mine(changes, e).map((c) => c.kind)).toEqual(['blacklist_added', 'blacklist_changed', 'blacklist_removed', 'penalty_published', 'penalty_published', 'penalty_changed']);
    expect(penalty.id).toBeGreaterThan(0);
    // Coming back with the end cursor: nothing new, the same cursor to keep.
    const again = await hub.gql(PAGE, { key, variables: { after: endCursor } });
    expect(mine(again.data!.creditChanges.changes, e)).toEqual([]);
    expect(again.data!.creditChanges.endCursor).toBe(endCursor);
  });

  it('never skips a change that commits after a later one was written', async () => {
    const { endCursor: start } = await drain(null, 1000);
    const a = await f.entity();
    const b = await f.entity();
    const provA = await f.provenance();
    const provB = await f.provenance();
    const insert = `insert into blacklist_entries (entity_id, list_type, authority, basis, starts_on, source_id, batch_id, source_record_id, source_version)
                    values ($1, 'dishonest', '发改委', '失信', '2026-01-01', $2, $3, $4, now())`;
    const slow = await hub.database.pool.connect();
    try {
      await slow.query('begin');
      await slow.query(insert, [a.id, provA.sourceId, provA.batchId, provA.sourceRecordId]);
      // Another writer while the first is still open: it waits for it rather than overtaking.
      let bDone = false;
      const other = hub.database.pool.query(insert, [b.id, provB.sourceId, provB.batchId, provB.sourceRecordId]).then(() => (bDone = true));
      await new Promise((r) => setTimeout(r, 300));
      expect(bDone).toBe(false);
      const meanwhile = await drain(start);
      expect(mine(meanwhile.changes, a, b)).toEqual([]);
      await slow.query('commit');
      await other;
      const after = await drain(meanwhile.endCursor);
      expect(mine(after.changes, a, b).map((c) => c.entityCode)).toEqual([a.uscc, b.uscc]);
    } finally {
      slow.release();
    }
  });

  it('under concurrent writers, a reader paging all along sees every change once, in order', async () => {
    const { endCursor: start } = await drain(null, 1000);
    const writers = await Promise.all([1, 2, 3, 4].map(() => f.entity()));
    let writing = true;
    const seen: Change[] = [];
    let cursor = start;
    const reader = (async () => {
      while (writing) {
        const page = await drain(cursor, 7);
        seen.push(...page.changes);
        cursor = page.endCursor;
      }
    })();
    await Promise.all(
      writers.map(async (e) => {
        for (let i = 0; i < 15; i++) await f.blacklistEntry(e, { startsOn: `2026-01-${String(i + 1).padStart(2, '0')}` });
      }),
    );
    writing = false;
    await reader;
    seen.push(...(await drain(cursor, 7)).changes);
    const ours = mine(seen, ...writers);
    expect(ours).toHaveLength(60);
    expect(new Set(ours.map((c) => c.cursor)).size).toBe(60);
    const ids = seen.map((c) => Number(Buffer.from(c.cursor, 'base64url').toString().slice(3)));
    expect(ids).toEqual([...ids].sort((x, y) => x - y));
  });

  it('is for credit, supervisor and admin keys, and refuses a cursor it did not give', async () => {
    expect(codes(await hub.gql(PAGE, { key: await f.key('policy') }))).toEqual(['FORBIDDEN']);
    expect(codes(await hub.gql(PAGE, { key, variables: { after: 'bm9wZQ' } }))).toEqual(['BAD_USER_INPUT']);
  });
});
