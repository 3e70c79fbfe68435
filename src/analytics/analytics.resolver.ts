import { Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { AnalyticsReconciliation, AnalyticsStatus } from './analytics.type';

@Resolver()
export class AnalyticsResolver {
  @Query(() => AnalyticsReconciliation, { description: 'Compares counts and amounts per table and day between Postgres and the analytics store. Role: admin.' })
  analyticsReconciliation(@Ctx() ctx: HubContext): Promise<AnalyticsReconciliation> {
    return ctx.services.analytics.reconcile(ctx.caller);
  }

  @Query(() => AnalyticsStatus, { description: 'Which analytics engine runs and how far the sync lags. Role: admin.' })
  analyticsStatus(@Ctx() ctx: HubContext): Promise<AnalyticsStatus> {
    return ctx.services.analytics.status(ctx.caller);
  }
}
