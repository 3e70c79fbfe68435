import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { DateScalar } from '../graphql/scalars';
import { CreditStatus } from './credit-status.type';

@Resolver()
export class CreditStatusResolver {
  // Nullable, so that in a request of many aliased checks the ones within the rate limit
  // still answer while the others report RATE_LIMITED.
  @Query(() => [CreditStatus], {
    nullable: true,
    description:
      'Batch status check for up to 1,000 USCCs (or ID numbers): validity, blacklist entries in force, restrictions, recent penalties and credit records, one row per code in input order. asOf (default today, China Standard Time) answers "was it blacklisted on that day?". Roles: credit, supervisor, admin.',
  })
  creditStatus(
    @Arg('codes', () => [String]) codes: string[],
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<CreditStatus[]> {
    return ctx.services.creditStatus.check(ctx.caller, codes, asOf);
  }
}
