import { ENTITY_READERS, requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { BadInputError, NotFoundError } from '../errors/domain-errors';
import type { Loaders } from '../graphql/loaders';
import { decodeCursor, pageSize, toConnection } from '../graphql/pagination';
import { provenanceOf } from '../graphql/provenance.type';
import type { Registry } from '../registry/registry.service';
import { maskIdNumber } from './id-number';
import type { EntityFilter } from './entity.input';
import { countEntities, findEntityByUscc, pageEntities, type EntityQuery, type EntityRow } from './entity.repository';
import type { Entity, EntityIdentifier } from './entity.type';
import { identifierOfSchemeKey, USCC_SCHEME } from './party-identity';
import { validateUscc } from './uscc';

/** The only way an entity row leaves the hub: the ID number is masked here, once. */
export function toEntity(row: EntityRow): Entity {
  return {
    id: row.id,
    kind: row.kind,
    uscc: row.uscc,
    identifiedBy: row.identifiedBy,
    identifier: identifierOf(row),
    idNumber: maskIdNumber(row.personIdNumber),
    name: row.name,
    registeredRegionCode: row.registeredRegionCode,
    address: row.address,
    legalRepresentative: row.legalRepresentative,
    provenance: provenanceOf(row),
  };
}

/** The entity's identifier in org-id form; a person's ID number is never one. */
function identifierOf(row: EntityRow): EntityIdentifier | null {
  if (row.uscc) return { scheme: USCC_SCHEME, id: row.uscc };
  return row.kind === 'person' ? null : identifierOfSchemeKey(row.schemeKey);
}

export class EntityService {
  constructor(
    private readonly db: Db,
    private readonly registry: Registry,
    private readonly pageLimits: { default: number; max: number },
  ) {}

  async byUscc(caller: Caller | null, input: string): Promise<Entity> {
    requireRole(caller, ENTITY_READERS, 'entities');
    const checked = validateUscc(input);
    if (!checked.ok) throw new BadInputError('uscc', checked.message);
    const row = await findEntityByUscc(this.db, checked.code);
    if (!row) throw new NotFoundError('Entity with USCC', checked.code);
    return toEntity(row);
  }

  /** An entity named on a row the caller was allowed to read (a penalty's subject, say). */
  async byId(caller: Caller | null, loaders: Loaders, id: number | null): Promise<Entity | null> {
    requireRole(caller, ENTITY_READERS, 'entities');
    if (id === null) return null;
    const row = await loaders.entity.load(id);
    return row ? toEntity(row) : null;
  }

  async list(caller: Caller | null, filter: EntityFilter | null | undefined, first: number | null | undefined, after: string | null | undefined) {
    requireRole(caller, ENTITY_READERS, 'entities');
    const size = pageSize(first, this.pageLimits);
    const afterId = after ? (decodeCursor('after', after, ['number'])[0] as number) : null;
    const query: EntityQuery = {
      name: filter?.name?.trim() || undefined,
      regionCodes: filter?.regionCode ? this.registry.regions.subtree([this.registry.requireRegion('filter.regionCode', filter.regionCode)]) : undefined,
      kind: filter?.kind ?? undefined,
    };
    const rows = await pageEntities(this.db, query, afterId, size + 1);
    return {
      ...toConnection(rows, size, toEntity, (r) => [r.id]),
      countTotal: () => countEntities(this.db, query),
    };
  }
}
