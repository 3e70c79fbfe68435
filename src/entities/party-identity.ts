import { validateOrgCode } from './org-code';
import { validateUscc } from './uscc';

/**
 * How the hub knows a party (issue: every kind of party). In order of preference:
 * - its USCC (organisations, 个体工商户, GB 32100-2015): scheme `CN-USCC`;
 * - a natural person's resident ID number: kept only to match, never shown;
 * - another registration, in org-id.guide form (`GB-COH` for the UK's Companies House,
 *   `HK-CR` for Hong Kong's Companies Registry, `CN-OC` for the older 9-character
 *   organisation code of GB 11714, …): one entity per scheme and identifier;
 * - its name alone, when the sender knows no identifier (common in foreign OCDS data).
 * A party that shows its USCC later becomes one with the party it was known as before:
 * through the organisation code inside the USCC, through an identifier it lists beside
 * the USCC, or through the same name (see parties.repository.ts).
 */
export const USCC_SCHEME = 'CN-USCC';
export const ORG_CODE_SCHEME = 'CN-OC';
/** org-id.guide's list for China's registration authority; publishers use it for USCCs. */
const USCC_SCHEMES = new Set([USCC_SCHEME, 'CN-SAIC', 'CN-SAMR']);

/** org-id.guide's form: a two-letter country code (or XI/XM), a hyphen, the register's code. */
export const SCHEME_PATTERN = /^[A-Z]{2}-[A-Z0-9]{2,20}$/;

export interface SchemeIdentifier {
  scheme: string;
  id: string;
}

/** The one key a party resolves by, and where it came from. */
export type PartyKey = { by: 'uscc'; uscc: string } | { by: 'id_number' } | { by: 'scheme'; scheme: string; id: string } | { by: 'name' };

export type Normalised = { ok: true; uscc?: string; identifier?: SchemeIdentifier; aliases: SchemeIdentifier[] } | { ok: false; path: string; code: string; message: string };

/**
 * Sorts what a sender gave into the USCC (wherever it was given: its own field, an
 * `identifier` or an `additionalIdentifiers` entry under a USCC scheme), the primary other
 * identifier, and the rest (aliases that later records may name the party by).
 */
export function normaliseIdentifiers(given: { uscc?: string; orgCode?: string; identifier?: SchemeIdentifier; additionalIdentifiers?: SchemeIdentifier[] }): Normalised {
  let uscc = given.uscc;
  const others: SchemeIdentifier[] = [];
  const entries: Array<[string, SchemeIdentifier]> = [];
  if (given.orgCode !== undefined) entries.push(['orgCode', { scheme: ORG_CODE_SCHEME, id: given.orgCode }]);
  if (given.identifier) entries.push(['identifier', given.identifier]);
  for (const [n, extra] of (given.additionalIdentifiers ?? []).entries()) entries.push([`additionalIdentifiers.${n}`, extra]);
  for (const [path, { scheme, id }] of entries) {
    if (USCC_SCHEMES.has(scheme)) {
      const checked = validateUscc(id);
      // CN-SAIC also names the older 15-digit registration numbers: those are identifiers of their own.
      if (checked.ok) {
        if (uscc !== undefined && uscc !== checked.code) return { ok: false, path, code: 'CONFLICT', message: `two different USCCs for one party: ${uscc} and ${checked.code}` };
        uscc = checked.code;
        continue;
      }
      if (scheme === USCC_SCHEME) return { ok: false, path: `${path}.id`, code: 'INVALID_USCC', message: checked.message };
    }
    if (scheme === ORG_CODE_SCHEME) {
      const checked = validateOrgCode(id);
      if (!checked.ok) return { ok: false, path: path === 'orgCode' ? path : `${path}.id`, code: 'INVALID_ORG_CODE', message: checked.message };
      others.push({ scheme, id: checked.code });
      continue;
    }
    others.push({ scheme, id });
  }
  const unique = [...new Map(others.map((o) => [`${o.scheme}:${o.id}`, o])).values()];
  if (uscc !== undefined) return { ok: true, uscc, aliases: unique };
  const [identifier, ...aliases] = unique;
  return identifier ? { ok: true, identifier, aliases } : { ok: true, aliases: [] };
}

/** The text key of an identifier in a scheme, as the entity register keeps it (`GB-COH:01234567`). */
export const schemeKey = (i: SchemeIdentifier) => `${i.scheme}:${i.id}`;

/** Parses an org-id style code (`GB-COH-01234567`, or with a colon) into scheme and identifier; null when it is not one. */
export function parseSchemeCode(code: string): SchemeIdentifier | null {
  const m = /^([A-Z]{2}-[A-Z0-9]{2,20})[-:](.+)$/.exec(code.trim());
  return m ? { scheme: m[1]!, id: m[2]! } : null;
}

/**
 * The code an entity is checked by, as credit integrations are shown it: its USCC, a
 * person's ID number (masked by the caller), or another register's identifier in org-id form
 * (`GB-COH-01234567`, which creditStatus takes back); null for a party known only by name.
 */
export const orgIdOf = (schemeKey: string | null): string | null => {
  const i = identifierOfSchemeKey(schemeKey);
  return i ? `${i.scheme}-${i.id}` : null;
};

/** The identifier an entity was first known by (`entities.scheme_key`); null for a party known only by name. */
export function identifierOfSchemeKey(schemeKey: string | null): SchemeIdentifier | null {
  if (!schemeKey || schemeKey.startsWith('NAME:')) return null;
  const at = schemeKey.indexOf(':');
  return { scheme: schemeKey.slice(0, at), id: schemeKey.slice(at + 1) };
}
