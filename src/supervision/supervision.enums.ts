import { enumObject } from '../db/enums';

// The early-warning enumerations, each defined once: the values are the identifiers stored in
// Postgres and named in GraphQL; docs/early-warning.md describes each indicator. Free of
// type-graphql, since the drizzle schema imports this file (warning.type.ts registers them).

/**
 * The hub's own indicators (预警指标), seed 000 Art. 40, 001 Art. 45, 004 Art. 30. The
 * cardinal-rs indicators are not here: they run on OCDS files only (`hub warnings cardinal`).
 */
export const INDICATORS = [
  // Collusion (围标串标; Implementing Regulations of the Bidding Law, art. 40)
  'shared_fingerprint',
  'fingerprint_ring',
  // Price patterns
  'identical_prices',
  'regular_prices',
  'recurring_bidder_set',
  'win_near_control_price',
  'perpetual_loser',
  // Evaluation and disqualification
  'all_but_winner_disqualified',
  'lowest_bid_disqualified',
  'high_disqualification_rate',
  'winner_score_outlier',
  // Procedure
  'short_bid_period',
  'few_bidders_awarded',
  'late_bid_won',
  // Concentration and splitting
  'repeated_winner',
  'contract_splitting',
  'blacklisted_winner',
] as const;
export type Indicator = (typeof INDICATORS)[number];
export const Indicator = enumObject(INDICATORS);

export const SEVERITIES = ['low', 'medium', 'high'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const Severity = enumObject(SEVERITIES);

/**
 * A warning's review status. open → (assigned) → confirmed | dismissed | referred. A
 * dismissed warning stays, with its reason, so that the same evidence is not raised again.
 */
export const WARNING_STATUSES = ['open', 'assigned', 'confirmed', 'dismissed', 'referred'] as const;
export type WarningStatus = (typeof WARNING_STATUSES)[number];
export const WarningStatus = enumObject(WARNING_STATUSES);

/** `updated`: a later run found the same evidence grown (more bids, more projects) while the warning was still under review. */
export const WARNING_ACTIONS = ['raised', 'updated', 'assigned', 'commented', 'confirmed', 'dismissed', 'referred'] as const;
export type WarningAction = (typeof WARNING_ACTIONS)[number];
