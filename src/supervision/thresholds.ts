import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { CATEGORIES } from '../registry/reference-data';
import { PROCUREMENT_METHODS } from '../trading/trading.enums';

/**
 * The indicators' thresholds (docs/early-warning.md): defaults here, an operator's changes in
 * the thresholds file (WARNING_THRESHOLDS_FILE), read and checked once at start-up so that a
 * mistake stops the hub with every bad key named rather than mis-raising warnings all night.
 * `categories` overrides an indicator's settings for one trading category where the law
 * differs (the indicator then runs once for that category with them, once for the rest).
 */

const count = (fallback: number, min = 1) => z.number().int().min(min).max(1_000_000).default(fallback);
const share = (fallback: number) => z.number().min(0).max(1).default(fallback);
const yuan = (fallback: number) => z.number().positive().max(1e15).default(fallback);
const days = (fallback: number) => z.number().int().min(0).max(3650).default(fallback);
const categoryCode = z.enum(CATEGORIES.map((c) => c.code) as [string, ...string[]]);
const method = z.enum(PROCUREMENT_METHODS);
const on = { enabled: z.boolean().default(true) };

/** Per indicator; every object is strict, so a misspelt key is an error, not a silent default. */
export const INDICATOR_SETTINGS = {
  shared_fingerprint: z.strictObject({ ...on, minBidders: count(2, 2) }),
  fingerprint_ring: z.strictObject({ ...on, minBidders: count(2, 2), minProjects: count(3, 2) }),
  identical_prices: z.strictObject({ ...on, minBidders: count(2, 2) }),
  regular_prices: z.strictObject({ ...on, minBids: count(3, 3) }),
  recurring_bidder_set: z.strictObject({ ...on, minBidders: count(3, 2), minSections: count(3, 2) }),
  win_near_control_price: z.strictObject({ ...on, withinShare: share(0.01) }),
  perpetual_loser: z.strictObject({ ...on, minBids: count(20) }),
  all_but_winner_disqualified: z.strictObject({ ...on, minOthers: count(2) }),
  lowest_bid_disqualified: z.strictObject({ ...on, minBids: count(2, 2) }),
  high_disqualification_rate: z.strictObject({ ...on, minBids: count(20), minRate: share(0.3), fence: z.number().min(0).max(100).default(1.5) }),
  winner_score_outlier: z.strictObject({ ...on, minBids: count(3, 2), minGap: z.number().min(0).max(1000).default(10), fence: z.number().min(0).max(100).default(3) }),
  short_bid_period: z.strictObject({
    ...on,
    // 招标投标法 art. 24: not less than 20 days for projects that must be tendered.
    mustTenderDays: days(20),
    // 政府采购法实施条例, 政府采购竞争性磋商采购方式管理暂行办法, 非招标采购方式管理办法.
    byMethod: z.partialRecord(method, days(0)).default({ open_tender: 20, invited_tender: 20, competitive_consultation: 10, competitive_negotiation: 3, inquiry: 3 }),
  }),
  few_bidders_awarded: z.strictObject({ ...on, minBidders: count(3, 2), methods: z.array(method).min(1).default(['open_tender', 'invited_tender']) }),
  late_bid_won: z.strictObject({ ...on }),
  repeated_winner: z.strictObject({ ...on, maxPerYear: count(5) }),
  contract_splitting: z.strictObject({
    ...on,
    // 必须招标的工程项目规定 (国家发改委令第16号) art. 5: a construction contract of 4,000,000 yuan or more.
    thresholdYuan: yuan(4_000_000),
    windowDays: days(90),
    categories: z.array(categoryCode).min(1).default(['construction']),
    tenderMethods: z.array(method).min(1).default(['open_tender', 'invited_tender']),
  }),
  // 政府采购法 art. 22 (五) and 实施条例 art. 19: a major illegal record in the three years
  // before; 较大数额罚款 is 2,000,000 yuan or more (财政部, 2022). Smaller penalties do not bar.
  blacklisted_winner: z.strictObject({ ...on, penaltyYears: z.number().int().min(0).max(10).default(3), penaltyMinYuan: z.number().min(0).max(1e15).default(2_000_000) }),
} as const;

type SettingsShape = typeof INDICATOR_SETTINGS;
export type IndicatorSettings = { [K in keyof SettingsShape]: z.output<SettingsShape[K]> };

// Built from the table above; the casts only restate the shapes TypeScript cannot map through zod's generics.
const indicatorsSchema = z.strictObject(
  Object.fromEntries(Object.entries(INDICATOR_SETTINGS as Record<string, z.ZodObject>).map(([k, v]) => [k, v.prefault({})])),
) as unknown as z.ZodType<IndicatorSettings>;
const partialIndicators = z.strictObject(
  Object.fromEntries(Object.entries(INDICATOR_SETTINGS as Record<string, z.ZodObject>).map(([k, v]) => [k, v.partial().optional()])),
) as unknown as z.ZodType<{
  [K in keyof IndicatorSettings]?: Partial<IndicatorSettings[K]>;
}>;

const fileSchema = z.strictObject({
  // How long supervisors have to review a warning.
  reviewDays: z.number().int().min(1).max(3650).default(30),
  fingerprints: z
    .strictObject({
      // Values platforms send for "none": never a shared fingerprint.
      placeholders: z
        .array(z.string())
        .default(['', '-', '--', '/', '无', '暂无', '空', 'null', 'none', 'n/a', 'na', 'unknown', '0', '0.0.0.0', '127.0.0.1', '00:00:00:00:00:00', '000000000000']),
      // Per platform code: addresses and machines shared by everyone there (kiosks in the trading hall, NAT).
      allowList: z.record(z.string().regex(/^P\d{6}$/, 'a platform code such as P150100'), z.array(z.string().min(1))).default({}),
    })
    .prefault({}),
  indicators: indicatorsSchema.prefault({}),
  categories: z.partialRecord(categoryCode, partialIndicators).default({}),
});

export type Thresholds = z.output<typeof fileSchema>;

export class ThresholdsError extends Error {}

export const DEFAULT_THRESHOLDS: Thresholds = fileSchema.parse({});

/** Checks a thresholds object; every problem names its key. */
export function parseThresholds(json: unknown, source = 'thresholds'): Thresholds {
  const parsed = fileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  throw new ThresholdsError(`${source}: invalid early-warning thresholds:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(file)'}: ${i.message}`).join('\n')}`);
}

/**
 * Reads the thresholds file at start-up (with the rest of the configuration, so that every
 * entry point checks it before it starts anything); an absent file leaves every default.
 */
export function loadThresholds(file: string): Thresholds {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return DEFAULT_THRESHOLDS;
    throw new ThresholdsError(`${file}: cannot be read: ${(error as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ThresholdsError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  return parseThresholds(json, file);
}

/** An indicator's settings for one category: the category's overrides over the indicator's own. */
export function settingsFor<K extends keyof IndicatorSettings>(t: Thresholds, indicator: K, category: string | null): IndicatorSettings[K] {
  const base = t.indicators[indicator];
  const override = category ? t.categories[category as keyof Thresholds['categories']]?.[indicator] : undefined;
  return { ...base, ...override };
}

/** The categories with their own settings for an indicator. */
export function overriddenCategories(t: Thresholds, indicator: keyof IndicatorSettings): string[] {
  return Object.entries(t.categories)
    .filter(([, o]) => o?.[indicator] !== undefined)
    .map(([c]) => c);
}
