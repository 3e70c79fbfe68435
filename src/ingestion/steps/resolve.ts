import type { AnyShape, Reference } from './shapes';
import { headKey, type Incoming } from './types';

/** What a held record waits for: its parent record, or an expert nobody has defined yet. */
export type Awaited = Reference | { type: 'expert'; id: string };

export interface Resolution {
  /** Records whose references are all known, each with the row id of its parent (if it has one). */
  ready: Array<Incoming & { parentId: number | null }>;
  /** Records held until what they wait for arrives. */
  held: Array<{ incoming: Incoming; awaiting: Awaited }>;
}

/** The parents a group of records names that `known` has no row for yet, by record type. */
export function unknownParents(shape: AnyShape, group: Incoming[], known: (key: string) => number | null): Map<Reference['type'], string[]> {
  const out = new Map<Reference['type'], Set<string>>();
  for (const i of group) {
    const ref = shape.parent?.(i.record as never);
    if (ref && known(headKey(ref.type, ref.id)) === null) out.set(ref.type, (out.get(ref.type) ?? new Set()).add(ref.id));
  }
  return new Map([...out].map(([type, ids]) => [type, [...ids]]));
}

/** Every expert code a group of records names. */
export const expertCodes = (shape: AnyShape, group: Incoming[]): string[] => [
  ...new Set(group.flatMap((i) => (shape.experts?.(i.record as never) ?? []).filter((c): c is string => !!c))),
];

/**
 * Links each record to its parent's row, or holds it: a record whose parent has no row yet,
 * or that names an expert nobody has defined, waits for it (a parent first).
 */
export function resolveReferences(shape: AnyShape, group: Incoming[], parentRow: (key: string) => number | null, experts: ReadonlySet<string>): Resolution {
  const ready: Resolution['ready'] = [];
  const held: Resolution['held'] = [];
  for (const i of group) {
    const ref = shape.parent?.(i.record as never) ?? null;
    const parentId = ref ? parentRow(headKey(ref.type, ref.id)) : null;
    const missingExpert = (shape.experts?.(i.record as never) ?? []).find((c) => c && !experts.has(c));
    if (ref && parentId === null) held.push({ incoming: i, awaiting: ref });
    else if (missingExpert) held.push({ incoming: i, awaiting: { type: 'expert', id: missingExpert } });
    else ready.push({ ...i, parentId });
  }
  return { ready, held };
}
