import type { ProjectItem } from '../../db/schema';
import { identifierOfSchemeKey, USCC_SCHEME } from '../../entities/party-identity';
import type { JsonObject } from '../ocds.types';
import { mergeReleases } from '../merge';

/**
 * The hub's data as OCDS 1.1 (docs/ocds.md, "Export"): one record per project, holding the
 * releases behind it (a tender release, one per award, one per contract) and the compiled
 * release, which is those releases merged by the OCDS rules, so the two never disagree.
 * What OCDS has no place for but the hub's statistics need on a round trip (the project's
 * region code, trading category and platform) travels in one namespaced extension object,
 * `publicResourceTrading`, which the import reads back.
 */
export const HUB_EXTENSION = 'publicResourceTrading';

export interface ExportParty {
  id: number;
  kind: 'organisation' | 'person';
  name: string;
  uscc: string | null;
  schemeKey: string | null;
  registeredRegionCode: string | null;
}

export interface ExportProject {
  id: number;
  projectCode: string;
  title: string;
  categoryCode: string;
  regionCode: string;
  platformCode: string;
  initiatorId: number | null;
  agencyId: number | null;
  budget: string | null;
  currency: string;
  procurementMethod: string;
  status: string;
  isElectronic: boolean;
  registeredAt: Date;
  bidOpeningAt: Date | null;
  version: Date;
  lots: Array<{ lotCode: string; name: string; budget: string | null; currency: string }>;
  items: ProjectItem[] | null;
  /** Only bids whose opening has passed: sealed bids never leave the hub. */
  bids: Array<{ id: number; bidderId: number; price: string | null; currency: string; submittedAt: Date; status: string; lotCode: string | null }>;
  awards: Array<{ id: number; winnerId: number; amount: string; currency: string; awardedAt: Date; version: Date; lotCode: string | null }>;
  contracts: Array<{
    id: number;
    supplierId: number;
    contractCode: string | null;
    amount: string;
    currency: string;
    signedAt: Date;
    periodStart: string | null;
    periodEnd: string | null;
    status: string;
    version: Date;
    payments: Array<{ id: number; reportedAt: Date; paidAmount: string; currency: string }>;
  }>;
}

const METHOD: Record<string, string> = {
  open_tender: 'open',
  invited_tender: 'selective',
  competitive_negotiation: 'limited',
  competitive_consultation: 'limited',
  inquiry: 'limited',
  single_source: 'direct',
  auction: 'open',
  listing: 'open',
  agreement: 'direct',
};
const TENDER_STATUS: Record<string, string> = {
  registered: 'planned',
  tendering: 'active',
  evaluating: 'active',
  awarded: 'complete',
  contracted: 'complete',
  suspended: 'active',
  terminated: 'cancelled',
};
const CONTRACT_STATUS: Record<string, string> = { signed: 'active', performing: 'active', completed: 'terminated', terminated: 'terminated' };

const value = (amount: string, currency: string) => ({ amount: Number(amount), currency });

/**
 * tender.items. OCDS requires each item's `id`, unique within the list (the merge joins items
 * by id): an item sent without one, or with one an earlier item already has, takes its
 * position (1, 2, …), suffixed until it is free.
 */
export function itemsOf(items: readonly ProjectItem[]): JsonObject[] {
  const taken = new Set(items.map((i) => i.id).filter((id): id is string => id !== null));
  const used = new Set<string>();
  return items.map((item, n) => {
    let id = item.id;
    if (id === null || used.has(id)) {
      id = String(n + 1);
      for (let k = 2; taken.has(id) || used.has(id); k++) id = `${n + 1}-${k}`;
    }
    used.add(id);
    return {
      id,
      ...(item.description !== null ? { description: item.description } : {}),
      ...(item.scheme !== null || item.code !== null
        ? {
            classification: {
              ...(item.scheme !== null ? { scheme: item.scheme } : {}),
              ...(item.code !== null ? { id: item.code } : {}),
              ...(item.label !== null ? { description: item.label } : {}),
            },
          }
        : {}),
      ...(item.quantity !== null ? { quantity: item.quantity } : {}),
      ...(item.unit !== null ? { unit: { name: item.unit } } : {}),
      ...(item.lotCode !== null ? { relatedLot: item.lotCode } : {}),
    };
  });
}
const iso = (d: Date) => d.toISOString();

/** A party's OCDS id and identifier: its USCC as CN-USCC, another register as given, else none (a person's ID number never leaves the hub). */
export function partyOf(e: ExportParty, roles: string[]): JsonObject {
  const known = e.kind === 'person' ? null : e.uscc ? { scheme: USCC_SCHEME, id: e.uscc } : identifierOfSchemeKey(e.schemeKey);
  const identifier = known ? { ...known, legalName: e.name } : undefined;
  return {
    id: identifier ? `${identifier.scheme}-${identifier.id}` : `${e.kind === 'person' ? 'person' : 'name'}-${e.id}`,
    name: e.name,
    ...(identifier ? { identifier } : {}),
    ...(e.registeredRegionCode ? { address: { region: e.registeredRegionCode, countryName: '中国' } } : {}),
    roles,
  };
}

export function recordOf(p: ExportProject, entities: ReadonlyMap<number, ExportParty>, ocidPrefix: string): JsonObject {
  const ocid = `${ocidPrefix}-${p.id}`;
  const partiesIn = (refs: Array<[number | null, string]>) => {
    const byId = new Map<string, JsonObject>();
    for (const [entityId, role] of refs) {
      const e = entityId === null ? undefined : entities.get(entityId);
      if (!e) continue;
      const party = partyOf(e, [role]);
      const known = byId.get(party.id as string);
      if (known) (known.roles as string[]).push(role);
      else byId.set(party.id as string, party);
    }
    return [...byId.values()];
  };
  const ref = (entityId: number | null) => {
    const e = entityId === null ? undefined : entities.get(entityId);
    if (!e) return undefined;
    const party = partyOf(e, []);
    return { id: party.id as string, name: party.name as string };
  };

  const base = (id: string, date: Date, tag: string[]) => ({ ocid, id: `${ocid}-${id}`, date: iso(date), tag, initiationType: 'tender', language: 'zh' });
  const tender: JsonObject = {
    ...base('tender', p.version, [p.status === 'registered' ? 'planning' : 'tender']),
    parties: partiesIn([[p.initiatorId, 'buyer'], [p.agencyId ?? p.initiatorId, 'procuringEntity'], ...p.bids.map((b): [number, string] => [b.bidderId, 'tenderer'])]),
    ...(ref(p.initiatorId) ? { buyer: ref(p.initiatorId)! } : {}),
    tender: {
      id: p.projectCode,
      title: p.title,
      status: TENDER_STATUS[p.status] ?? 'active',
      ...(p.budget !== null ? { value: value(p.budget, p.currency) } : {}),
      procurementMethod: METHOD[p.procurementMethod] ?? 'open',
      procurementMethodDetails: p.procurementMethod,
      mainProcurementCategory: p.categoryCode === 'construction' ? 'works' : 'goods',
      submissionMethod: p.isElectronic ? ['electronicSubmission'] : ['inPerson'],
      datePublished: iso(p.registeredAt),
      tenderPeriod: { startDate: iso(p.registeredAt), ...(p.bidOpeningAt ? { endDate: iso(p.bidOpeningAt) } : {}) },
      ...(ref(p.agencyId ?? p.initiatorId) ? { procuringEntity: ref(p.agencyId ?? p.initiatorId)! } : {}),
      ...(p.items?.length ? { items: itemsOf(p.items) } : {}),
      ...(p.lots.length > 0 ? { lots: p.lots.map((l) => ({ id: l.lotCode, title: l.name, ...(l.budget !== null ? { value: value(l.budget, l.currency) } : {}) })) } : {}),
      ...(p.bids.length > 0
        ? { numberOfTenderers: new Set(p.bids.map((b) => b.bidderId)).size, tenderers: [...new Map(p.bids.map((b) => [b.bidderId, ref(b.bidderId)!])).values()] }
        : {}),
    },
    ...(p.bids.length > 0
      ? {
          bids: {
            details: p.bids.map((b) => ({
              id: String(b.id),
              date: iso(b.submittedAt),
              // The hub's three statuses are the bids extension's codes.
              status: b.status,
              tenderers: [ref(b.bidderId)!],
              ...(b.price !== null ? { value: value(b.price, b.currency) } : {}),
              ...(b.lotCode !== null ? { relatedLots: [b.lotCode] } : {}),
            })),
          },
        }
      : {}),
    [HUB_EXTENSION]: { regionCode: p.regionCode, category: p.categoryCode, platformCode: p.platformCode },
  };
  const releases: JsonObject[] = [tender];
  for (const a of p.awards) {
    releases.push({
      ...base(`award-${a.id}`, a.version, ['award']),
      parties: partiesIn([[a.winnerId, 'supplier']]),
      awards: [
        {
          id: String(a.id),
          status: 'active',
          date: iso(a.awardedAt),
          value: value(a.amount, a.currency),
          suppliers: [ref(a.winnerId)!],
          ...(a.lotCode !== null ? { relatedLots: [a.lotCode] } : {}),
        },
      ],
    });
  }
  for (const c of p.contracts) {
    // OCDS requires a contract's award: the award to the same supplier, else the project's first.
    const award = p.awards.find((a) => a.winnerId === c.supplierId) ?? p.awards[0];
    if (!award) continue;
    releases.push({
      ...base(`contract-${c.id}`, c.version, c.payments.length > 0 ? ['contract', 'implementation'] : ['contract']),
      contracts: [
        {
          id: String(c.id),
          awardID: String(award.id),
          ...(c.contractCode ? { title: c.contractCode } : {}),
          status: CONTRACT_STATUS[c.status] ?? 'active',
          value: value(c.amount, c.currency),
          dateSigned: iso(c.signedAt),
          ...(c.periodStart || c.periodEnd
            ? { period: { ...(c.periodStart ? { startDate: `${c.periodStart}T00:00:00+08:00` } : {}), ...(c.periodEnd ? { endDate: `${c.periodEnd}T00:00:00+08:00` } : {}) } }
            : {}),
          ...(c.payments.length > 0
            ? { implementation: { transactions: c.payments.map((t) => ({ id: String(t.id), date: iso(t.reportedAt), value: value(t.paidAmount, t.currency) })) } }
            : {}),
        },
      ],
    });
  }
  const compiled = mergeReleases(releases).compiled;
  return { ocid, releases, compiledRelease: { ...compiled, id: `${ocid}-compiled`, tag: ['compiled'] } };
}

/** The record package's head; its records follow (docs/ocds.md). */
export function packageHead(uri: string, publisherName: string, publishedDate: Date): JsonObject {
  return {
    uri,
    version: '1.1',
    publishedDate: iso(publishedDate),
    publisher: { name: publisherName },
    // Bids, and lots (tender.lots, and the relatedLots of bids and awards).
    extensions: [
      'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
      'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/v1.1.5/extension.json',
    ],
  };
}
