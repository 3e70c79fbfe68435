import { describe, expect, it } from 'vitest';
import { linksOf, planNetwork, type NetworkWarning } from './warning-network';

const shared = (id: number, shares: Array<{ kind: string; bidders: Array<number | string> }>): NetworkWarning => ({
  id,
  indicator: 'shared_fingerprint',
  entityIds: [...new Set(shares.flatMap((s) => s.bidders.map(Number)))],
  evidence: { shares: shares.map((s) => ({ ...s, value: 'x', bids: [] })) },
});

describe('the network of linked bidders', () => {
  it('links every pair of a share by its kind, and a recurring set as co-bidding', () => {
    expect(linksOf(shared(1, [{ kind: 'mac', bidders: [3, 1, 2] }]))).toEqual([{ kind: 'mac', members: [3, 1, 2] }]);
    expect(linksOf({ id: 2, indicator: 'recurring_bidder_set', entityIds: [5, 6], evidence: { bidders: ['5', '6'] } })).toEqual([{ kind: 'co_bidding', members: [5, 6] }]);
    const plan = planNetwork([shared(1, [{ kind: 'mac', bidders: [3, 1, 2] }])], 10);
    expect(plan.edges.map((e) => `${e.source}-${e.target} ${e.kind}`)).toEqual(['1-2 mac', '1-3 mac', '2-3 mac']);
  });

  it("falls back to the warning's entities when the evidence has another shape", () => {
    expect(linksOf({ id: 3, indicator: 'fingerprint_ring', entityIds: [8, 9], evidence: { bidders: 'not a list' } })).toEqual([{ kind: 'fingerprint', members: [8, 9] }]);
    expect(linksOf({ id: 4, indicator: 'shared_fingerprint', entityIds: [8, 9], evidence: {} })).toEqual([{ kind: 'fingerprint', members: [8, 9] }]);
  });

  it('counts a warning once per pair and kind, and keeps the most connected nodes with the edges among them', () => {
    const warnings = [shared(1, [{ kind: 'ip', bidders: [1, 2, 3] }]), shared(2, [{ kind: 'ip', bidders: [1, 2] }]), shared(3, [{ kind: 'file', bidders: [1, 4] }])];
    const all = planNetwork(warnings, 10);
    expect(all.edges.find((e) => e.source === 1 && e.target === 2)!.warningIds).toEqual([1, 2]);
    expect(all.nodes.map((n) => [n.id, n.degree, n.warnings])).toEqual([
      [1, 3, 3],
      [2, 2, 2],
      [3, 2, 1],
      [4, 1, 1],
    ]);
    const capped = planNetwork(warnings, 2);
    expect(capped).toMatchObject({ totalNodes: 4, truncated: true });
    expect(capped.edges.map((e) => `${e.source}-${e.target}`)).toEqual(['1-2']);
  });
});
