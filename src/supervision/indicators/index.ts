import type { Indicator } from '../supervision.enums';
import { allButWinnerDisqualified } from './all-but-winner-disqualified.query';
import { blacklistedWinner } from './blacklisted-winner.query';
import { contractSplitting } from './contract-splitting.query';
import { fewBiddersAwarded } from './few-bidders-awarded.query';
import { fingerprintRing } from './fingerprint-ring.query';
import { highDisqualificationRate } from './high-disqualification-rate.query';
import { identicalPrices } from './identical-prices.query';
import type { IndicatorDefinition } from './indicator';
import { lateBidWon } from './late-bid-won.query';
import { lowestBidDisqualified } from './lowest-bid-disqualified.query';
import { perpetualLoser } from './perpetual-loser.query';
import { recurringBidderSet } from './recurring-bidder-set.query';
import { regularPrices } from './regular-prices.query';
import { repeatedWinner } from './repeated-winner.query';
import { sharedFingerprint } from './shared-fingerprint.query';
import { shortBidPeriod } from './short-bid-period.query';
import { winNearControlPrice } from './win-near-control-price.query';
import { winnerScoreOutlier } from './winner-score-outlier.query';

/** Every indicator, in the order of docs/early-warning.md; the test checks none is missing. */
export const INDICATOR_DEFINITIONS: Record<Indicator, IndicatorDefinition> = {
  shared_fingerprint: sharedFingerprint,
  fingerprint_ring: fingerprintRing,
  identical_prices: identicalPrices,
  regular_prices: regularPrices,
  recurring_bidder_set: recurringBidderSet,
  win_near_control_price: winNearControlPrice,
  perpetual_loser: perpetualLoser,
  all_but_winner_disqualified: allButWinnerDisqualified,
  lowest_bid_disqualified: lowestBidDisqualified,
  high_disqualification_rate: highDisqualificationRate,
  winner_score_outlier: winnerScoreOutlier,
  short_bid_period: shortBidPeriod,
  few_bidders_awarded: fewBiddersAwarded,
  late_bid_won: lateBidWon,
  repeated_winner: repeatedWinner,
  contract_splitting: contractSplitting,
  blacklisted_winner: blacklistedWinner,
} as Record<Indicator, IndicatorDefinition>;
