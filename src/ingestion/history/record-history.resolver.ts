import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../../graphql/context';
import type { RecordType as PushRecordType } from '../records';
import { RecordHistory, RecordType } from './record-history.type';

@Resolver(() => RecordHistory)
export class RecordHistoryResolver {
  @Query(() => RecordHistory, {
    description:
      "A record's history: every line its source sent for it (each version, re-delivery and refused attempt) with what became of it, newest first, " +
      "from the staged lines the hub keeps for STAGED_LINES_RETENTION_DAYS (see coverage). A scan of the source's lines, bounded by `first` and a time limit. " +
      "Roles: admin (any source: platformCode or sourceCode), platform (its own platform's records).",
  })
  recordHistory(
    @Arg('recordType', () => RecordType) recordType: PushRecordType,
    @Arg('recordId', () => String, { description: 'Your own id of the record, as in its `id`.' }) recordId: string,
    @Arg('platformCode', () => String, { nullable: true, description: "The platform whose records these are; a platform key's own by default." }) platformCode: string | null,
    @Arg('sourceCode', () => String, { nullable: true, description: 'Admin: a hub-side feed by its data source code, e.g. feed:credit-blacklist.' }) sourceCode: string | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 50, description: 'At most this many versions (1 to 200).' }) first: number | null,
    @Arg('after', () => String, { nullable: true, description: 'pageInfo.endCursor of the previous answer: go on with older lines.' }) after: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<RecordHistory> {
    return ctx.services.recordHistory.history(ctx.caller, { recordType, recordId, platformCode, sourceCode, first, after });
  }
}
