import { CREDIT_READERS, requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { orgIdOf } from '../entities/party-identity';
import { maskIdNumber } from '../entities/id-number';
import { BadInputError } from '../errors/domain-errors';
import { provenanceOf } from '../graphql/provenance.type';
import type { CreditGuard } from './credit-guard';
import { creditChangesAfter } from './credit-lookup.repository';
import { BlacklistType, type BlacklistEntry, type Penalty } from './credit.type';

export interface CreditChangeResult {
  cursor: string;
  kind: string;
  changedAt: Date;
  entityCode: string | null;
  entityName: string;
  blacklistEntry: BlacklistEntry | null;
  penalty: Penalty | null;
}

export interface CreditChangePage {
  changes: CreditChangeResult[];
  /** Where to go on from: the last change's cursor, or the one given when nothing is new. */
  endCursor: string | null;
  hasMore: boolean;
}

const MAX_PAGE = 1000;

const encode = (id: number) => Buffer.from(`cc:${id}`).toString('base64url');
function decode(cursor: string): number {
  const text = Buffer.from(cursor, 'base64url').toString();
  const m = /^cc:(\d+)$/.exec(text);
  if (!m) throw new BadInputError('after', 'not a cursor this feed gave out');
  return Number(m[1]);
}

/**
 * The change feed credit integrations mirror the hub by: every blacklist addition, change
 * and removal and every published penalty, in commit order (see credit_changes), each with
 * the row as it stands now. Page with `after: endCursor` until `hasMore` is false, then
 * come back later with the same cursor.
 */
export class CreditChangesService {
  constructor(
    private readonly db: Db,
    private readonly guard: CreditGuard,
  ) {}

  async page(caller: Caller | null, after: string | null, first: number | null): Promise<CreditChangePage> {
    const c = requireRole(caller, CREDIT_READERS, 'the credit change feed');
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > MAX_PAGE) throw new BadInputError('first', `must be between 1 and ${MAX_PAGE}`);
    const from = after ? decode(after) : 0;
    await this.guard.admit(c, 'creditChanges', after ? [after] : []);
    const rows = await creditChangesAfter(this.db, from, size + 1);
    const page = rows.slice(0, size);
    await this.guard.record(c, 'creditChanges', after ? [after] : [], { changes: page.length });
    return {
      changes: page.map((r) => ({
        cursor: encode(r.change.id),
        kind: r.change.kind,
        changedAt: r.change.changedAt,
        entityCode: r.entity.uscc ?? maskIdNumber(r.entity.person) ?? orgIdOf(r.entity.schemeKey),
        entityName: r.entity.name,
        blacklistEntry: r.blacklist ? { ...r.blacklist, listType: r.blacklist.listType as BlacklistType, provenance: provenanceOf(r.blacklist) } : null,
        penalty: r.penalty ? { ...r.penalty, provenance: provenanceOf(r.penalty) } : null,
      })),
      endCursor: page.length > 0 ? encode(page.at(-1)!.change.id) : after,
      hasMore: rows.length > size,
    };
  }
}
