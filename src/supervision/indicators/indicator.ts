import { z } from 'zod';
import type { Indicator, Severity } from '../supervision.enums';
import type { IndicatorSettings, Thresholds } from '../thresholds';

/**
 * An indicator is one ClickHouse query over the analytics store (one file each, beside this
 * one) that returns candidate warnings in one row shape, and a line that says each in Chinese.
 * The engine (warning-run.service.ts) runs it in full or over the projects synced since the
 * last run, and raises the candidates in Postgres.
 */
export interface IndicatorDefinition<K extends Indicator & keyof IndicatorSettings = Indicator & keyof IndicatorSettings> {
  indicator: K;
  /** Raised when the rule changes meaning, so that a warning says which rule raised it. */
  ruleVersion: number;
  /** Whether the indicator reads one category at a time (and so honours category overrides). */
  perCategory: boolean;
  /** The query: its SQL reads the parameters of `queryParams` and the scope's. */
  sql: string;
  queryParams(settings: IndicatorSettings[K], thresholds: Thresholds): Record<string, unknown>;
  summary(evidence: Record<string, unknown>): string;
}

/** Every indicator's rows: what to raise, where, about whom, and why. */
export const candidateRow = z.object({
  /** What triggered it, unique within the indicator: the same key is the same warning. */
  key: z.string(),
  severity: z.enum(['low', 'medium', 'high']),
  project_id: z.coerce.number(),
  /** The section within the main project, by lot code; '' for the whole project or several. */
  lot_code: z.string(),
  project_ids: z.array(z.coerce.number()),
  entity_ids: z.array(z.coerce.number()),
  /** JSON, built by the query (toJSONString), so amounts keep their decimals as strings. */
  evidence: z.string(),
});
export type CandidateRow = z.infer<typeof candidateRow>;

export interface Candidate {
  indicator: Indicator;
  ruleVersion: number;
  thresholds: Record<string, unknown>;
  evidenceKey: string;
  severity: Severity;
  projectId: number;
  lotCode: string | null;
  projectIds: number[];
  entityIds: number[];
  evidence: Record<string, unknown>;
  summary: string;
}

/**
 * How much an indicator reads. `since`: only sections and entities of projects whose
 * analytics copy is newer than this sync version (the incremental run after a sync); null,
 * everything. `categories`: only these (`include`) or all but these (the default group when
 * some categories have settings of their own).
 */
export interface IndicatorScope {
  since: number | null;
  categories: { include: boolean; codes: string[] };
}

/**
 * Scope conditions the queries splice in: `{since}` and `{cats}` are bound parameters, never
 * pasted values. A section's bids are read only past its project's bid opening (开标), as
 * every analytics figure over bids is (src/analytics/sealed-bids.ts).
 */
export const TOUCHED = `(SELECT project_id FROM projects WHERE sync_version > {since:UInt64})`;
export const inScope = (project: string) => `({since:UInt64} = 0 OR ${project} IN ${TOUCHED})`;
/** For evidence spanning projects (a ring, a split, a year's awards): any of them touched. */
export const spansTouched = (projects: string) => `({since:UInt64} = 0 OR hasAny(${projects}, (SELECT groupArray(project_id) FROM ${TOUCHED})))`;
export const inCategories = (category: string) => `(has({cats:Array(String)}, ${category}) = {include:Bool})`;
/**
 * The (category, year) pairs of the projects synced since `{since}` (all when 0): a fence
 * over a category and year moves only when one of its projects changed, so an incremental
 * run computes those alone.
 */
export const inTouchedCategoryYears = (category: string, day: string) =>
  `({since:UInt64} = 0 OR (${category}, toYear(${day})) IN (SELECT category_code, toYear(registered_on) FROM projects WHERE sync_version > {since:UInt64}))`;
export const OPENED = `coalesce(bid_opening_at <= {now:DateTime64(3, 'UTC')}, false)`;

/** A project's section: its lot code, or '' (the whole project) when bids name none. */
export const SECTION = 'lot_code';

/**
 * The opened bids the section indicators read, with the fingerprints normalised (trimmed,
 * lower case, a MAC without separators) and placeholders (`-`, `无`, `暂无` …) and values on
 * the platform's allow-list (kiosks, NAT) turned to NULL.
 */
const fp = (value: string) => `if(isNull(${value}) OR has({placeholders:Array(String)}, lower(trimBoth(${value})))
  OR has({allowed:Array(String)}, concat(platform_code, '|', lower(trimBoth(${value})))), NULL, lower(trimBoth(${value})))`;
export const openedBids = (scoped = true) => `(
  SELECT bid_id, project_id, ${SECTION} AS lot, bidder_id, price, status, score, submitted_at, bid_opening_at, platform_code, category_code, registered_on,
         ${fp('machine_code')} AS machine, ${fp("replaceRegexpAll(mac_address, '[-:. ]', '')")} AS mac, ${fp('ip_address')} AS ip, ${fp('file_hash')} AS file
    FROM bids FINAL
   WHERE ${OPENED} AND ${inCategories('category_code')}${scoped ? ` AND ${inScope('project_id')}` : ''}
)`;
export const OPENED_BIDS = openedBids();

/** Each opened bid's fingerprints as rows (kind, value), placeholders and allowed values left out. */
export const fingerprintsOf = (bids: string) => `(
  SELECT bid_id, project_id, lot, bidder_id, kind, value FROM ${bids}
   ARRAY JOIN ['machine', 'mac', 'ip', 'file'] AS kind, [machine, mac, ip, file] AS value
   WHERE value IS NOT NULL
)`;

/** The fingerprint parameters: placeholders and each platform's allowed values, normalised as OPENED_BIDS compares them. */
export function fingerprintParams(t: Thresholds): Record<string, unknown> {
  const norm = (v: string) => v.trim().toLowerCase();
  return {
    placeholders: t.fingerprints.placeholders.map(norm),
    allowed: Object.entries(t.fingerprints.allowList).flatMap(([platform, values]) =>
      values.flatMap((v) => [`${platform}|${norm(v)}`, `${platform}|${norm(v).replace(/[-:. ]/g, '')}`]),
    ),
  };
}

/** The awards with their section, as the section indicators join them. */
export const AWARDS = `(SELECT project_id, ${SECTION} AS lot, winner_id, amount, awarded_on, registered_on FROM awards FINAL WHERE winner_id IS NOT NULL)`;

/** The opened projects, for indicators over a project's own facts. */
export const OPENED_PROJECTS = `(
  SELECT project_id, platform_code, category_code, region_code, registered_on, bid_opening_at, procurement_method, initiator_id, agency_id, budget, control_price,
         must_tender, first_notice_on, bid_count
    FROM projects FINAL
   WHERE ${inCategories('category_code')} AND ${inScope('project_id')}
)`;
