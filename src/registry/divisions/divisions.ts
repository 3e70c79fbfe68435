import data from './divisions.json' with { type: 'json' };
import successors from './successors.json' with { type: 'json' };
import type { Division } from './nbs-levels';

/**
 * Every province, prefecture and county of China with its GB/T 2260 code, and the
 * development zones NBS numbers, as generate.ts wrote them from the published list (see
 * README.md here for the source and edition).
 */
export const NATIONAL_DIVISIONS: Division[] = data.divisions.map(([code, name, level, parentCode]) => ({
  code: code!,
  name: name!,
  level: level as Division['level'],
  parentCode: parentCode ?? null,
}));

const SUCCESSORS = new Map(Object.entries(successors.successors));

/**
 * Today's code for a code that was renamed, recoded or merged into one other (152801 临河市
 * → 150802 临河区); any other code as it is. A sender's legacy system may still say the old
 * code: the hub accepts it and keeps the current one.
 */
export const currentRegionCode = (code: string): string => SUCCESSORS.get(code) ?? code;
