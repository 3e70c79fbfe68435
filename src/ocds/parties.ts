import { validateUscc } from '../entities/uscc';
import { child } from './json-pointer';
import { idString, isObject, type Json, type JsonObject } from './ocds.types';
import { regionOfAddress } from './region';

/**
 * An OCDS organisation as the hub's party: its name, its identifier as an org-id scheme
 * and id (`CN-USCC`, `GB-COH`, `CO-RUE`), other identifiers, and the region its address
 * names. A party with no identifier is known by its name alone.
 */
export interface HubIdentifier {
  scheme?: string;
  id: string;
}
export interface HubParty {
  name?: string;
  identifier?: HubIdentifier;
  additionalIdentifiers?: HubIdentifier[];
  region?: string;
}

/** A party with, for each of its hub fields, the pointer into the compiled release it came from. */
export interface FoundParty {
  id?: string;
  party: HubParty;
  pointers: Record<string, string>;
}

// Names Chinese publishers give the USCC scheme instead of its org-id code.
const SCHEME_ALIASES: Record<string, string> = { USCC: 'CN-USCC', 统一社会信用代码: 'CN-USCC' };

const text = (v: Json | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

function identifierOf(value: Json | undefined): HubIdentifier | undefined {
  if (!isObject(value)) return undefined;
  const id = idString(value.id);
  if (!id) return undefined;
  const given = text(value.scheme)?.toUpperCase();
  // An 18-character id that passes the USCC check with no scheme is a USCC: Chinese publishers often leave the scheme out.
  const scheme = given ? (SCHEME_ALIASES[given] ?? given) : validateUscc(id).ok ? 'CN-USCC' : undefined;
  return { ...(scheme ? { scheme } : {}), id };
}

/**
 * The party an organisation reference names: the entry of `parties` with its id (compared as
 * strings), else the reference itself when it carries the organisation (OCDS 1.0, or
 * publishers that embed it in 1.1 too).
 */
export function findParty(compiled: JsonObject, ref: Json | undefined, refAt: string): FoundParty | undefined {
  if (!isObject(ref)) return undefined;
  const id = idString(ref.id);
  const parties = Array.isArray(compiled.parties) ? compiled.parties : [];
  const index = id === undefined ? -1 : parties.findIndex((p) => isObject(p) && idString(p.id) === id);
  const [org, at] = index >= 0 ? [parties[index] as JsonObject, child('', 'parties', index)] : [ref, refAt];
  const identifier = isObject(org.identifier) ? org.identifier : {};
  const name = text(org.name) ?? text(identifier.legalName) ?? (index >= 0 ? text(ref.name) : undefined);
  const nameAt = text(org.name) ? child(at, 'name') : text(identifier.legalName) ? child(at, 'identifier', 'legalName') : child(refAt, 'name');
  const main = identifierOf(org.identifier);
  const additional = (Array.isArray(org.additionalIdentifiers) ? org.additionalIdentifiers : []).map(identifierOf).filter((i): i is HubIdentifier => !!i);
  const region = regionOfAddress(org.address);
  const party: HubParty = {
    ...(name ? { name } : {}),
    ...(main ? { identifier: main } : {}),
    ...(additional.length ? { additionalIdentifiers: additional } : {}),
    ...(region ? { region: region.code } : {}),
  };
  const pointers: Record<string, string> = {
    '': at,
    name: nameAt,
    identifier: child(at, 'identifier'),
    'identifier.scheme': child(at, 'identifier', 'scheme'),
    'identifier.id': child(at, 'identifier', 'id'),
    // The hub's party field before scheme-qualified identifiers named the code `uscc`.
    uscc: child(at, 'identifier', 'id'),
    additionalIdentifiers: child(at, 'additionalIdentifiers'),
    region: region ? child(at, 'address', region.field) : child(at, 'address'),
  };
  additional.forEach((_, i) => {
    pointers[`additionalIdentifiers.${i}.scheme`] = child(at, 'additionalIdentifiers', i, 'scheme');
    pointers[`additionalIdentifiers.${i}.id`] = child(at, 'additionalIdentifiers', i, 'id');
  });
  return { ...(id !== undefined ? { id } : {}), party, pointers };
}

/** The parties with a role, for when the reference field itself is missing (e.g. no `buyer` but a party with role buyer). */
export function partiesWithRole(compiled: JsonObject, role: string): JsonObject[] {
  const parties = Array.isArray(compiled.parties) ? compiled.parties : [];
  return parties.filter((p): p is JsonObject => isObject(p) && Array.isArray(p.roles) && p.roles.includes(role));
}
