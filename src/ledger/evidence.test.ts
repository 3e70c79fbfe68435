import { describe, expect, it } from 'vitest';
import { lot, records } from '../ingestion/steps/fixtures.test-support';
import { EvidenceDigest } from './evidence';

const digestOf = (...chunks: Array<ReturnType<typeof records>>) => {
  const d = new EvidenceDigest();
  for (const chunk of chunks) d.add(chunk);
  return { digest: d.digest(), records: d.records };
};

describe('the ledger digest of a batch', () => {
  it('is the same however the lines are chunked, and counts them', () => {
    const all = records(lot('a', 1), lot('b', 2), lot('a', 3));
    expect(digestOf(all)).toEqual(digestOf(all.slice(0, 1), all.slice(1)));
    expect(digestOf(all).records).toBe(3);
  });

  it('changes with the content, the version and the order of the lines', () => {
    const base = digestOf(records(lot('a', 1), lot('b', 2))).digest;
    expect(digestOf(records(lot('a', 1, 'lot B'), lot('b', 2))).digest).not.toBe(base);
    expect(digestOf(records(lot('a', 4), lot('b', 2))).digest).not.toBe(base);
    expect(digestOf(records(lot('b', 2), lot('a', 1))).digest).not.toBe(base);
  });
});
