import { CREDIT_READERS, requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { findEntitiesByIds, entitiesBySchemeKeys } from '../entities/entity.repository';
import { idNumberProblem, isIdNumber, maskIdNumber } from '../entities/id-number';
import { validateOrgCode } from '../entities/org-code';
import { normaliseIdentifiers, ORG_CODE_SCHEME, parseSchemeCode, schemeKey } from '../entities/party-identity';
import { normaliseUscc, validateUscc } from '../entities/uscc';
import { BadInputError } from '../errors/domain-errors';
import { provenanceOf } from '../graphql/provenance.type';
import type { CreditGuard } from './credit-guard';
import { creditRowsOn, entitiesByCodes } from './credit-lookup.repository';
import { BlacklistType, CreditPolarity, type BlacklistEntry, type CreditRecord, type Penalty } from './credit.type';

export const MAX_CODES_PER_CHECK = 1000;

/** Listings that bar an entity from trading outright, as opposed to marking it dishonest. */
const RESTRICTING: readonly BlacklistType[] = [BlacklistType.market_ban, BlacklistType.government_procurement_ban, BlacklistType.serious_dishonest];

export interface CodeStatus {
  /** The code as the caller sent it (an ID number masked). */
  input: string;
  /** Normalised: upper case, full-width characters and spaces removed; null when not a code at all. */
  code: string | null;
  valid: boolean;
  problem: string | null;
  known: boolean;
  name: string | null;
  blacklisted: boolean;
  restricted: boolean;
  activeBlacklistEntries: BlacklistEntry[];
  penalties: Penalty[];
  creditRecords: CreditRecord[];
}

/**
 * "Dishonest in one place, restricted everywhere" (seed 003 item 7): the batch status check
 * credit integrations call with up to a thousand codes at a time. Four statements however
 * many codes: entities, blacklist entries, penalties, credit records.
 */
export class CreditStatusService {
  constructor(
    private readonly db: Db,
    private readonly penaltyLookBackDays: number,
    private readonly guard: CreditGuard,
  ) {}

  async check(caller: Caller | null, codes: string[], asOf: string | null, today = chinaToday()): Promise<CodeStatus[]> {
    const c = requireRole(caller, CREDIT_READERS, 'credit status');
    if (codes.length === 0) throw new BadInputError('codes', 'give at least one code');
    if (codes.length > MAX_CODES_PER_CHECK) throw new BadInputError('codes', `at most ${MAX_CODES_PER_CHECK} codes per call, got ${codes.length}; split the list`);
    await this.guard.admit(c, 'creditStatus', codes, Math.ceil(codes.length / 100));
    const day = asOf ?? today;

    const parsed = codes.map((input) => parseCode(input));
    const usccs = [...new Set(parsed.filter((p) => p.kind === 'uscc' || p.alsoUscc).map((p) => p.code!))];
    const persons = [...new Set(parsed.filter((p) => p.kind === 'person').map((p) => p.code!))];
    const schemes = [...new Set(parsed.filter((p) => p.kind === 'scheme').map((p) => p.code!))];
    const entities = usccs.length + persons.length === 0 ? [] : await entitiesByCodes(this.db, usccs, persons);
    const byCode = new Map(entities.map((e) => [(e.uscc ?? e.person)!, e]));
    if (schemes.length > 0) {
      const found = await entitiesBySchemeKeys(this.db, schemes);
      const rows = new Map((await findEntitiesByIds(this.db, [...new Set(found.map((f) => f.id))])).map((r) => [r.id, r]));
      for (const f of found) {
        const r = rows.get(f.id)!;
        byCode.set(f.key, { id: r.id, uscc: r.uscc, person: null, name: r.name });
        entities.push({ id: r.id, uscc: r.uscc, person: null, name: r.name });
      }
    }
    const ids = entities.map((e) => e.id);

    const [blacklist, penalties, records] = ids.length === 0 ? [[], [], []] : await creditRowsOn(this.db, ids, day, this.penaltyLookBackDays);
    const group = <R extends { entityId: number | null }>(rows: R[]) => {
      const out = new Map<number, R[]>();
      for (const r of rows) {
        if (r.entityId === null) continue;
        const list = out.get(r.entityId);
        if (list) list.push(r);
        else out.set(r.entityId, [r]);
      }
      return out;
    };
    const blacklistOf = group(blacklist);
    const penaltiesOf = group(penalties);
    const recordsOf = group(records);

    const result = parsed.map((p) => {
      const entity = p.code ? byCode.get(p.code) : undefined;
      // A person's number, or one shaped like it that failed its check (a mistyped ID
      // number is still someone's, give or take a digit).
      const masked = (p.kind === 'person' && entity?.uscc !== p.code) || (p.kind === 'invalid' && /^\d{17}[\dX]$/.test(p.code ?? ''));
      const entries = entity ? (blacklistOf.get(entity.id) ?? []).map((r) => ({ ...r, listType: r.listType as BlacklistType, provenance: provenanceOf(r) })) : [];
      return {
        input: masked ? maskIdNumber(p.input)! : p.input,
        code: masked ? maskIdNumber(p.code) : p.code,
        valid: p.kind !== 'invalid',
        problem: p.problem,
        known: entity !== undefined,
        name: entity?.name ?? null,
        blacklisted: entries.length > 0,
        restricted: entries.some((e) => RESTRICTING.includes(e.listType)),
        activeBlacklistEntries: entries,
        penalties: entity ? (penaltiesOf.get(entity.id) ?? []).map((r) => ({ ...r, provenance: provenanceOf(r) })) : [],
        creditRecords: entity ? (recordsOf.get(entity.id) ?? []).map((r) => ({ ...r, polarity: r.polarity as CreditPolarity, provenance: provenanceOf(r) })) : [],
      };
    });
    await this.guard.record(c, 'creditStatus', codes, {
      codes: codes.length,
      invalid: result.filter((r) => !r.valid).length,
      known: result.filter((r) => r.known).length,
      blacklisted: result.filter((r) => r.blacklisted).length,
    });
    return result;
  }
}

type ParsedCode = { input: string; kind: 'uscc' | 'person' | 'scheme' | 'invalid'; code: string | null; problem: string | null; alsoUscc?: boolean };

/**
 * A USCC (organisations), a resident ID number (natural persons), an organisation code
 * (GB 11714) or an identifier in another registration scheme written org-id style
 * (`GB-COH-01234567`); anything else is reported, not thrown. An 18-digit code can pass
 * both check characters and carry a real birth date: it is looked up as both, and shown
 * masked unless it turns out to be an organisation's code. One without a real birth date
 * is no ID number, and an unknown USCC is not masked as if it were one.
 */
function parseCode(input: string): ParsedCode {
  const compact = normaliseUscc(input);
  const uscc = validateUscc(compact);
  if (/^\d{17}[\dX]$/.test(compact) && isIdNumber(compact)) return { input, kind: 'person', code: compact, problem: null, alsoUscc: uscc.ok };
  if (uscc.ok) return { input, kind: 'uscc', code: uscc.code, problem: null };
  const inScheme = parseSchemeCode(compact);
  if (inScheme) {
    const sorted = normaliseIdentifiers({ identifier: inScheme });
    if (!sorted.ok) return { input, kind: 'invalid', code: compact, problem: sorted.message };
    if (sorted.uscc) return { input, kind: 'uscc', code: sorted.uscc, problem: null };
    return { input, kind: 'scheme', code: schemeKey(sorted.identifier!), problem: null };
  }
  const orgCode = validateOrgCode(compact);
  if (orgCode.ok) return { input, kind: 'scheme', code: schemeKey({ scheme: ORG_CODE_SCHEME, id: orgCode.code }), problem: null };
  // Shaped like an ID number: say what is wrong with it as one, not as a USCC.
  if (/^\d{17}[\dX]$/.test(compact)) return { input, kind: 'invalid', code: compact, problem: idNumberProblem(compact) };
  return { input, kind: 'invalid', code: compact || null, problem: uscc.message };
}

/** Today's date in China Standard Time. */
export function chinaToday(now = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
