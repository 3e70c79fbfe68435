import type { RecordError } from '../../db/schema';
import type { PushRecord } from '../records';
import { provenance } from './plan';
import type { Incoming } from './types';

type EntityRecord = PushRecord<'entity'>;

/** The code an entity record names its entity by: its USCC, or a person's ID number. */
export const entityCode = (i: Incoming) => {
  const r = i.record as EntityRecord;
  return r.uscc ?? r.idNumber!;
};

export interface EntityPlan {
  /** Records that set the entity's master fields. */
  masters: Incoming[];
  /** Records kept as their source's observation only: the entity lies outside the remit. */
  observations: Incoming[];
  /** Records refused: they would move an entity out of the remit. */
  refused: Array<{ incoming: Incoming; error: RecordError }>;
  /** New entities of another region's authority: created, but registered nowhere. */
  unregistered: Set<Incoming>;
}

/**
 * Explicit entity records (docs/push-protocol.md, "Authority: who may change what"). A
 * source sets an entity's master fields when the entity is new, or registered within its
 * remit, or registered nowhere yet; it never moves one to a region outside its remit
 * (FORBIDDEN). Where an organisation is registered is also told by its USCC (`homeOf`: the
 * region whose authority issued it, when it is one of this hub's). A platform that is the
 * first to name another region's organisation creates it registered nowhere, so that the
 * source whose remit holds it sets its master record when it comes; after that its records
 * about it are observations. Any other entity record is kept as the source's observation:
 * it becomes the head of the source's record (entity_records), while the entity's row stays
 * as it is.
 */
export function planEntities(
  group: Incoming[],
  existing: ReadonlyMap<string, { region: string | null }>,
  regionWide: boolean,
  within: (region: string) => boolean,
  forbidden: (region: string, i: Incoming) => RecordError,
  homeOf: (i: Incoming) => string | null = () => null,
): EntityPlan {
  const plan: EntityPlan = { masters: [], observations: [], refused: [], unregistered: new Set() };
  for (const i of group) {
    const known = existing.get(entityCode(i));
    const region = (i.record as EntityRecord).region ?? null;
    const home = homeOf(i);
    const foreign = home !== null && !within(home);
    if (regionWide) plan.masters.push(i);
    else if (!known) {
      if (foreign || (region !== null && !within(region))) plan.unregistered.add(i);
      plan.masters.push(i);
    } else if (foreign) plan.observations.push(i);
    else if (known.region !== null && !within(known.region)) plan.observations.push(i);
    else if (region !== null && !within(region)) plan.refused.push({ incoming: i, error: forbidden(region, i) });
    else plan.masters.push(i);
  }
  return plan;
}

/** An entity record's row in the entity register. */
export function entityRow(i: Incoming, sourceId: number, unregistered = false) {
  const r = i.record as EntityRecord;
  return {
    kind: r.uscc ? ('organisation' as const) : ('person' as const),
    uscc: r.uscc ?? null,
    personIdNumber: r.idNumber ?? null,
    identifiedBy: r.uscc ? ('uscc' as const) : ('id_number' as const),
    name: r.name,
    registeredRegionCode: unregistered ? null : (r.region ?? null),
    address: r.address ?? null,
    legalRepresentative: r.legalRepresentative ?? null,
    ...provenance(i, sourceId),
  };
}
