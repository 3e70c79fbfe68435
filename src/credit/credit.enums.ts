import { enumObject } from '../db/enums';

/** 失信名单, 严重违法失信名单, 市场禁入, 政府采购禁入: the blacklist_entries.list_type values. */
export const BLACKLIST_TYPES = ['dishonest', 'serious_dishonest', 'market_ban', 'government_procurement_ban'] as const;
export type BlacklistType = (typeof BLACKLIST_TYPES)[number];
export const BlacklistType = enumObject(BLACKLIST_TYPES);

/** 守信激励 or 失信惩戒: the credit_records.polarity values. */
export const CREDIT_POLARITIES = ['positive', 'negative'] as const;
export type CreditPolarity = (typeof CREDIT_POLARITIES)[number];
export const CreditPolarity = enumObject(CREDIT_POLARITIES);
