import { REGIONS } from '../registry/reference-data';
import { isObject, type Json } from './ocds.types';

/**
 * The hub region an OCDS address names, if it names one the hub serves: a 6-digit GB/T 2260
 * code in `region` (some Chinese publishers put the 行政区划代码 there), or a region's name
 * in `region`, `locality` or `streetAddress` (阿拉善盟阿拉善左旗巴彦浩特镇 → 152921, the most
 * specific name wins). Postal codes are not read: 750306 is Alxa Left Banner's postcode, not
 * its region code, and postcodes do not follow administrative boundaries.
 */
const DEPTH = { region: 0, league: 1, county: 2, zone: 2 } as const;
const NAMES = REGIONS.flatMap((r) => {
  // 呼和浩特市 is also written 呼和浩特; 内蒙古自治区 as 内蒙古. Leagues (盟) and banners (旗) keep their suffix: 阿拉善 alone is ambiguous.
  const short = r.name.replace(/(市|自治区)$/, '');
  return [...new Set([r.name, short])].filter((n) => n.length >= 2).map((name) => ({ name, code: r.code, depth: DEPTH[r.level] }));
});
const CODES = new Set(REGIONS.map((r) => r.code));

export function regionOfAddress(address: Json | undefined): { code: string; field: string } | undefined {
  if (!isObject(address)) return undefined;
  const code = typeof address.region === 'string' ? address.region.trim() : undefined;
  if (code && CODES.has(code)) return { code, field: 'region' };
  let best: { code: string; field: string; depth: number } | undefined;
  for (const field of ['region', 'locality', 'streetAddress']) {
    const value = address[field];
    if (typeof value !== 'string') continue;
    for (const n of NAMES) {
      if (value.includes(n.name) && (!best || n.depth > best.depth)) best = { code: n.code, field, depth: n.depth };
    }
  }
  return best && { code: best.code, field: best.field };
}
