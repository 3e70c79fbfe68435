import type { RecordError } from '../../db/schema';
import { HUB_REGION_CODE } from '../../registry/reference-data';
import type { RegionTree } from '../../registry/region-tree';
import { decisionErrors, forbidden, withinRemit, type Remit } from '../pipeline/authority';
import { partiesOf, shapeOf } from './shapes';
import type { Incoming } from './types';

/**
 * What the registry and the sender's remit say of a record (docs/security.md, section 3):
 * every region it names must exist (any of China's: an entity or an authority may be of
 * another province); a project must lie in the sender's remit, and in the hub's region even
 * when a hub-side feed sends it; a decision (penalty, blacklist entry, …) must come from an
 * authority within the remit.
 */
export function placementErrors(i: Incoming, remit: Remit, regions: RegionTree): RecordError[] {
  const errors: RecordError[] = [];
  const placeable = (code: string) => withinRemit(remit, regions, code) && regions.within(code, [HUB_REGION_CODE]);
  const shape = shapeOf(i.type);
  const placed: Array<[string, string | null | undefined]> = shape?.regions
    ? shape.regions(i.record as never).map((code, n): [string, string | null | undefined] => [n === 0 ? 'region' : `region[${n}]`, code])
    : [['region', (i.record as { region?: string | null }).region]];
  for (const [path, code] of placed) {
    if (!code) continue;
    if (!regions.has(code)) errors.push({ path, code: 'UNKNOWN_REGION', message: `unknown region code '${code}'` });
    else if (i.type === 'project' && !placeable(code)) errors.push(forbidden(path, remit, `region ${code}`));
  }
  errors.push(...decisionErrors(i.type, i.record, remit, regions));
  for (const [path, party] of partiesOf(i.type, i.record)) {
    if (party?.region && !regions.has(party.region)) errors.push({ path: `${path}.region`, code: 'UNKNOWN_REGION', message: `unknown region code '${party.region}'` });
  }
  return errors;
}
