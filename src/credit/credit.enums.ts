import { enumObject } from '../db/enums';

/** 失信名单, 严重违法失信名单, 市场禁入, 政府采购禁入: the blacklist_entries.list_type values. */
export const BLACKLIST_TYPES = ['dishonest', 'serious_dishonest', 'market_ban', 'government_procurement_ban'] as const;
export type BlacklistType = (typeof BLACKLIST_TYPES)[number];
export const BlacklistType = enumObject(BLACKLIST_TYPES);

/** 守信激励 or 失信惩戒: the credit_records.polarity values. */
export const CREDIT_POLARITIES = ['positive', 'negative'] as const;
export type CreditPolarity = (typeof CREDIT_POLARITIES)[number];
export const CreditPolarity = enumObject(CREDIT_POLARITIES);

// Pushed and stored, not (yet) served over GraphQL: a tuple and its type are enough.

/** 合格, 发现问题, 移交处理: the result of a spot check (双随机、一公开). */
export const SPOT_CHECK_RESULTS = ['compliant', 'issues_found', 'referred'] as const;
export type SpotCheckResult = (typeof SPOT_CHECK_RESULTS)[number];

/** 优秀, 良好, 一般, 差: a conduct record's rating of an agency or expert. */
export const CONDUCT_RATINGS = ['excellent', 'good', 'fair', 'poor'] as const;
export type ConductRating = (typeof CONDUCT_RATINGS)[number];
