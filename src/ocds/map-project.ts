import { procurementMethod } from '../ingestion/records/trading-records';
import { CATEGORIES, type CategoryCode } from '../registry/reference-data';
import type { ProjectStatus } from '../trading/trading.enums';
import { HUB_EXTENSION } from './export/to-ocds';
import type { MapContext } from './map-context';
import { mapItems } from './map-items';
import { idString, isObject, type Json, type JsonObject } from './ocds.types';
import { findParty, partiesWithRole, type FoundParty } from './parties';

// OCDS procurementMethod (a closed codelist) → the hub's. procurementMethodDetails wins when
// it is one of the hub's Chinese labels (竞争性磋商, 询价...), which OCDS's four codes cannot tell apart.
const METHOD: Record<string, string> = { open: 'open_tender', selective: 'invited_tender', limited: 'competitive_negotiation', direct: 'single_source' };

const text = (v: Json | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {});
/** The first of several candidate fields that holds text, with its pointer. */
const firstText = (candidates: Array<[string, Json | undefined]>): [string, string] | undefined => {
  for (const [at, v] of candidates) if (text(v)) return [at, text(v)!];
  return undefined;
};

/**
 * The project's status from how far the process got: a contract in force → contracted, an
 * active award → awarded, else the tender's status (planning/planned → registered, active →
 * tendering, complete → awarded, cancelled/unsuccessful/withdrawn → terminated).
 */
export function projectStatus(release: JsonObject): ProjectStatus {
  const live = (list: Json | undefined, dead: string[]) => (Array.isArray(list) ? list : []).some((x) => isObject(x) && !dead.includes(String(x.status ?? '')));
  if (live(release.contracts, ['pending', 'cancelled'])) return 'contracted';
  if (live(release.awards, ['pending', 'cancelled', 'unsuccessful'])) return 'awarded';
  const status = text(obj(release.tender).status);
  if (status === 'planning' || status === 'planned') return 'registered';
  if (status === 'complete') return 'awarded';
  if (status === 'cancelled' || status === 'unsuccessful' || status === 'withdrawn') return 'terminated';
  return 'tendering';
}

/** The buyer (initiator) and, when it is another organisation, the procuring entity (agency). */
export function initiatorAndAgency(ctx: MapContext): { initiator?: FoundParty; initiatorAt: string; agency?: FoundParty } {
  const r = ctx.release;
  const tender = obj(r.tender);
  const byRole = (role: string) => {
    const p = partiesWithRole(r, role)[0];
    return p ? findParty(r, { id: p.id ?? null }, '/parties') : undefined;
  };
  const procuring = findParty(r, tender.procuringEntity, '/tender/procuringEntity') ?? byRole('procuringEntity');
  const buyer = findParty(r, r.buyer, '/buyer') ?? byRole('buyer');
  const initiator = buyer ?? procuring;
  const same = (a: FoundParty, b: FoundParty) => (a.id !== undefined && a.id === b.id) || (a.id === undefined && a.party.name === b.party.name);
  const agency = buyer && procuring && !same(buyer, procuring) ? procuring : undefined;
  return { ...(initiator ? { initiator } : {}), initiatorAt: '/buyer', ...(agency ? { agency } : {}) };
}

export function mapProject(ctx: MapContext) {
  const r = ctx.release;
  const ocid = ctx.process.ocid;
  const tender = obj(r.tender);
  const budget = obj(obj(r.planning).budget);
  const out = ctx.start('project', ocid);
  out.set('projectCode', idString(tender.id) ?? ocid, idString(tender.id) ? '/tender/id' : '/ocid');
  const title = firstText([
    ['/tender/title', tender.title],
    ['/planning/budget/project', budget.project],
    ['/tender/description', tender.description],
  ]);
  out.set('title', title?.[1].slice(0, 500), title?.[0] ?? '/tender/title');
  // The hub's own export carries what OCDS has no place for (export/to-ocds.ts, HUB_EXTENSION).
  const hub = obj(r[HUB_EXTENSION]);
  const hubCategory = CATEGORIES.some((c) => c.code === hub.category) ? (hub.category as CategoryCode) : undefined;
  if (hubCategory && !ctx.options.category) out.set('category', hubCategory, `/${HUB_EXTENSION}/category`);
  else out.set('category', ctx.options.category ?? (tender.mainProcurementCategory === 'works' ? 'construction' : 'government_procurement'), '/tender/mainProcurementCategory');

  const { initiator, initiatorAt, agency } = initiatorAndAgency(ctx);
  const derived = initiator?.party.region ?? agency?.party.region;
  const regionFrom = initiator?.party.region ? initiator : agency;
  const hubRegion = typeof hub.regionCode === 'string' ? hub.regionCode : undefined;
  if (hubRegion && !ctx.options.region) out.set('region', hubRegion, `/${HUB_EXTENSION}/regionCode`);
  else out.set('region', ctx.options.region ?? derived, ctx.options.region ? '' : (regionFrom?.pointers.region ?? `${initiatorAt}`));
  out.party('initiator', initiator, initiatorAt);
  if (agency) out.party('agency', agency, '/tender/procuringEntity');

  if (isObject(tender.value) && tender.value.amount !== undefined) out.amount('budget', tender.value, '/tender/value');
  else if (isObject(budget.amount)) out.amount('budget', budget.amount, '/planning/budget/amount');

  const details = text(tender.procurementMethodDetails);
  const labelled = details ? procurementMethod.safeParse(details) : undefined;
  if (labelled?.success) out.set('procurementMethod', labelled.data, '/tender/procurementMethodDetails');
  else out.set('procurementMethod', METHOD[String(tender.procurementMethod)] ?? text(tender.procurementMethod), '/tender/procurementMethod');
  out.set('status', projectStatus(r), r.contracts ? '/contracts' : r.awards ? '/awards' : '/tender/status');
  const submission = Array.isArray(tender.submissionMethod) ? tender.submissionMethod : [];
  if (submission.length > 0) out.set('isElectronic', submission.includes('electronicSubmission'), '/tender/submissionMethod');
  const period = obj(tender.tenderPeriod);
  const registered = firstText([
    ['/tender/datePublished', tender.datePublished],
    ['/tender/tenderPeriod/startDate', period.startDate],
    ['/date', ctx.process.firstDate ?? r.date],
  ]);
  out.set('registeredAt', registered?.[1], registered?.[0] ?? '/date');
  if (period.endDate !== undefined) out.set('bidOpeningAt', period.endDate, '/tender/tenderPeriod/endDate');
  mapItems(ctx, out, tender);
  ctx.emit(out);

  for (const [lot, at] of ctx.list(tender, 'lots', '/tender')) {
    const id = idString(lot.id);
    const o = ctx
      .start('lot', `${ocid}/lot/${id ?? ''}`)
      .set('project', ocid, '/ocid')
      .set('lotCode', id, `${at}/id`);
    o.set('name', text(lot.title) ?? text(lot.description) ?? id, text(lot.title) ? `${at}/title` : `${at}/description`);
    if (isObject(lot.value)) o.amount('budget', lot.value, `${at}/value`);
    ctx.emit(o);
  }
}
