/**
 * The analytics tables on a ClickHouse cluster (CLICKHOUSE_CLUSTER).
 *
 * The migrations are written once, for one node. On a cluster every table becomes two:
 * - `name_local` on every node, holding that shard's rows: `Replicated…MergeTree` on a
 *   server, so each shard's replicas keep one another's copies (through ClickHouse Keeper);
 * - `name`, a `Distributed` table over the `_local` tables of every shard, which the hub
 *   reads and writes by the same name as on one node, so no query changes.
 *
 * Rows go to a shard by a hash of the table's sort key, which is the key ReplacingMergeTree
 * replaces by: every version of a row lands on the same shard, so `FINAL` (which collapses
 * versions within a shard only) stays correct. A plain MergeTree (the bids' staging table)
 * is sharded by its sort key too, `project_id`, the key the projects are sharded by.
 *
 * The embedded engine (chdb) has neither Keeper nor `ON CLUSTER`: there the local tables are
 * plain and each statement runs on the one node, which is how the tests prove the read and
 * write paths through `Distributed` tables on a one-shard local cluster.
 */
export interface ClusterLayout {
  /** The cluster's name in the servers' `remote_servers`. */
  name: string;
  /** Replicated engines and `ON CLUSTER` (a server); plain local tables on one node (the embedded engine). */
  replicated: boolean;
}

/** The suffix of a shard's own table behind each Distributed table. */
export const LOCAL_SUFFIX = '_local';

/**
 * Session settings every query on a cluster needs:
 * - a join or IN over a second Distributed table gathers it once on the initiator and ships
 *   it to every shard (GLOBAL): the hub's joins are not all on the sharding key;
 * - an insert through a Distributed table returns once every shard has the rows, so a sync
 *   round never records a version the shards do not hold yet;
 * - inserts are deduplicated by the token each carries (a retried chunk is written once).
 */
export const CLUSTER_SETTINGS = {
  distributed_product_mode: 'global',
  distributed_foreground_insert: 1,
  insert_deduplicate: 1,
} as const;

const CREATE = /^CREATE TABLE IF NOT EXISTS (\w+) \(([\s\S]+)\)\s*ENGINE = (\w+)(?:\(([^)]*)\))?\s+ORDER BY (\w+)\s*$/;
const ALTER = /^ALTER TABLE (\w+) ((ADD|DROP) COLUMN IF (?:NOT )?EXISTS [\s\S]+)$/;

/** ` ON CLUSTER name` on a server; nothing on the embedded engine, which runs each statement on its one node. */
const onCluster = (layout: ClusterLayout) => (layout.replicated ? ` ON CLUSTER ${layout.name}` : '');

/**
 * The cluster statements for one statement of a single-node migration. Only the two shapes
 * the migrations use are accepted (CREATE TABLE IF NOT EXISTS … ENGINE = …MergeTree… ORDER BY
 * key, and ALTER TABLE … ADD/DROP COLUMN IF [NOT] EXISTS); anything else is an error naming
 * the statement, so a new kind of migration is noticed before it reaches a cluster.
 */
export function clusterStatements(statement: string, layout: ClusterLayout): string[] {
  const create = CREATE.exec(statement.trim());
  if (create) {
    const [, table, columns, engine, args, key] = create as unknown as [string, string, string, string, string | undefined, string];
    if (!/MergeTree$/.test(engine)) throw new Error(`cluster DDL: table ${table} uses ${engine}, not a MergeTree engine`);
    const local = `${table}${LOCAL_SUFFIX}`;
    const engineArgs = [...(layout.replicated ? [`'/clickhouse/tables/{shard}/{database}/${local}'`, `'{replica}'`] : []), ...(args?.trim() ? [args.trim()] : [])];
    const localEngine = `${layout.replicated ? `Replicated${engine}` : engine}${engineArgs.length ? `(${engineArgs.join(', ')})` : ''}`;
    return [
      `CREATE TABLE IF NOT EXISTS ${local}${onCluster(layout)} (${columns}) ENGINE = ${localEngine} ORDER BY ${key}`,
      `CREATE TABLE IF NOT EXISTS ${table}${onCluster(layout)} AS ${local} ENGINE = Distributed(${layout.name}, currentDatabase(), ${local}, cityHash64(${key}))`,
    ];
  }
  const alter = ALTER.exec(statement.trim());
  if (alter) {
    const [, table, change, verb] = alter as unknown as [string, string, string, 'ADD' | 'DROP'];
    const local = `ALTER TABLE ${table}${LOCAL_SUFFIX}${onCluster(layout)} ${change}`;
    const distributed = `ALTER TABLE ${table}${onCluster(layout)} ${change}`;
    // A column is added where the rows are before the table that reads them names it, and
    // dropped from the reading table first, so a query never names a column a shard lacks.
    return verb === 'ADD' ? [local, distributed] : [distributed, local];
  }
  throw new Error(
    `cluster DDL: cannot place this statement on a cluster (only CREATE TABLE IF NOT EXISTS … ORDER BY key and ALTER TABLE … ADD/DROP COLUMN are): ${statement.slice(0, 120)}`,
  );
}

/** Empties a table: on a cluster, its shards' local tables (a Distributed table cannot be truncated). */
export function truncateStatement(table: string, layout: ClusterLayout | null): string {
  return layout ? `TRUNCATE TABLE IF EXISTS ${table}${LOCAL_SUFFIX}${onCluster(layout)}` : `TRUNCATE TABLE IF EXISTS ${table}`;
}
