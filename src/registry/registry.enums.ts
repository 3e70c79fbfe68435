import { enumObject } from '../db/enums';

// Defined once (src/db/enums.ts): the regions.level and platforms.level values. The GraphQL
// enums are registered in registry.type.ts.

/**
 * region: 省/自治区/直辖市; league: 地级 (盟/市, a prefecture elsewhere); county: 县级 (旗/县/区);
 * zone: a development zone, with an NBS statistical code (150172) or a local code (152972).
 */
export const REGION_LEVELS = ['region', 'league', 'county', 'zone'] as const;
export type RegionLevel = (typeof REGION_LEVELS)[number];
export const RegionLevel = enumObject(REGION_LEVELS);

/** The region-level centre, a league or city centre, or a branch (分支机构, seed 001 Art. 5). */
export const PLATFORM_LEVELS = ['region', 'league', 'branch'] as const;
export type PlatformLevel = (typeof PLATFORM_LEVELS)[number];
export const PlatformLevel = enumObject(PLATFORM_LEVELS);
