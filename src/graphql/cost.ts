import { GraphQLError, type DocumentNode, type GraphQLSchema } from 'graphql';
import { createRequire } from 'node:module';
import type { ComplexityEstimator, getComplexity as GetComplexity } from 'graphql-query-complexity';
import type { Registry } from '../registry/registry.service';

/**
 * How many items a list field returns, for the cost of a query: a fixed estimate, the
 * page size asked for (`argument`, else `default`, never counted above `max`: the resolver
 * refuses more), or the length of a list argument (creditStatus's codes).
 */
export type ListSize = number | { argument: string; default: number; max: number } | { listArgument: string; max: number };

// Its ES build imports graphql's ES build, and the schema lives in graphql's CommonJS build
// (type-graphql and Apollo load that one): the CommonJS build shares its realm.
const { getComplexity } = createRequire(import.meta.url)('graphql-query-complexity') as { getComplexity: typeof GetComplexity };

/** The figures the estimates follow: the configured page sizes and the reference data. */
export interface CostBasis {
  pageSize: { default: number; max: number };
  regions: number;
  maxChildren: number;
  platforms: number;
  categories: number;
}

/**
 * Every field that returns several items, by schema coordinate. A paged field counts what
 * it asks for; the lists inside a connection or page (`nodes`, `edges`, `changes`) count 1
 * because their parent already multiplied. Fixed figures are generous averages, not
 * maxima: the response-size ceiling (response-limit.ts) catches a rare real outlier. A
 * test fails when a list field of the schema is missing here.
 */
export function listSizes(b: CostBasis): Record<string, ListSize> {
  const page = { argument: 'first', default: b.pageSize.default, max: b.pageSize.max };
  return {
    'Query.regions': b.regions,
    'Query.categories': b.categories,
    'Query.platforms': b.platforms,
    'Query.dataQuality': b.platforms,
    'Query.rankings': { argument: 'first', default: 10, max: 100 },
    'Query.creditStatus': { listArgument: 'codes', max: 1000 },
    'Query.searchEntities': { argument: 'first', default: 10, max: 50 },
    'Query.creditChanges': { argument: 'first', default: 100, max: 1000 },
    'Query.creditLookups': { argument: 'first', default: 100, max: 500 },
    'Query.etlRuns': { argument: 'last', default: 50, max: 500 },
    // Its versions are the page: the whole answer counts once per version asked for.
    'Query.recordHistory': { argument: 'first', default: 50, max: 200 },
    'Query.entities': page,
    'Query.projects': page,
    'Batch.rejections': page,
    'Batch.heldRecords': page,
    'Query.batches': page,
    'Query.heldRecords': page,
    'Query.experts': page,
    'Query.pushedPenalties': page,
    'Query.pushedBlacklistEntries': page,
    'Query.pushedCreditRecords': page,
    'Region.children': b.maxChildren,
    'Platform.remitRegionCodes': 3,
    'AnalyticsReconciliation.tables': 10,
    'AnalyticsReconciliation.differences': 20,
    // The analytics tables (ten) and hub_migrations.
    'AnalyticsCluster.distributedTables': 11,
    // One per configured replica (DATABASE_REPLICA_URLS): a handful.
    'DatabaseStatus.replicas': 4,
    'StatisticsResult.rows': 100,
    'StatisticsRow.values': 5,
    'EntityProfile.regions': 10,
    'EntityProfile.categories': b.categories,
    'EntityProfile.penaltiesByYear': 5,
    'EntityProfile.blacklistByYear': 5,
    'CreditStatus.activeBlacklistEntries': 2,
    'CreditStatus.penalties': 3,
    'CreditStatus.creditRecords': 3,
    'CreditChangePage.changes': 1,
    'CreditLookup.asked': 10,
    'Entity.penalties': 3,
    'Entity.blacklistEntries': 2,
    'Entity.creditRecords': 3,
    'EntityConnection.edges': 1,
    'EntityConnection.nodes': 1,
    'RejectionConnection.edges': 1,
    'RejectionConnection.nodes': 1,
    'BatchConnection.edges': 1,
    'BatchConnection.nodes': 1,
    'HeldRecordConnection.edges': 1,
    'HeldRecordConnection.nodes': 1,
    'PenaltyConnection.edges': 1,
    'PenaltyConnection.nodes': 1,
    'BlacklistEntryConnection.edges': 1,
    'BlacklistEntryConnection.nodes': 1,
    'CreditRecordConnection.edges': 1,
    'CreditRecordConnection.nodes': 1,
    'Rejection.errors': 2,
    'RecordHistory.versions': 1,
    'ReceivedVersion.errors': 2,
    'LedgerVerification.problems': 5,
    'PlatformDataQuality.completeness': 10,
    'Project.lots': 2,
    // A typical listing: a handful of items (a drug purchase may list hundreds, carried on the project's row).
    'Project.items': 5,
    'Project.notices': 3,
    'Project.bids': 8,
    'Project.awards': 1,
    'Project.contracts': 1,
    'Project.complaints': 1,
    'Project.bidOpenings': 1,
    'Project.evaluations': 1,
    'Evaluation.members': 7,
    'ExpertConnection.edges': 1,
    'ExpertConnection.nodes': 1,
    'Bid.jointRestrictions': 1,
    'Award.jointRestrictions': 1,
    'ProjectConnection.edges': 1,
    'ProjectConnection.nodes': 1,
    'Query.warnings': page,
    'WarningConnection.edges': 1,
    'WarningConnection.nodes': 1,
    'Warning.projectIds': 3,
    'Warning.entities': 4,
    'Warning.events': 5,
    'Entity.confirmedWarnings': 1,
    // The cap on nodes (NETWORK_MAX_NODES); rings are small cliques, so a few edges per node.
    'WarningNetwork.nodes': 300,
    'WarningNetwork.edges': 600,
    'WarningNetworkEdge.warningIds': 2,
    'EntityProfile.confirmedWarnings': 1,
  };
}

function itemsOf(size: ListSize, args: Record<string, unknown>): number {
  if (typeof size === 'number') return size;
  if ('listArgument' in size) {
    const list = args[size.listArgument];
    return Math.min(Math.max(Array.isArray(list) ? list.length : 1, 1), size.max);
  }
  const asked = args[size.argument];
  return typeof asked === 'number' && Number.isInteger(asked) ? Math.min(Math.max(asked, 1), size.max) : size.default;
}

/**
 * One unit per value the response carries: a field costs 1 plus what it selects, and a
 * list field that many times over. So the cost follows the size of the answer (and the
 * work behind it), whatever the depth.
 */
export function costEstimator(sizes: Record<string, ListSize>): ComplexityEstimator {
  return ({ type, field, args, childComplexity }) => {
    const size = sizes[`${type.name}.${field.name}`];
    return (size === undefined ? 1 : itemsOf(size, args)) * (1 + childComplexity);
  };
}

/** The cost of an operation; throws a GraphQLError when its variables do not fit their types. */
export function queryCost(opts: {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables: Record<string, unknown>;
  estimator: ComplexityEstimator;
}): number {
  try {
    return getComplexity({
      schema: opts.schema,
      query: opts.document,
      variables: opts.variables,
      operationName: opts.operationName ?? undefined,
      estimators: [opts.estimator],
    });
  } catch (error) {
    // Fragments spread into each other can multiply a short query past counting.
    if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message)) return Infinity;
    throw error;
  }
}

/** Refuses an operation whose cost is over `maxCost`, naming both. */
export function checkCost(opts: Parameters<typeof queryCost>[0] & { maxCost: number }): void {
  let cost: number;
  try {
    cost = queryCost(opts);
  } catch (error) {
    // Variables that do not fit their types are refused by execution, naming them.
    if (error instanceof GraphQLError) return;
    throw error;
  }
  if (cost > opts.maxCost) {
    const shown = Number.isFinite(cost) ? cost.toLocaleString('en-US') : 'beyond counting';
    throw new GraphQLError(
      `Query cost ${shown} exceeds the limit of ${opts.maxCost.toLocaleString('en-US')} (GRAPHQL_MAX_COST): ask for smaller pages, fewer nested lists or fewer aliases.`,
      { extensions: { code: 'QUERY_TOO_COMPLEX', cost: Number.isFinite(cost) ? cost : null, maxCost: opts.maxCost, http: { status: 400 } } },
    );
  }
}

/** The basis from the reference data in memory, so the estimates grow with it. */
export function costBasisOf(registry: Registry, pageSize: CostBasis['pageSize']): CostBasis {
  const regions = registry.regions.all();
  return {
    pageSize,
    regions: regions.length,
    maxChildren: Math.max(1, ...regions.map((r) => registry.regions.children(r.code).length)),
    platforms: registry.platforms.length,
    categories: registry.categories.length,
  };
}
