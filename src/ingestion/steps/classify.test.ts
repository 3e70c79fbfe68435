import { describe, expect, it } from 'vitest';
import { classify } from './classify';
import { lot, records } from './fixtures.test-support';
import { headKey, type Head } from './types';

const verdicts = (r: ReturnType<typeof classify>) => r.verdicts.map((x) => `${x.incoming.id}:${x.verdict}`);

describe('classify', () => {
  it('calls a record never seen new, and makes it the head', () => {
    const result = classify(records(lot('a', 1)), new Map());
    expect(verdicts(result)).toEqual(['a:new']);
    expect(result.accepted.map((i) => i.id)).toEqual(['a']);
    expect(result.heads.get(headKey('lot', 'a'))).toMatchObject({ targetId: null });
  });

  it('judges against the head: newer is changed, the same is unchanged, older is stale, same version other content is reused', () => {
    const [stored] = records(lot('a', 5));
    const head: Head = { version: stored!.version, hash: stored!.contentHash, targetId: 42 };
    const known = new Map([[headKey('lot', 'a'), head]]);
    const group = records(lot('a', 6), lot('a', 5), lot('a', 4), lot('a', 5, 'renamed'));
    expect(verdicts(classify(group.slice(0, 1), known))).toEqual(['a:changed']);
    expect(verdicts(classify(group.slice(1), known))).toEqual(['a:unchanged', 'a:stale', 'a:reused']);
  });

  it('judges versions of one record in one group in arrival order, each against the one before', () => {
    const result = classify(records(lot('a', 2), lot('a', 3), lot('a', 1), lot('a', 3)), new Map());
    expect(verdicts(result)).toEqual(['a:new', 'a:changed', 'a:stale', 'a:unchanged']);
    expect(result.heads.get(headKey('lot', 'a'))!.version.toISOString()).toBe('2025-06-03T01:00:00.000Z');
  });

  it('keeps the row a changed record already has, and leaves the heads it was given alone', () => {
    const known = new Map([[headKey('lot', 'a'), { version: new Date('2025-01-01T00:00:00Z'), hash: 'x', targetId: 42 }]]);
    const result = classify(records(lot('a', 2)), known);
    expect(result.heads.get(headKey('lot', 'a'))!.targetId).toBe(42);
    expect(known.get(headKey('lot', 'a'))!.hash).toBe('x');
  });
});
