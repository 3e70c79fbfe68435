import type { Indicator } from './supervision.enums';

// The network of bidders that warnings link, as plain values: which pairs each warning
// links and by what, then the most-connected part of it. The service reads the warnings
// and the names; this file decides nothing about access.

/** The indicators whose evidence says which bidders act together. */
export const NETWORK_INDICATORS = ['shared_fingerprint', 'fingerprint_ring', 'recurring_bidder_set'] as const satisfies readonly Indicator[];

/** The nodes a network shows at most: a force layout past a few hundred is unreadable and slow. */
export const NETWORK_MAX_NODES = 300;

export const CO_BIDDING = 'co_bidding';

export interface NetworkWarning {
  id: number;
  indicator: Indicator;
  entityIds: number[];
  evidence: Record<string, unknown>;
}

/** One group of entities a warning links, and by what (a fingerprint kind, or co_bidding). */
interface Link {
  kind: string;
  members: number[];
}

export interface NetworkEdge {
  source: number;
  target: number;
  kind: string;
  warningIds: number[];
}

export interface NetworkPlan {
  /** The kept entities, most connected first, with their distinct neighbours among all. */
  nodes: Array<{ id: number; degree: number; warnings: number }>;
  edges: NetworkEdge[];
  totalNodes: number;
  truncated: boolean;
}

/** Entity ids as the analytics engine writes them into evidence: numbers, or 64-bit ones as strings. */
function ids(value: unknown): number[] | null {
  if (!Array.isArray(value)) return null;
  const out = value.map((v) => (typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v));
  return out.every((v): v is number => typeof v === 'number' && Number.isSafeInteger(v)) ? out : null;
}

/**
 * What a warning links. Evidence of an unexpected shape still links the warning's entities,
 * by the indicator's general kind, so no warning drops out of the picture silently.
 */
export function linksOf(w: NetworkWarning): Link[] {
  const e = w.evidence;
  if (w.indicator === 'shared_fingerprint' && Array.isArray(e.shares)) {
    const links = (e.shares as unknown[]).flatMap((s) => {
      const share = s as Record<string, unknown> | null;
      const members = ids(share?.bidders);
      return members && typeof share?.kind === 'string' ? [{ kind: share.kind, members }] : [];
    });
    if (links.length) return links;
  }
  if (w.indicator === 'fingerprint_ring') {
    const members = ids(e.bidders);
    if (members && typeof e.kind === 'string') return [{ kind: e.kind, members }];
  }
  if (w.indicator === 'recurring_bidder_set') return [{ kind: CO_BIDDING, members: ids(e.bidders) ?? w.entityIds }];
  return [{ kind: 'fingerprint', members: w.entityIds }];
}

/**
 * Every pair of entities a warning links, by kind, with the warnings that link them; then
 * the `maxNodes` entities with the most distinct neighbours (ties: more warnings, lower id)
 * and the edges between them.
 */
export function planNetwork(warnings: NetworkWarning[], maxNodes: number): NetworkPlan {
  const edges = new Map<string, NetworkEdge>();
  const warningsOf = new Map<number, Set<number>>();
  const neighbours = new Map<number, Set<number>>();
  for (const w of warnings) {
    for (const { kind, members } of linksOf(w)) {
      const unique = [...new Set(members)].sort((a, b) => a - b);
      for (const id of unique) (warningsOf.get(id) ?? warningsOf.set(id, new Set()).get(id)!).add(w.id);
      for (let i = 0; i < unique.length; i++) {
        for (let j = i + 1; j < unique.length; j++) {
          const [a, b] = [unique[i]!, unique[j]!];
          const key = `${a}-${b}-${kind}`;
          const edge = edges.get(key) ?? edges.set(key, { source: a, target: b, kind, warningIds: [] }).get(key)!;
          if (!edge.warningIds.includes(w.id)) edge.warningIds.push(w.id);
          (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a)!).add(b);
          (neighbours.get(b) ?? neighbours.set(b, new Set()).get(b)!).add(a);
        }
      }
    }
  }
  const ranked = [...warningsOf.keys()]
    .map((id) => ({ id, degree: neighbours.get(id)?.size ?? 0, warnings: warningsOf.get(id)!.size }))
    .sort((x, y) => y.degree - x.degree || y.warnings - x.warnings || x.id - y.id);
  const nodes = ranked.slice(0, maxNodes);
  const kept = new Set(nodes.map((n) => n.id));
  return {
    nodes,
    edges: [...edges.values()].filter((e) => kept.has(e.source) && kept.has(e.target)),
    totalNodes: ranked.length,
    truncated: ranked.length > nodes.length,
  };
}
