import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { DateScalar } from '../graphql/scalars';
import { PlatformDataQuality } from './quality.type';

@Resolver(() => PlatformDataQuality)
export class DataQualityResolver {
  @Query(() => [PlatformDataQuality], {
    description: 'Push timeliness, rejection rate, completeness, stale and held records per platform over [from, to]. Roles: admin, policy, supervisor, platform (own).',
  })
  dataQuality(
    @Arg('from', () => DateScalar) from: string,
    @Arg('to', () => DateScalar) to: string,
    @Arg('platformCode', () => String, { nullable: true }) platformCode: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<PlatformDataQuality[]> {
    return ctx.services.quality.report(ctx.caller, platformCode, from, to);
  }
}
