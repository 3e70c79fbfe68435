import { registerEnumType } from 'type-graphql';
import { bidsOpened } from './sealed-bids';

/**
 * The statistics a policy maker can ask for. Each one's exact definition is in
 * docs/statistics.md; the SQL below is that definition, and test/statistics.test.ts checks
 * each against plain SQL over Postgres.
 */
export enum Measure {
  PROJECTS = 'PROJECTS',
  BUDGET_TOTAL = 'BUDGET_TOTAL',
  AWARD_TOTAL = 'AWARD_TOTAL',
  SAVINGS_RATE = 'SAVINGS_RATE',
  AMOUNTS_LEFT_OUT = 'AMOUNTS_LEFT_OUT',
  BIDS_PER_PROJECT = 'BIDS_PER_PROJECT',
  SINGLE_BID_SHARE = 'SINGLE_BID_SHARE',
  CROSS_REGION_WIN_SHARE = 'CROSS_REGION_WIN_SHARE',
  ELECTRONIC_SHARE = 'ELECTRONIC_SHARE',
  REMOTE_EVALUATION_SHARE = 'REMOTE_EVALUATION_SHARE',
  COMPLAINTS_PER_100_PROJECTS = 'COMPLAINTS_PER_100_PROJECTS',
  AVG_DAYS_NOTICE_TO_AWARD = 'AVG_DAYS_NOTICE_TO_AWARD',
  PENALTIES = 'PENALTIES',
  PENALTIES_PUBLISHED_ON_TIME_SHARE = 'PENALTIES_PUBLISHED_ON_TIME_SHARE',
  ACTIVE_BLACKLIST_ENTRIES = 'ACTIVE_BLACKLIST_ENTRIES',
  JOINT_RESTRICTION_FLAGS = 'JOINT_RESTRICTION_FLAGS',
  WARNINGS = 'WARNINGS',
}
registerEnumType(Measure, {
  name: 'Measure',
  description: 'A statistic; docs/statistics.md defines each exactly.',
  valuesConfig: {
    PROJECTS: { description: 'Projects registered in the period.' },
    BUDGET_TOTAL: { description: "Sum of budgets of projects registered in the period, yuan (other currencies converted at their month's rate)." },
    AWARD_TOTAL: { description: "Sum of award amounts of projects registered in the period, yuan (other currencies converted at their month's rate)." },
    SAVINGS_RATE: { description: '1 - award total / budget total, over projects with both a budget (> 0) and an award.' },
    AMOUNTS_LEFT_OUT: {
      description:
        'Projects registered in the period whose budget or an award is in a currency with no exchange rate for its month: their amounts are left out of BUDGET_TOTAL, AWARD_TOTAL and SAVINGS_RATE.',
    },
    BIDS_PER_PROJECT: { description: 'Bids received per project, over projects with at least one bid; bids count from their bid opening on (开标).' },
    SINGLE_BID_SHARE: { description: 'Share of projects with exactly one bid, over projects with at least one bid; bids count from their bid opening on (开标).' },
    CROSS_REGION_WIN_SHARE: { description: 'Share of awards won by entities registered in another league or city than the project (seed 000 Art. 42).' },
    ELECTRONIC_SHARE: { description: 'Share of projects traded fully electronically (seed 000 Art. 12).' },
    REMOTE_EVALUATION_SHARE: { description: 'Share of projects with a remote (远程异地) evaluation (seed 000 Art. 20).' },
    COMPLAINTS_PER_100_PROJECTS: { description: 'Complaints about projects registered in the period, per 100 projects.' },
    AVG_DAYS_NOTICE_TO_AWARD: { description: 'Average days from first notice to first award, over projects with both.' },
    PENALTIES: { description: "Administrative penalties decided in the period (region: the entity's)." },
    PENALTIES_PUBLISHED_ON_TIME_SHARE: { description: 'Share of penalties decided in the period and published within 7 working days (seed 004 Art. 24).' },
    WARNINGS: {
      description: 'Warnings of abnormal trading raised for projects registered in the period (early warning, docs/early-warning.md), whatever their review status; counts only.',
    },
    ACTIVE_BLACKLIST_ENTRIES: { description: "Blacklist entries in force on the last day of the period (region: the entity's)." },
    JOINT_RESTRICTION_FLAGS: {
      description: 'Bids and awards of projects registered in the period made by entities blacklisted on the day (joint restriction); bids count from their bid opening on (开标).',
    },
  },
});

export enum Dimension {
  REGION = 'REGION',
  CATEGORY = 'CATEGORY',
  PLATFORM = 'PLATFORM',
  PERIOD = 'PERIOD',
}
registerEnumType(Dimension, { name: 'Dimension', description: 'What the figures are broken down by.' });

export enum Granularity {
  DAY = 'DAY',
  MONTH = 'MONTH',
  QUARTER = 'QUARTER',
  YEAR = 'YEAR',
}
registerEnumType(Granularity, { name: 'Granularity', description: 'The length of a period when breaking down by PERIOD.' });

export enum BreakdownLevel {
  REGION = 'REGION',
  LEAGUE = 'LEAGUE',
  COUNTY = 'COUNTY',
}
registerEnumType(BreakdownLevel, {
  name: 'BreakdownLevel',
  description:
    'REGION: the autonomous region; LEAGUE: leagues and cities (盟市); COUNTY: banners, counties and development zones. A project placed higher than the level asked counts under its own region.',
});

/** The table a measure is computed from: measures of one fact share one query. */
export type Fact = 'projects' | 'awards' | 'penalties' | 'blacklist' | 'flags' | 'warnings';

export interface MeasureDefinition {
  fact: Fact;
  /** ClickHouse aggregate over the fact table; a result NULL means "no data to compute it". */
  sql: string;
  kind: 'count' | 'amount' | 'ratio' | 'average';
}

/** A project's bids, or 0 while they are sealed: its bidder count is confidential until opening. */
const OPENED_BIDS = `if(${bidsOpened('bid_opening_at')}, bid_count, 0)`;

const share = (condition: string, over: string) => `if(countIf(${over}) = 0, NULL, countIf(${condition} AND ${over}) / countIf(${over}))`;

export const MEASURES: Record<Measure, MeasureDefinition> = {
  PROJECTS: { fact: 'projects', kind: 'count', sql: 'count()' },
  BUDGET_TOTAL: { fact: 'projects', kind: 'amount', sql: 'toString(toDecimal128(sumOrNull(budget), 2))' },
  AWARD_TOTAL: { fact: 'projects', kind: 'amount', sql: 'toString(toDecimal128(sumOrNull(award_total), 2))' },
  SAVINGS_RATE: {
    fact: 'projects',
    kind: 'ratio',
    sql: `if(sumIf(budget, budget > 0 AND award_total IS NOT NULL) = 0, NULL,
            1 - toFloat64(sumIf(award_total, budget > 0 AND award_total IS NOT NULL)) / toFloat64(sumIf(budget, budget > 0 AND award_total IS NOT NULL)))`,
  },
  AMOUNTS_LEFT_OUT: { fact: 'projects', kind: 'count', sql: 'countIf(amount_left_out = 1)' },
  BIDS_PER_PROJECT: {
    fact: 'projects',
    kind: 'average',
    sql: `if(countIf(${OPENED_BIDS} > 0) = 0, NULL, sumIf(${OPENED_BIDS}, ${OPENED_BIDS} > 0) / countIf(${OPENED_BIDS} > 0))`,
  },
  SINGLE_BID_SHARE: { fact: 'projects', kind: 'ratio', sql: share(`${OPENED_BIDS} = 1`, `${OPENED_BIDS} > 0`) },
  CROSS_REGION_WIN_SHARE: { fact: 'awards', kind: 'ratio', sql: share('winner_outside_league = 1', 'winner_outside_league IS NOT NULL') },
  ELECTRONIC_SHARE: { fact: 'projects', kind: 'ratio', sql: 'if(count() = 0, NULL, avg(is_electronic))' },
  REMOTE_EVALUATION_SHARE: { fact: 'projects', kind: 'ratio', sql: 'if(count() = 0, NULL, avg(is_remote_evaluation))' },
  COMPLAINTS_PER_100_PROJECTS: { fact: 'projects', kind: 'average', sql: 'if(count() = 0, NULL, 100 * sum(complaint_count) / count())' },
  AVG_DAYS_NOTICE_TO_AWARD: {
    fact: 'projects',
    kind: 'average',
    sql: `avgOrNullIf(dateDiff('day', assumeNotNull(first_notice_on), assumeNotNull(first_award_on)), first_notice_on IS NOT NULL AND first_award_on IS NOT NULL)`,
  },
  PENALTIES: { fact: 'penalties', kind: 'count', sql: 'count()' },
  PENALTIES_PUBLISHED_ON_TIME_SHARE: { fact: 'penalties', kind: 'ratio', sql: share('published_on IS NOT NULL AND coalesce(published_late_by, 0) <= 0', '1') },
  JOINT_RESTRICTION_FLAGS: { fact: 'flags', kind: 'count', sql: 'uniqExact(kind, record_id)' },
  WARNINGS: { fact: 'warnings', kind: 'count', sql: 'count()' },
  ACTIVE_BLACKLIST_ENTRIES: {
    fact: 'blacklist',
    kind: 'count',
    // `bucket` is (first day, last day) of the period, joined in by the statistics query.
    sql: `countIf(starts_on <= tupleElement(bucket, 2) AND (ends_on IS NULL OR ends_on >= tupleElement(bucket, 2))
            AND (removed_on IS NULL OR removed_on > tupleElement(bucket, 2)))`,
  },
};

/**
 * Bids and awards joined with the blacklist entries in force against their party on the
 * day (joint restriction), with their project's dimensions: one row per (record, entry).
 * Bids of a project count from its bid opening on; awards are public results (000 Art. 21).
 */
const FLAGS = `(
  SELECT x.kind AS kind, x.record_id AS record_id, p.region_path AS region_path, p.category_code AS category_code,
         p.platform_code AS platform_code, p.registered_on AS registered_on
    FROM (SELECT 'bid' AS kind, bid_id AS record_id, project_id, bidder_id AS entity_id, submitted_on AS day FROM bids FINAL
          UNION ALL
          SELECT 'award', award_id, project_id, assumeNotNull(winner_id), awarded_on FROM awards FINAL WHERE winner_id IS NOT NULL) AS x
    INNER JOIN (SELECT entity_id, starts_on, ends_on, removed_on FROM blacklist_entries FINAL) AS e ON e.entity_id = x.entity_id
    INNER JOIN (SELECT project_id, region_path, category_code, platform_code, registered_on, bid_opening_at FROM projects FINAL) AS p ON p.project_id = x.project_id
   WHERE e.starts_on <= x.day AND (e.ends_on IS NULL OR e.ends_on >= x.day) AND (e.removed_on IS NULL OR e.removed_on > x.day)
     AND (x.kind = 'award' OR ${bidsOpened('p.bid_opening_at')}))`;

/** Per fact: what to read (a table, read with FINAL, or a subquery), the date a row counts under, and its filters. */
export const FACTS: Record<Fact, { table: string; date: string; hasCategoryAndPlatform: boolean }> = {
  flags: { table: FLAGS, date: 'registered_on', hasCategoryAndPlatform: true },
  projects: { table: 'projects FINAL', date: 'registered_on', hasCategoryAndPlatform: true },
  // Awards count with their project's registration, like every project measure.
  awards: { table: 'awards FINAL', date: 'registered_on', hasCategoryAndPlatform: true },
  penalties: { table: 'penalties FINAL', date: 'decided_on', hasCategoryAndPlatform: false },
  blacklist: { table: 'blacklist_entries FINAL', date: 'starts_on', hasCategoryAndPlatform: false },
  // A warning counts under its project's registration day, like every project measure.
  warnings: { table: 'warnings FINAL', date: 'occurred_on', hasCategoryAndPlatform: true },
};
