import { Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { DatabaseStatus } from './database-status.type';

@Resolver()
export class DatabaseStatusResolver {
  @Query(() => DatabaseStatus, { description: 'The read replicas of the system of record: which serve reads now, and how far each lags. Role: admin.' })
  databaseStatus(@Ctx() ctx: HubContext): Promise<DatabaseStatus> {
    return ctx.services.databaseStatus.status(ctx.caller);
  }
}
