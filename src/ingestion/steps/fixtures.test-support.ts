import type { PlatformRow } from '../../registry/registry.repository';
import { REGIONS } from '../../registry/reference-data';
import { RegionTree, regionPaths } from '../../registry/region-tree';
import type { Remit } from '../pipeline/authority';
import { parseLines } from './parse';
import type { Incoming } from './types';

/** Records as a platform would send them, parsed by the pipeline's own first step. */
export function records(...lines: Array<Record<string, unknown>>): Incoming[] {
  const { incoming, refused } = parseLines(
    lines.map((l) => ({ raw: JSON.stringify(l), tooLong: false })),
    1,
    7,
  );
  if (refused.length > 0) throw new Error(JSON.stringify(refused[0]!.errors));
  return incoming;
}

export const v = (day: number) => `2025-06-${String(day).padStart(2, '0')}T09:00:00+08:00`;
export const lot = (id: string, day: number, name = 'lot A', project = 'p1') => ({ type: 'lot', id, version: v(day), project, lotCode: 'L1', name });
export const COMPANY = '91152900WPRR8NM7J2';

const paths = regionPaths(REGIONS);
export const regions = new RegionTree(REGIONS.map((r) => ({ ...r, isLocalCode: r.isLocalCode ?? false, path: paths.get(r.code)! })));
/** Alxa's platform: its remit is the league 152900 and what lies within. */
export const alxa: Remit = { kind: 'platform', platform: { code: 'P152900', remitRegionCodes: ['152900'] } as PlatformRow, label: 'platform P152900 (152900)' };
