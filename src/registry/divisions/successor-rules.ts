/** One row of the areacodes history (result.csv): a code, while it was in use, and what followed it. */
export interface CodeHistory {
  code: string;
  name: string;
  level: 'province' | 'prefecture' | 'county';
  inUse: boolean;
  /** The year the code was changed or abolished; null while in use. */
  ended: number | null;
  /** `;`-separated codes of the area afterwards; `[year]` marks an earlier partial transfer. */
  successors: string;
}

/** The one code an abolished code's area went to, or null for a split (or nothing said). */
function soleSuccessor(row: CodeHistory): string | null {
  const whole = row.successors.split(';').filter((c) => c !== '' && !c.includes('['));
  return whole.length === 1 ? whole[0]! : null;
}

/**
 * Old codes and the current code each maps to. A county whose whole area went to one
 * current code (renamed, recoded or merged: 152801 临河市 → 150802 临河区, 110103 崇文区 →
 * 110102 … ) maps to it, following later changes to today's code. A prefecture abolished
 * without a successor of its own maps to the one current prefecture that holds all of its
 * counties (those that went to one code) as they were when it ended (152800 巴彦淖尔盟 → 150800 巴彦淖尔市, 371200 莱芜市
 * → 370100 济南市). A split, or a code still current (the hub knows it as it is), maps to
 * nothing: which successor a record meant cannot be told.
 */
export function deriveSuccessors(history: CodeHistory[], current: ReadonlySet<string>): Record<string, string> {
  // A code reused after it was abolished: the most recent abolition is the one that stands.
  const abolished = new Map<string, CodeHistory>();
  for (const row of history) {
    if (row.inUse || current.has(row.code)) continue;
    const seen = abolished.get(row.code);
    if (!seen || (row.ended ?? 0) > (seen.ended ?? 0)) abolished.set(row.code, row);
  }
  const direct = new Map<string, string>();
  for (const row of abolished.values()) {
    const next = soleSuccessor(row);
    if (next) direct.set(row.code, next);
  }
  const resolve = (code: string): string | null => {
    let at = code;
    for (let hops = 0; hops < 20; hops++) {
      if (current.has(at)) return at;
      const next = direct.get(at);
      if (!next) return null;
      at = next;
    }
    return null;
  };
  const out: Record<string, string> = {};
  for (const row of abolished.values()) {
    let to = resolve(row.code);
    if (!to && row.level === 'prefecture' && !row.successors) {
      const counties = [...abolished.values()].filter((c) => c.level === 'county' && c.code.startsWith(row.code.slice(0, 4)) && c.ended === row.ended);
      const prefectures = new Set(counties.flatMap((c) => resolve(c.code) ?? []).map((t) => `${t.slice(0, 4)}00`));
      const [only] = prefectures;
      if (prefectures.size === 1 && current.has(only!)) to = only!;
    }
    if (to) out[row.code] = to;
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}
