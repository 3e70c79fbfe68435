import { z } from 'zod';
import type { AnalyticsStore } from './store';

export interface ClusterShape {
  name: string;
  shards: number;
  replicas: number;
  /** The analytics tables read through Distributed tables, by name: what an operator checks after setting CLICKHOUSE_CLUSTER. */
  distributedTables: string[];
}

const shapeRow = z.object({ shards: z.coerce.number(), replicas: z.coerce.number() });
const tableRow = z.object({ name: z.string() });

/**
 * The cluster the analytics tables are spread over, as the engine itself sees it (its
 * `remote_servers` and its tables), or null on a single node.
 */
export async function getClusterShape(store: AnalyticsStore): Promise<ClusterShape | null> {
  if (!store.cluster) return null;
  const [shape] = await store.select(
    'SELECT uniqExact(shard_num) AS shards, count() AS replicas FROM system.clusters WHERE cluster = {name:String}',
    { name: store.cluster.name },
    shapeRow,
  );
  const tables = await store.select(`SELECT name FROM system.tables WHERE database = currentDatabase() AND engine = 'Distributed' ORDER BY name`, {}, tableRow);
  return { name: store.cluster.name, shards: shape?.shards ?? 0, replicas: shape?.replicas ?? 0, distributedTables: tables.map((t) => t.name) };
}
