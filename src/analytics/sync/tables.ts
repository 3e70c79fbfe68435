/**
 * How each analytics table is filled from Postgres: one SELECT per table, streamed out of
 * Postgres by COPY as CSV and into ClickHouse as CSV, so rows never become JavaScript
 * objects on the way (the sync's speed comes from this).
 *
 * `scope` narrows the base table `x`: everything (a rebuild) or the rows a set of batches
 * touched (incremental). COPY takes no bind parameters, so the only values inlined are the
 * sync version and batch ids, integers the hub produced itself (checked by `idList`).
 */

import { factTableName } from '../../ingestion/pipeline/rows.repository';
import type { FactType } from '../../ingestion/steps/shapes';

/**
 * The rows of a record type whose version a batch in `batches` wrote: the rows that name
 * the batch (a fact row is its record's head), and rows of held records of earlier batches
 * that a batch in `batches` released (they name the batch that delivered them). An entity
 * record's head is its row in entity_records.
 */
const headsOf = (type: FactType | 'entity', batches: string) => {
  const list = `'{${batches}}'::bigint[]`;
  if (type === 'entity') return `select entity_id from entity_records where batch_id = any(${list})`;
  const table = factTableName(type);
  return `select id from ${table} where batch_id = any(${list})
    union select r.id from held_records h join ${table} r on r.source_id = h.source_id and r.source_record_id = h.record_id
    where h.released_by_batch_id = any(${list}) and h.record_type = '${type}'`;
};

/** The projects a batch touched, directly or through a child record that feeds a project's figures. */
const projectsTouched = (batches: string) => `
  ${headsOf('project', batches)}
  union select b.project_id from bids b where b.id in (${headsOf('bid', batches)})
  union select a.project_id from awards a where a.id in (${headsOf('award', batches)})
  union select n.project_id from notices n where n.id in (${headsOf('notice', batches)})
  union select c.project_id from complaints c where c.id in (${headsOf('complaint', batches)})
  union select e.project_id from evaluation_committees e where e.id in (${headsOf('evaluation', batches)})`;

/** Rows of a project's children: their own new versions, and all of them when the project itself changed. */
const childrenTouched = (type: FactType, batches: string) => `x.id in (${headsOf(type, batches)}) or x.project_id in (${headsOf('project', batches)})`;

/** A region path as a ClickHouse array literal: '150000/152900' → ['150000','152900']. */
const pathArray = (column: string) => `coalesce('[''' || replace(${column}, '/', ''',''') || ''']', '[]')`;
const cstDate = (column: string) => `(${column} at time zone 'Asia/Shanghai')::date`;
/**
 * An amount in yuan, as statistics sum it: as it is in CNY, else converted by the rate of the
 * month it counts under (hub_in_yuan, migration 0011); null when that month has no rate, and
 * then left out of the sums and counted (docs/statistics.md, "Currencies").
 */
// Amounts in yuan are nearly all of them: they skip the function call (measured: the call on
// every row took the projects' copy from 22 s to 40 s at 1,000,000 projects).
const inYuan = (amount: string, currency: string, day: string) => `case when ${currency} = 'CNY' then ${amount} else hub_in_yuan(${amount}, ${currency}, ${day}) end`;
/** 1 when an amount was given but could not be put in yuan. */
const leftOut = (amount: string, currency: string, day: string) => `(${currency} <> 'CNY' and ${amount} is not null and hub_in_yuan(${amount}, ${currency}, ${day}) is null)::int`;

/** An instant as ClickHouse reads a DateTime64(3, 'UTC') in CSV; NULL stays NULL. */
const utcInstant = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')`;

export interface AnalyticsTable {
  /** The ClickHouse table, and the Postgres table it mirrors. */
  name: string;
  pgTable: string;
  /** The ClickHouse columns in the order the SELECT produces them. */
  columns: string[];
  select(version: number, where: string, batches: string | null): string;
  /**
   * Set for large child tables: Postgres sends only the row's own columns to a staging
   * table, and ClickHouse adds the project's dimensions from its own copy of the project
   * (synced earlier in the same round). Joining in Postgres cost three times the export.
   */
  staging?: { table: string; finish: string };
  /** The predicate on `x` for the rows the listed batches touched. */
  touched(batches: string): string;
  /** The rows whose amounts are in a currency other than yuan: copied again when exchange rates are loaded. */
  foreignAmounts?: string;
  /** Reconciliation: the day each row counts under and the amount summed, in both stores. */
  reconcile: { pgDay: string; chDay: string; pgSum: string | null; chSum: string | null };
}

const projectAggregates = (scope: string) => `
  left join (select project_id, case when bool_and(${inYuan('amount', 'currency', cstDate('awarded_at'))} is not null) then sum(${inYuan('amount', 'currency', cstDate('awarded_at'))}) end as total,
               max(${leftOut('amount', 'currency', cstDate('awarded_at'))}) as left_out, count(*) as n, min(${cstDate('awarded_at')}) as first_on
               from awards where ${scope} group by 1) a on a.project_id = x.id
  left join (select project_id, count(*) as n from bids where ${scope} group by 1) b on b.project_id = x.id
  left join (select project_id, count(*) as n from complaints where ${scope} group by 1) c on c.project_id = x.id
  left join (select project_id, max(is_remote::int) as remote from evaluation_committees where ${scope} group by 1) e on e.project_id = x.id
  left join (select project_id, min(${cstDate('published_at')}) as first_on from notices where ${scope} group by 1) n on n.project_id = x.id`;

export const ANALYTICS_TABLES: AnalyticsTable[] = [
  {
    name: 'entities',
    pgTable: 'entities',
    columns: ['entity_id', 'kind', 'uscc', 'name', 'region_code', 'region_path', 'sync_version'],
    // No personal ID numbers: a person's row carries neither code nor number here.
    select: (version, where) => `select x.id, x.kind, x.uscc, x.name, coalesce(x.registered_region_code, ''), ${pathArray('r.path')}, ${version}
      from entities x left join regions r on r.code = x.registered_region_code where ${where}`,
    touched: (batches) => `x.id in (${headsOf('entity', batches)}) or x.batch_id = any('{${batches}}'::bigint[])`,
    reconcile: { pgDay: 'null::date', chDay: 'toDate(0)', pgSum: null, chSum: null },
  },
  {
    name: 'projects',
    pgTable: 'projects',
    columns: [
      'project_id',
      'platform_code',
      'category_code',
      'region_code',
      'region_path',
      'registered_on',
      'bid_opening_at',
      'procurement_method',
      'initiator_id',
      'agency_id',
      'budget',
      'control_price',
      'must_tender',
      'award_total',
      'amount_left_out',
      'award_count',
      'bid_count',
      'complaint_count',
      'is_electronic',
      'is_remote_evaluation',
      'first_notice_on',
      'first_award_on',
      'sync_version',
    ],
    // The bid opening goes as an instant: whether bids are sealed is decided at query time.
    select: (version, where, batches) => `select x.id, pl.code, x.category_code, x.region_code, ${pathArray('r.path')}, ${cstDate('x.registered_at')},
        ${utcInstant('x.bid_opening_at')}, x.procurement_method, x.initiator_id, x.agency_id,
        ${inYuan('x.budget', 'x.currency', cstDate('x.registered_at'))}, ${inYuan('x.control_price', 'x.currency', cstDate('x.registered_at'))}, x.must_tender::int, a.total,
        greatest(${leftOut('x.budget', 'x.currency', cstDate('x.registered_at'))}, coalesce(a.left_out, 0)), coalesce(a.n, 0), coalesce(b.n, 0), coalesce(c.n, 0),
        x.is_electronic::int, coalesce(e.remote, 0), n.first_on, a.first_on, ${version}
      from projects x join platforms pl on pl.id = x.platform_id join regions r on r.code = x.region_code
      ${projectAggregates(batches === null ? 'true' : `project_id in (${projectsTouched(batches)})`)}
      where ${where}`,
    touched: (batches) => `x.id in (${projectsTouched(batches)})`,
    foreignAmounts: `x.currency <> 'CNY' or x.id in (select project_id from awards where currency <> 'CNY')`,
    reconcile: { pgDay: cstDate('registered_at'), chDay: 'registered_on', pgSum: inYuan('budget', 'currency', cstDate('registered_at')), chSum: 'budget' },
  },
  {
    name: 'bids',
    pgTable: 'bids',
    columns: [
      'bid_id',
      'project_id',
      'bidder_id',
      'lot_code',
      'price',
      'status',
      'score',
      'rank',
      'submitted_ms',
      'machine_code',
      'mac_address',
      'ip_address',
      'file_hash',
      'sync_version',
    ],
    // Prices, outcomes and fingerprints for early warning (docs/early-warning.md); sealed until
    // the opening at query time, as the counts are. The instant goes as epoch milliseconds:
    // Postgres formats an integer far faster than a timestamp or a date.
    select: (
      version,
      where,
    ) => `select x.id, x.project_id, x.bidder_id, coalesce(x.lot_code, ''), ${inYuan('x.price', 'x.currency', cstDate('x.submitted_at'))}, x.status, x.score, x.rank,
        (extract(epoch from x.submitted_at) * 1000)::bigint, x.machine_code, x.mac_address, x.ip_address, x.file_hash, ${version}
      from bids x where ${where}`,
    staging: {
      table: 'bids_staging',
      finish: `INSERT INTO bids (bid_id, project_id, bidder_id, lot_code, price, status, score, rank, platform_code, category_code, region_code, registered_on,
                                 submitted_on, submitted_at, machine_code, mac_address, ip_address, file_hash, bid_opening_at, sync_version)
        SELECT s.bid_id, s.project_id, s.bidder_id, s.lot_code, s.price, s.status, s.score, s.rank, p.platform_code, p.category_code, p.region_code, p.registered_on,
               toDate(fromUnixTimestamp64Milli(s.submitted_ms), 'Asia/Shanghai'), fromUnixTimestamp64Milli(s.submitted_ms), s.machine_code, s.mac_address, s.ip_address, s.file_hash,
               p.bid_opening_at, s.sync_version
          FROM bids_staging AS s
         INNER JOIN (SELECT project_id, platform_code, category_code, region_code, registered_on, bid_opening_at FROM projects FINAL
                      WHERE project_id IN (SELECT project_id FROM bids_staging)) AS p ON p.project_id = s.project_id`,
    },
    touched: (batches) => childrenTouched('bid', batches),
    foreignAmounts: `x.currency <> 'CNY'`,
    reconcile: { pgDay: cstDate('submitted_at'), chDay: 'submitted_on', pgSum: null, chSum: null },
  },
  {
    name: 'awards',
    pgTable: 'awards',
    columns: [
      'award_id',
      'project_id',
      'winner_id',
      'lot_code',
      'amount',
      'awarded_on',
      'platform_code',
      'category_code',
      'region_path',
      'registered_on',
      'winner_outside_league',
      'sync_version',
    ],
    // The league is the second step of a region path; a region-level project (150000) has
    // none, and then neither openness answer is known.
    select: (
      version,
      where,
    ) => `select x.id, x.project_id, x.winner_id, coalesce(x.lot_code, ''), ${inYuan('x.amount', 'x.currency', cstDate('x.awarded_at'))}, ${cstDate('x.awarded_at')}, pl.code, p.category_code, ${pathArray('r.path')},
        ${cstDate('p.registered_at')},
        case when split_part(r.path, '/', 2) = '' or split_part(wr.path, '/', 2) = '' then null
             else (split_part(r.path, '/', 2) <> split_part(wr.path, '/', 2))::int end,
        ${version}
      from awards x join projects p on p.id = x.project_id join platforms pl on pl.id = p.platform_id join regions r on r.code = p.region_code
      left join entities w on w.id = x.winner_id left join regions wr on wr.code = w.registered_region_code
      where ${where}`,
    touched: (batches) => childrenTouched('award', batches),
    foreignAmounts: `x.currency <> 'CNY'`,
    reconcile: { pgDay: cstDate('awarded_at'), chDay: 'awarded_on', pgSum: inYuan('amount', 'currency', cstDate('awarded_at')), chSum: 'amount' },
  },
  {
    name: 'contracts',
    pgTable: 'contracts',
    columns: ['contract_id', 'project_id', 'supplier_id', 'amount', 'signed_on', 'sync_version'],
    select: (version, where) => `select x.id, x.project_id, x.supplier_id, ${inYuan('x.amount', 'x.currency', cstDate('x.signed_at'))}, ${cstDate('x.signed_at')}, ${version}
      from contracts x where ${where}`,
    touched: (batches) => `x.id in (${headsOf('contract', batches)})`,
    foreignAmounts: `x.currency <> 'CNY'`,
    reconcile: { pgDay: cstDate('signed_at'), chDay: 'signed_on', pgSum: inYuan('amount', 'currency', cstDate('signed_at')), chSum: 'amount' },
  },
  {
    name: 'complaints',
    pgTable: 'complaints',
    columns: ['complaint_id', 'project_id', 'complainant_id', 'received_on', 'platform_code', 'category_code', 'region_path', 'registered_on', 'sync_version'],
    select: (version, where) => `select x.id, x.project_id, x.complainant_id, ${cstDate('x.received_at')}, pl.code, p.category_code, ${pathArray('r.path')},
        ${cstDate('p.registered_at')}, ${version}
      from complaints x join projects p on p.id = x.project_id join platforms pl on pl.id = p.platform_id join regions r on r.code = p.region_code
      where ${where}`,
    touched: (batches) => childrenTouched('complaint', batches),
    reconcile: { pgDay: cstDate('received_at'), chDay: 'received_on', pgSum: null, chSum: null },
  },
  {
    name: 'penalties',
    pgTable: 'penalties',
    columns: ['penalty_id', 'entity_id', 'decided_on', 'published_on', 'published_late_by', 'amount', 'region_path', 'sync_version'],
    select: (
      version,
      where,
    ) => `select x.id, x.entity_id, x.decided_on, x.published_on, x.published_late_by, ${inYuan('x.amount', 'x.currency', 'x.decided_on')}, ${pathArray('r.path')}, ${version}
      from penalties x join entities en on en.id = x.entity_id left join regions r on r.code = en.registered_region_code where ${where}`,
    touched: (batches) => `x.id in (${headsOf('penalty', batches)})`,
    foreignAmounts: `x.currency <> 'CNY'`,
    reconcile: { pgDay: 'decided_on', chDay: 'decided_on', pgSum: inYuan('amount', 'currency', 'decided_on'), chSum: 'amount' },
  },
  {
    name: 'blacklist_entries',
    pgTable: 'blacklist_entries',
    columns: ['entry_id', 'entity_id', 'list_type', 'starts_on', 'ends_on', 'removed_on', 'region_path', 'sync_version'],
    select: (version, where) => `select x.id, x.entity_id, x.list_type, x.starts_on, x.ends_on, x.removed_on, ${pathArray('r.path')}, ${version}
      from blacklist_entries x join entities en on en.id = x.entity_id left join regions r on r.code = en.registered_region_code where ${where}`,
    touched: (batches) => `x.id in (${headsOf('blacklist_entry', batches)})`,
    reconcile: { pgDay: 'starts_on', chDay: 'starts_on', pgSum: null, chSum: null },
  },
];

/** Batch ids as the inside of a Postgres array literal, refusing anything but integers. */
export function idList(ids: number[]): string {
  for (const id of ids) if (!Number.isSafeInteger(id) || id < 0) throw new Error(`not a batch id: ${id}`);
  return ids.join(',');
}
