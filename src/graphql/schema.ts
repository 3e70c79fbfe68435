import 'reflect-metadata';
import { printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AnalyticsResolver } from '../analytics/analytics.resolver';
import { StatisticsResolver, StatisticsResultResolver } from '../analytics/statistics.resolver';
import { EntityCreditResolver } from '../credit/credit.resolver';
import { CreditStatusResolver } from '../credit/credit-status.resolver';
import { EntitySearchResolver } from '../credit/entity-search.resolver';
import { CreditChangesResolver } from '../credit/credit-changes.resolver';
import { CreditLookupResolver } from '../credit/credit-lookup.resolver';
import {
  BlacklistEntryConnectionResolver,
  BlacklistSubjectResolver,
  CreditRecordConnectionResolver,
  CreditRecordSubjectResolver,
  PenaltyConnectionResolver,
  PenaltySubjectResolver,
  PushedCreditResolver,
} from '../credit/pushed-credit.resolver';
import { DatabaseStatusResolver } from '../db/database-status.resolver';
import { EntityConnectionResolver, EntityResolver } from '../entities/entity.resolver';
import { BatchResolver, RejectionConnectionResolver } from '../ingestion/batch.resolver';
import { BatchConnectionResolver, BatchListResolver, HeldRecordConnectionResolver } from '../ingestion/batch-list.resolver';
import { LedgerResolver } from '../ingestion/ledger.resolver';
import { DataQualityResolver } from '../ingestion/quality.resolver';
import { EtlRunResolver } from '../ingestion/etl-run.resolver';
import { RecordHistoryResolver } from '../ingestion/history/record-history.resolver';
import { PlatformResolver, RegionResolver } from '../registry/registry.resolver';
import { ProjectConnectionResolver, ProjectResolver } from '../trading/project.resolver';
import { CommitteeMemberResolver, EvaluationResolver, ExpertConnectionResolver, ExpertQueryResolver, ProjectEvaluationResolver } from '../trading/evaluation.resolver';
import { AwardResolver, BidResolver, ComplaintResolver, ContractResolver } from '../trading/trading.resolver';
import { EntityProfileWarningsResolver, EntityWarningsResolver, WarningConnectionResolver, WarningProjectResolver, WarningResolver } from '../supervision/warning.resolver';

export const RESOLVERS = [
  RegionResolver,
  PlatformResolver,
  EntityResolver,
  EntityConnectionResolver,
  EntityCreditResolver,
  ProjectResolver,
  ProjectConnectionResolver,
  BidResolver,
  AwardResolver,
  ContractResolver,
  ComplaintResolver,
  ProjectEvaluationResolver,
  EvaluationResolver,
  CommitteeMemberResolver,
  ExpertQueryResolver,
  ExpertConnectionResolver,
  BatchResolver,
  RejectionConnectionResolver,
  BatchListResolver,
  BatchConnectionResolver,
  HeldRecordConnectionResolver,
  LedgerResolver,
  DataQualityResolver,
  EtlRunResolver,
  RecordHistoryResolver,
  StatisticsResolver,
  StatisticsResultResolver,
  AnalyticsResolver,
  DatabaseStatusResolver,
  CreditStatusResolver,
  EntitySearchResolver,
  CreditChangesResolver,
  CreditLookupResolver,
  PushedCreditResolver,
  PenaltySubjectResolver,
  BlacklistSubjectResolver,
  CreditRecordSubjectResolver,
  PenaltyConnectionResolver,
  BlacklistEntryConnectionResolver,
  CreditRecordConnectionResolver,
  WarningResolver,
  WarningProjectResolver,
  WarningConnectionResolver,
  EntityWarningsResolver,
  EntityProfileWarningsResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** The schema is built from the decorated classes once per process. */
export function hubSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers: [...RESOLVERS], validate: false });
  return built;
}

export const SCHEMA_HEADER =
  '# THIS FILE IS GENERATED from the type-graphql classes in src/: do not edit it by hand.\n' +
  '# Regenerate with `npm run schema:emit`; a test fails when it drifts from the code.\n\n';

export async function renderSchemaFile(): Promise<string> {
  return SCHEMA_HEADER + printSchema(await hubSchema()) + '\n';
}
