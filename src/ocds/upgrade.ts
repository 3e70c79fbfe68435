import { child } from './json-pointer';
import { idString, isObject, type Json, type JsonObject } from './ocds.types';

/**
 * OCDS 1.0 → 1.1 for what the mapping reads. 1.0 had no `parties`: the buyer, the
 * procuring entity, tenderers and suppliers were organisations written out in place (name,
 * identifier, address, contactPoint). Here each becomes a party with a stable id (its
 * identifier as scheme-id, else its name) and its place holds a reference `{ id, name }`,
 * so that 1.1 merging matches the same supplier across releases. A 1.0 `amendment` object
 * becomes a one-element `amendments` list. A release that already has `parties` is left as
 * it is. `moved` says where each new party came from in the release as published.
 */
export interface Upgraded {
  release: JsonObject;
  moved: Array<[string, string]>;
}

const ROLE_OF = { buyer: 'buyer', procuringEntity: 'procuringEntity', tenderers: 'tenderer', suppliers: 'supplier' } as const;

const text = (v: Json | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/** The id an embedded organisation is given: `GB-COH-09506232` from its identifier, else its name. */
export function embeddedPartyId(org: JsonObject): string | undefined {
  const identifier = isObject(org.identifier) ? org.identifier : {};
  const [scheme, id] = [text(identifier.scheme), idString(identifier.id)];
  if (scheme && id) return `${scheme}-${id}`;
  return id ?? text(org.name) ?? text(identifier.legalName);
}

export function upgradeRelease(input: JsonObject): Upgraded {
  const release = structuredClone(input);
  const moved: Array<[string, string]> = [];
  if (!Array.isArray(release.parties)) upgradeOrganisations(release, moved);
  upgradeAmendment(release.tender, '/tender', moved);
  for (const key of ['awards', 'contracts'] as const) {
    const list = release[key];
    if (Array.isArray(list)) list.forEach((item, i) => upgradeAmendment(item, child('', key, i), moved));
  }
  return { release, moved };
}

function upgradeOrganisations(release: JsonObject, moved: Array<[string, string]>) {
  const parties: JsonObject[] = [];
  const reference = (org: Json | undefined, role: string, at: string): Json | undefined => {
    // Already a reference (has an id) or not an organisation at all: leave it.
    if (!isObject(org) || idString(org.id) !== undefined) return org;
    const id = embeddedPartyId(org);
    if (!id) return org;
    let party = parties.find((p) => p.id === id);
    if (!party) {
      party = { id, ...org, roles: [] };
      moved.push([child('', 'parties', parties.length), at]);
      parties.push(party);
    }
    const roles = party.roles as string[];
    if (!roles.includes(role)) roles.push(role);
    const name = text(org.name) ?? (isObject(org.identifier) ? text(org.identifier.legalName) : undefined);
    return { id, ...(name ? { name } : {}) };
  };
  const references = (list: Json | undefined, role: string, at: string) => (Array.isArray(list) ? list.map((org, i) => reference(org, role, child(at, i)) ?? org) : list);

  if (release.buyer !== undefined) release.buyer = reference(release.buyer, ROLE_OF.buyer, '/buyer') ?? null;
  if (isObject(release.tender)) {
    const tender = release.tender;
    if (tender.procuringEntity !== undefined) tender.procuringEntity = reference(tender.procuringEntity, ROLE_OF.procuringEntity, '/tender/procuringEntity') ?? null;
    if (tender.tenderers !== undefined) tender.tenderers = references(tender.tenderers, ROLE_OF.tenderers, '/tender/tenderers') ?? null;
  }
  if (Array.isArray(release.awards)) {
    release.awards.forEach((award, i) => {
      if (isObject(award) && award.suppliers !== undefined) award.suppliers = references(award.suppliers, ROLE_OF.suppliers, child('', 'awards', i, 'suppliers')) ?? null;
    });
  }
  if (parties.length > 0) release.parties = parties;
}

function upgradeAmendment(holder: Json | undefined, at: string, moved: Array<[string, string]>) {
  if (!isObject(holder) || !isObject(holder.amendment) || holder.amendments !== undefined) return;
  // 1.0's amendment had no id; its date tells one amendment from the next when releases are merged.
  const amendment = holder.amendment;
  holder.amendments = [{ id: idString(amendment.id) ?? text(amendment.date) ?? 'amendment', ...amendment }];
  delete holder.amendment;
  moved.push([`${at}/amendments/0`, `${at}/amendment`]);
}

/** Where a pointer into an upgraded release was in the release as published. */
export function publishedPointer(p: string, moved: ReadonlyArray<readonly [string, string]> | undefined): string {
  for (const [now, was] of moved ?? []) {
    if (p === now || p.startsWith(`${now}/`)) return was + p.slice(now.length);
  }
  return p;
}
