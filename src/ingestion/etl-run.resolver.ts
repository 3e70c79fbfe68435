import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { EtlRun } from './etl-run.type';

@Resolver(() => EtlRun)
export class EtlRunResolver {
  @Query(() => [EtlRun], { description: 'Recent ETL runs, newest first, optionally of one job. Role: admin.' })
  etlRuns(
    @Arg('job', () => String, { nullable: true }) job: string | null,
    @Arg('last', () => Int, { nullable: true, defaultValue: 50 }) last: number,
    @Ctx() ctx: HubContext,
  ): Promise<EtlRun[]> {
    return ctx.services.etlRuns.runs(ctx.caller, job, last);
  }
}
