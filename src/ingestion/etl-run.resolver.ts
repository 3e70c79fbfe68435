import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { listRuns } from '../../etl/runs.repository';
import { requireRole } from '../auth/access';
import { BadInputError } from '../errors/domain-errors';
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
    requireRole(ctx.caller, ['admin'], 'ETL runs');
    if (last < 1 || last > 500) throw new BadInputError('last', 'between 1 and 500');
    return listRuns(ctx.services.db, job, last);
  }
}
