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
const NAME_OF = new Map(REGIONS.map((r) => [r.code, r.name]));
const PARENT_OF = new Map(REGIONS.map((r) => [r.code, r.parentCode]));
const BY_NAME = new Map<string, string[]>();
for (const r of REGIONS) BY_NAME.set(r.name, [...(BY_NAME.get(r.name) ?? []), r.code]);

export function regionOfAddress(address: Json | undefined): { code: string; field: string } | undefined {
  if (!isObject(address)) return undefined;
  const code = typeof address.region === 'string' ? address.region.trim() : undefined;
  if (code && CODES.has(code)) return { code, field: 'region' };
  const found: Array<{ code: string; field: string; depth: number }> = [];
  for (const field of ['region', 'locality', 'streetAddress']) {
    const value = address[field];
    if (typeof value !== 'string') continue;
    const here = NAMES.filter((n) => value.includes(n.name));
    // 朝阳 inside 朝阳区 is not 朝阳市: a name inside a longer name found at the same place does not count.
    for (const n of here) if (!here.some((m) => m.name.length > n.name.length && m.name.includes(n.name))) found.push({ code: n.code, field, depth: n.depth });
  }
  // The most specific name wins, but a name several regions bear (朝阳区 is in Beijing and in
  // Changchun) counts only when the address also names the region above one of them.
  const named = new Set(found.map((f) => f.code));
  const settled = found.filter((f) => {
    const namesakes = BY_NAME.get(NAME_OF.get(f.code)!)!;
    if (namesakes.length === 1) return true;
    for (let up = PARENT_OF.get(f.code); up; up = PARENT_OF.get(up)) if (named.has(up)) return true;
    return false;
  });
  const best = settled.sort((a, b) => b.depth - a.depth)[0];
  return best && { code: best.code, field: best.field };
}
