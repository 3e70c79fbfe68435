import { perSupplier } from './map-awards';
import type { MapContext } from './map-context';
import { idString, isObject, type Json, type JsonObject } from './ocds.types';

const obj = (v: Json | undefined): JsonObject => (isObject(v) ? v : {});
const text = (v: Json | undefined) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);

/**
 * OCDS contract status → the hub's. `pending` (not yet signed) and `cancelled` (never in
 * force) are no signed contract and are left out. OCDS `terminated` means the contract came
 * to a close, whether completed or ended early; the hub's `completed` is the nearer reading.
 */
const CONTRACT_STATUS: Record<string, string | null> = { pending: null, cancelled: null, active: 'performing', terminated: 'completed' };

/** A calendar date (YYYY-MM-DD) from an OCDS date-time, as the publisher wrote it (its own offset). */
const day = (v: Json | undefined) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v);

/**
 * Contracts → contracts (the supplier is the one of the award the contract names by
 * awardID, compared as strings, wherever in the process that award was published);
 * implementation transactions → contract performance records of payments; contract
 * amendments → contract performance records of changes.
 */
export function mapContracts(ctx: MapContext) {
  const r = ctx.release;
  const ocid = ctx.process.ocid;
  const awards = ctx.list(r, 'awards', '');
  for (const [contract, at] of ctx.list(r, 'contracts', '')) {
    const status = CONTRACT_STATUS[String(contract.status ?? '')];
    if (status === null) continue;
    const cid = idString(contract.id) ?? '';
    const awardId = idString(contract.awardID);
    const award = awards.find(([a]) => awardId !== undefined && idString(a.id) === awardId);
    const base = `${ocid}/contract/${cid}`;
    const suppliers = award ? ctx.list(award[0], 'suppliers', award[1]) : [];
    for (const { id, supplier } of perSupplier(ctx, base, suppliers)) {
      const out = ctx.start('contract', id).set('project', ocid, '/ocid');
      out.party('supplier', supplier, award ? `${award[1]}/suppliers` : `${at}/awardID`);
      out.set('contractCode', cid || undefined, `${at}/id`);
      out.amount('amount', contract.value ?? (award ? award[0].value : undefined), contract.value !== undefined || !award ? `${at}/value` : `${award[1]}/value`);
      out.set('signedAt', contract.dateSigned, `${at}/dateSigned`);
      const period = obj(contract.period);
      if (period.startDate !== undefined) out.set('periodStart', day(period.startDate), `${at}/period/startDate`);
      if (period.endDate !== undefined) out.set('periodEnd', day(period.endDate), `${at}/period/endDate`);
      if (status) out.set('status', status, `${at}/status`);
      ctx.emit(out);
    }
    for (const [t, tAt] of ctx.list(contract.implementation, 'transactions', `${at}/implementation`)) {
      const out = ctx.start('contract_performance', `${base}/transaction/${idString(t.id) ?? ''}`).set('contract', base, `${at}/id`);
      out.set('milestone', 'payment', tAt).set('reportedAt', t.date, `${tAt}/date`);
      // OCDS 1.0 named a transaction's value `amount`.
      if (t.value !== undefined || t.amount !== undefined) out.amount('paidAmount', t.value ?? t.amount, t.value !== undefined ? `${tAt}/value` : `${tAt}/amount`);
      ctx.emit(out);
    }
    for (const [a, aAt] of ctx.list(contract, 'amendments', at)) {
      const out = ctx.start('contract_performance', `${base}/amendment/${idString(a.id) ?? ''}`).set('contract', base, `${at}/id`);
      out.set('milestone', 'change', aAt).set('reportedAt', a.date, `${aAt}/date`);
      const note = text(a.description) ? 'description' : 'rationale';
      out.set('note', text(a[note])?.slice(0, 2000), `${aAt}/${note}`);
      ctx.emit(out);
    }
  }
}

/** Amendments of the tender and of awards → notices of change (变更公告) of the project. */
export function mapAmendments(ctx: MapContext) {
  const r = ctx.release;
  const ocid = ctx.process.ocid;
  const holders: Array<[JsonObject, string, string]> = [[obj(r.tender), '/tender', `${ocid}/notice/tender-amendment`]];
  for (const [award, at] of ctx.list(r, 'awards', '')) holders.push([award, at, `${ocid}/notice/award/${idString(award.id) ?? ''}/amendment`]);
  for (const [holder, at, prefix] of holders) {
    for (const [a, aAt] of ctx.list(holder, 'amendments', at)) {
      const out = ctx
        .start('notice', `${prefix}/${idString(a.id) ?? ''}`)
        .set('project', ocid, '/ocid')
        .set('kind', 'change', aAt);
      const field = text(a.description) ? 'description' : 'rationale';
      out.set('title', text(a[field])?.slice(0, 500), `${aAt}/${field}`);
      out.set('publishedAt', a.date, `${aAt}/date`);
      ctx.emit(out);
    }
  }
}
