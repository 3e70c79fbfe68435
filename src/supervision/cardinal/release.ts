import { asAmount, asArray, asObject, asString, get, type Json, type JsonObject } from './json';

// The questions cardinal-rs's lib.rs asks of a compiled release, shared by the indicators.

/** cardinal-rs's pipe-separated lists: "open|selective"; a trailing "|" adds nothing. */
export function pipeSet(value: string | undefined): Set<string> {
  const parts = (value ?? '').split('|');
  if (parts.at(-1) === '') parts.pop();
  return new Set(parts);
}

export const isCancelledContractingProcess = (release: JsonObject): boolean => get(get(release, 'tender'), 'status') === 'cancelled';

/** An empty set matches every process; otherwise tender/procurementMethod must be in it. */
export function matchesProcurementMethod(tender: JsonObject, set: Set<string>): boolean {
  if (set.size === 0) return true;
  const method = asString(get(tender, 'procurementMethod'));
  return method !== undefined && set.has(method);
}

/** An allow list when `include` is not empty, else a deny list (which also passes processes without details). */
export function matchesProcurementMethodDetails(release: JsonObject, include: Set<string>, exclude: Set<string>): boolean {
  const details = asString(get(get(release, 'tender'), 'procurementMethodDetails'));
  if (details === undefined) return include.size === 0;
  return include.size === 0 ? !exclude.has(details) : include.has(details);
}

/** Bids that were submitted: pending, valid and disqualified, not invited or withdrawn. */
export function submittedBids(release: JsonObject): Json[] {
  const details = asArray(get(asObject(get(release, 'bids')), 'details')) ?? [];
  return details.filter((bid) => {
    const status = asString(get(bid, 'status'));
    return status !== undefined && status !== 'invited' && status !== 'withdrawn';
  });
}

/**
 * The active awards and all bids, if every award with a status is final (active, cancelled or
 * unsuccessful), so that results are stable; undefined otherwise or without awards and bids.
 */
export function completeAwardsAndBidsIfAllAwardsFinal(release: JsonObject): { awards: Json[]; bids: Json[] } | undefined {
  const awards = asArray(get(release, 'awards'));
  const bids = asArray(get(asObject(get(release, 'bids')), 'details'));
  if (!awards || !bids) return undefined;
  const complete: Json[] = [];
  for (const award of awards) {
    const status = asString(get(award, 'status'));
    if (status === undefined || status === 'cancelled' || status === 'unsuccessful') continue;
    if (status !== 'active') return undefined;
    complete.push(award);
  }
  return { awards: complete, bids };
}

/** The one supplier of the only active award, when there is exactly one of each. */
export function soleSupplierOfSoleAward(awards: Json[]): string | undefined {
  if (awards.length !== 1) return undefined;
  const suppliers = asArray(get(awards[0], 'suppliers'));
  return suppliers?.length === 1 ? asString(get(suppliers[0], 'id')) : undefined;
}

export interface PricedBid {
  tenderer: string;
  amount: number;
  currency: string;
}

/** Valid bids by a single tenderer with an amount and a currency. */
export function validBidsWithValue(bids: Json[]): PricedBid[] {
  const out: PricedBid[] = [];
  for (const bid of bids) {
    const value = asObject(get(bid, 'value'));
    const currency = asString(get(value, 'currency'));
    const tenderers = asArray(get(bid, 'tenderers'));
    const tenderer = tenderers?.length === 1 ? asString(get(tenderers[0], 'id')) : undefined;
    const amount = typeof get(value, 'amount') === 'number' ? asAmount(get(value, 'amount')) : undefined;
    if (asString(get(bid, 'status')) === 'valid' && currency !== undefined && tenderer !== undefined && amount !== undefined) out.push({ tenderer, amount, currency });
  }
  return out;
}
