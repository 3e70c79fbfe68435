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
 * A section as one integer, which the section indicators group and join by: a project id and
 * a string as a key group several times slower than one 64-bit hash of both.
 */
const SECTION_KEY = `cityHash64(project_id, ${SECTION})`;

/**
 * A fingerprint as the indicators compare it: its key, the hash of the normalised value
 * (trimmed, lower case, a MAC without separators; migration 0008), 0 when absent, a
 * placeholder (`-`, `无`, `暂无` …) or on the platform's allow-list (kiosks, NAT). Integers,
 * so that ten million bids group fast; the values are read back only for what is shared.
 * The lists are hashed once into sets (IN a subquery): a has() over an array mapped per row
 * cost a second per ten million bids and kind.
 */
const fpKey = (key: string) => `if(${key} = 0 OR ${key} IN (SELECT cityHash64(arrayJoin({placeholders:Array(String)})))
  OR (platform_code, ${key}) IN (SELECT a[1], cityHash64(a[2]) FROM (SELECT arrayJoin({allowed:Array(Array(String))}) AS a)), 0, ${key})`;

/** The opened bids the section indicators read, with their fingerprint keys. */
export const openedBids = (scoped = true) => `(
  SELECT bid_id, project_id, ${SECTION} AS lot, ${SECTION_KEY} AS section, bidder_id, price, status, score, submitted_at, bid_opening_at, platform_code, category_code, registered_on,
         ${fpKey('machine_key')} AS machine, ${fpKey('mac_key')} AS mac, ${fpKey('ip_key')} AS ip, ${fpKey('file_key')} AS file,
         machine_code, mac_address, ip_address, file_hash
    FROM bids FINAL
   WHERE ${OPENED} AND ${inCategories('category_code')}${scoped ? ` AND ${inScope('project_id')}` : ''}
)`;
export const OPENED_BIDS = openedBids();

const KINDS = ['machine', 'mac', 'ip', 'file'] as const;
type FingerprintKind = (typeof KINDS)[number];
const eachKind = (select: (kind: FingerprintKind) => string) => `(${KINDS.map(select).join('\n UNION ALL ')})`;

/** The normalised value of a kind of fingerprint, as its key hashes it (migration 0008). */
const VALUE = {
  machine: 'lower(trimBoth(assumeNotNull(machine_code)))',
  mac: "lower(replaceRegexpAll(assumeNotNull(mac_address), '[-:. ]', ''))",
  ip: 'lower(trimBoth(assumeNotNull(ip_address)))',
  file: 'lower(trimBoth(assumeNotNull(file_hash)))',
};

/**
 * Each opened bid's fingerprints as rows (kind, key, value), placeholders and allowed values
 * left out, and only the keys under two or more different bidders among `among` (`having`
 * narrows further; `seenIn`, a condition on the kind's key column, must hold too). Grouped
 * by the key alone, which a firm uses for all its own bids, so the groups are few and the
 * rows looked at closer (and whose strings are read) fewer still. One pass per kind, not an
 * ARRAY JOIN: four narrow scans are several times faster than one table four times as long.
 */
export const sharedFingerprintsOf = (bids: string, among: string, having = '', seenIn?: (kind: FingerprintKind) => string) =>
  eachKind(
    (kind) => `SELECT bid_id, project_id, lot, section, bidder_id, '${kind}' AS kind, ${kind} AS key, ${VALUE[kind]} AS value FROM ${bids}
   WHERE ${kind} IN (SELECT ${kind} FROM ${among} WHERE ${kind} <> 0${seenIn ? ` AND ${seenIn(kind)}` : ''}
                      GROUP BY ${kind} HAVING min(bidder_id) <> max(bidder_id)${having})`,
  );

/**
 * The fingerprint parameters: placeholders and each platform's allowed values, normalised
 * as the keys are (a MAC also without its separators), for OPENED_BIDS to hash and compare.
 */
export function fingerprintParams(t: Thresholds): Record<string, unknown> {
  const norm = (v: string) => v.trim().toLowerCase();
  const forms = (v: string) => [...new Set([norm(v), norm(v).replace(/[-:. ]/g, '')])];
  return {
    placeholders: t.fingerprints.placeholders.flatMap(forms),
    allowed: Object.entries(t.fingerprints.allowList).flatMap(([platform, values]) => values.flatMap((v) => forms(v).map((f) => [platform, f]))),
  };
}

/** The awards with their section, as the section indicators join them. */
export const AWARDS = `(SELECT project_id, ${SECTION} AS lot, ${SECTION_KEY} AS section, winner_id, amount, awarded_on, registered_on FROM awards FINAL WHERE winner_id IS NOT NULL)`;

/** The opened projects, for indicators over a project's own facts. */
export const OPENED_PROJECTS = `(
  SELECT project_id, platform_code, category_code, region_code, registered_on, bid_opening_at, procurement_method, initiator_id, agency_id, budget, control_price,
         must_tender, first_notice_on, bid_count
    FROM projects FINAL
   WHERE ${inCategories('category_code')} AND ${inScope('project_id')}
)`;
