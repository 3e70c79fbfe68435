import type { RecordError } from '../../db/schema';
import type { PlatformRow } from '../../registry/registry.repository';
import { currentRegionCode } from '../../registry/divisions/divisions';
import { HUB_REGION_CODE } from '../../registry/reference-data';
import type { RegionTree } from '../../registry/region-tree';
import type { PushRecord, RecordType } from '../records';

/**
 * What a batch's source may say (docs/push-protocol.md, "Authority: who may change what").
 * A platform speaks for the regions of its remit; the hub-side feeds (the public credit
 * platform's lists, a supervisor's penalty feed) speak region-wide; a source with neither
 * (a third-party system's own feed) has no region to speak for.
 */
export type Remit = { kind: 'region-wide'; label: string } | { kind: 'platform'; platform: PlatformRow; label: string } | { kind: 'none'; label: string };

const HUB_FEEDS = new Set(['credit_feed', 'penalty_feed']);

export function remitOf(source: { code: string; kind: string }, platform: PlatformRow | null): Remit {
  if (platform) return { kind: 'platform', platform, label: `platform ${platform.code} (${platform.remitRegionCodes.join(', ')})` };
  if (HUB_FEEDS.has(source.kind)) return { kind: 'region-wide', label: `${source.kind} ${source.code}` };
  return { kind: 'none', label: `${source.kind} ${source.code}` };
}

/** Whether a region code lies in the remit (a code the registry does not know never does). */
export function withinRemit(remit: Remit, regions: RegionTree, code: string): boolean {
  if (!regions.has(code)) return false;
  if (remit.kind === 'region-wide') return true;
  if (remit.kind === 'none') return false;
  return regions.within(code, remit.platform.remitRegionCodes);
}

/** Every region code in the remit, or null for region-wide: bounds the entity update in SQL. */
export function remitRegionCodes(remit: Remit, regions: RegionTree): string[] | null {
  if (remit.kind === 'region-wide') return null;
  return remit.kind === 'platform' ? regions.subtree(remit.platform.remitRegionCodes) : [];
}

/**
 * The region whose registration authority issued a USCC (characters 3-8, GB 32100), when
 * it is a region of this hub; null for an organisation registered in another province or
 * a person. A platform may register or change an entity only where that region lies in
 * its remit; an organisation of another province is claimed by the first platform that
 * registers it in its own remit (docs/push-protocol.md, "Entities").
 */
export function usccHomeRegion(uscc: string | null | undefined, regions: RegionTree): string | null {
  // A code issued before its region was renamed or merged names today's region.
  const home = uscc ? currentRegionCode(uscc.slice(2, 8)) : null;
  return home !== null && regions.within(home, [HUB_REGION_CODE]) ? home : null;
}

/**
 * The registered region a source may give an entity it is the first to name: the region
 * it claims, if that lies in its remit and agrees with where the USCC was issued;
 * otherwise none, so the entity waits for a source whose remit holds it.
 */
export function firstRegistration(remit: Remit, regions: RegionTree, entity: { uscc?: string | null; region?: string | null }): string | null {
  const claimed = entity.region ?? null;
  if (claimed === null || remit.kind === 'region-wide') return claimed;
  const home = usccHomeRegion(entity.uscc, regions);
  if (home !== null && !withinRemit(remit, regions, home)) return null;
  return withinRemit(remit, regions, claimed) ? claimed : null;
}

/**
 * Record types that state an authority's decision about an entity. A platform publishes
 * them only for authorities of its own regions, and so must say which region that is; the
 * hub-side feeds publish them region-wide.
 */
export const DECISION_TYPES = new Set<RecordType>(['penalty', 'blacklist_entry', 'credit_record', 'spot_check']);

export const forbidden = (path: string, remit: Remit, what: string): RecordError => ({ path, code: 'FORBIDDEN', message: `${what} is outside the remit of ${remit.label}` });

/** The authority check of a decision record: its `authorityRegion` must lie in the sender's remit. */
export function decisionErrors(type: RecordType, record: PushRecord, remit: Remit, regions: RegionTree): RecordError[] {
  if (!DECISION_TYPES.has(type)) return [];
  const region = (record as { authorityRegion?: string | null }).authorityRegion ?? null;
  if (region === null) {
    if (remit.kind === 'region-wide') return [];
    return [{ path: 'authorityRegion', code: 'REQUIRED', message: `a ${type} from ${remit.label} must name the region of the deciding authority (authorityRegion)` }];
  }
  if (!regions.has(region)) return [{ path: 'authorityRegion', code: 'UNKNOWN_REGION', message: `unknown region code '${region}'` }];
  if (!withinRemit(remit, regions, region)) return [forbidden('authorityRegion', remit, `an authority of region ${region}`)];
  return [];
}
