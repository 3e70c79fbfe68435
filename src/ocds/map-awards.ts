import type { MapContext } from './map-context';
import { idString, isObject, type Json, type JsonObject } from './ocds.types';
import { findParty, type FoundParty } from './parties';

const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {});

// Bids extension statuses that are no submitted bid: an invitation. The rest keep their status
// (pending: submitted, not yet evaluated, is valid until the committee says otherwise).
const NOT_A_BID = ['invited'];
const STATUS: Record<string, string> = { valid: 'valid', pending: 'valid', disqualified: 'disqualified', withdrawn: 'withdrawn' };
// Award statuses that are no confirmed result (000 Art. 21 records the confirmed winner).
const NOT_AWARDED = ['pending', 'cancelled', 'unsuccessful'];

/**
 * The section a bid or award answers: its one related lot (relatedLots, kept as the lot's
 * code, as tender.lots are). One that names several lots answers no single section, and is
 * kept as the project's, as one that names none.
 */
function setLot(out: ReturnType<MapContext['start']>, x: JsonObject, at: string) {
  const lots = Array.isArray(x.relatedLots) ? x.relatedLots.map(idString).filter((id) => id !== undefined) : [];
  if (lots.length === 1) out.set('lotCode', lots[0], `${at}/relatedLots/0`);
}

/**
 * The bids extension's bids.details → bids. The hub's bid has one bidder: a consortium's
 * bid is recorded under its first tenderer. The hub keeps no deposit form from OCDS (it has
 * none), so `none`; a bid with no date was in by the tender period's end.
 */
export function mapBids(ctx: MapContext) {
  const r = ctx.release;
  const ocid = ctx.process.ocid;
  const deadline = obj(obj(r.tender).tenderPeriod).endDate;
  for (const [bid, at] of ctx.list(r.bids, 'details', '/bids')) {
    if (NOT_A_BID.includes(String(bid.status ?? ''))) continue;
    const out = ctx.start('bid', `${ocid}/bid/${idString(bid.id) ?? ''}`).set('project', ocid, '/ocid');
    const tenderers = ctx.list(bid, 'tenderers', at);
    const first = tenderers[0];
    out.party('bidder', first && findParty(r, first[0], first[1]), `${at}/tenderers`);
    if (bid.value !== undefined) out.amount('price', bid.value, `${at}/value`);
    if (bid.date !== undefined || deadline === undefined) out.set('submittedAt', bid.date, `${at}/date`);
    else out.set('submittedAt', deadline, '/tender/tenderPeriod/endDate');
    out.set('depositForm', 'none', at);
    out.set('status', STATUS[String(bid.status ?? '')] ?? 'valid', `${at}/status`);
    setLot(out, bid, at);
    ctx.emit(out);
  }
}

/**
 * The suppliers of an award, each with the hub record id it is kept under: the first
 * under the award's own id, any other under `<id>/supplier/<party id>`, so adding a
 * supplier later changes no existing record.
 */
export function perSupplier(ctx: MapContext, baseId: string, suppliers: Array<[JsonObject, string]>): Array<{ id: string; supplier?: FoundParty }> {
  if (suppliers.length === 0) return [{ id: baseId }];
  return suppliers.map(([ref, at], i) => {
    const supplier = findParty(ctx.release, ref, at);
    const key = supplier?.id ?? supplier?.party.name ?? String(i);
    return { id: i === 0 ? baseId : `${baseId}/supplier/${key}`, ...(supplier ? { supplier } : {}) };
  });
}

/**
 * Awards in force → awards, one per supplier. An award to several suppliers (a framework,
 * a joint award) repeats the award's whole value on each, as OCDS gives no split.
 */
export function mapAwards(ctx: MapContext) {
  const r = ctx.release;
  const ocid = ctx.process.ocid;
  for (const [award, at] of ctx.list(r, 'awards', '')) {
    if (NOT_AWARDED.includes(String(award.status ?? ''))) continue;
    const base = `${ocid}/award/${idString(award.id) ?? ''}`;
    for (const { id, supplier } of perSupplier(ctx, base, ctx.list(award, 'suppliers', at))) {
      const out = ctx.start('award', id).set('project', ocid, '/ocid');
      out.party('winner', supplier, `${at}/suppliers`);
      out.amount('amount', award.value, `${at}/value`);
      out.set('awardedAt', award.date, `${at}/date`);
      setLot(out, award, at);
      ctx.emit(out);
    }
  }
}
