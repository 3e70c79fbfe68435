import { CREDIT_READERS, requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import type { EntityKind } from '../entities/entity.enums';
import { orgIdOf } from '../entities/party-identity';
import { maskIdNumber } from '../entities/id-number';
import { BadInputError } from '../errors/domain-errors';
import type { CreditGuard } from './credit-guard';
import { searchEntitiesByName } from './credit-lookup.repository';

export interface EntityMatch {
  /** USCC of an organisation, or a natural person's ID number masked. */
  code: string | null;
  kind: EntityKind;
  name: string;
  registeredRegionCode: string | null;
  /** Trigram similarity of the normalised names, 0-1; 1 is the same name up to spelling. */
  score: number;
}

const MAX_RESULTS = 50;

/**
 * Finds entities by a name as another system spells it. Both sides go through
 * `hub_name_key` (full-width to half-width, spacing and punctuation dropped, 有限责任公司 read
 * as 有限公司), then pg_trgm ranks by similarity; a name that is part of a longer one (a
 * company named without its region prefix) is found by word similarity.
 */
export class EntitySearchService {
  constructor(
    private readonly db: Db,
    private readonly guard: CreditGuard,
  ) {}

  async search(caller: Caller | null, name: string, first: number | null): Promise<EntityMatch[]> {
    const c = requireRole(caller, CREDIT_READERS, 'entity search');
    const limit = first ?? 10;
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_RESULTS) throw new BadInputError('first', `must be between 1 and ${MAX_RESULTS}`);
    if (name.trim().length < 2) throw new BadInputError('name', 'give at least two characters');
    await this.guard.admit(c, 'searchEntities', [name]);
    const rows = await searchEntitiesByName(this.db, name, limit);
    await this.guard.record(c, 'searchEntities', [name], { matches: rows.length });
    return rows.map((r) => ({
      code: r.uscc ?? maskIdNumber(r.person_id_number) ?? orgIdOf(r.scheme_key),
      kind: r.kind,
      name: r.name,
      registeredRegionCode: r.registered_region_code,
      score: Math.round(r.score * 1000) / 1000,
    }));
  }
}
