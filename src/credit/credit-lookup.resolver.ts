import { DateTimeISOResolver, JSONObjectResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireRole } from '../auth/access';
import { BadInputError } from '../errors/domain-errors';
import type { HubContext } from '../graphql/context';

@ObjectType({ description: 'One credit lookup as the audit log keeps it.' })
export class CreditLookup {
  @Field(() => ID)
  id: number;

  @Field(() => Int)
  keyId: number;

  @Field(() => String)
  keyName: string;

  @Field(() => String, { description: 'creditStatus, searchEntities, creditChanges or entityProfile' })
  operation: string;

  @Field(() => [String], { description: 'Codes asked for (ID numbers masked), the name searched, or the cursor.' })
  asked: string[];

  @Field(() => JSONObjectResolver, { description: 'What came back, e.g. { codes, invalid, known, blacklisted }.' })
  resultCounts: Record<string, number>;

  @Field(() => DateTimeISOResolver)
  askedAt: Date;
}

@Resolver()
export class CreditLookupResolver {
  @Query(() => [CreditLookup], { description: 'The audit log of credit lookups, newest first. Role: admin.' })
  async creditLookups(
    @Arg('keyId', () => Int, { nullable: true }) keyId: number | null,
    @Arg('before', () => ID, { nullable: true, description: 'Only lookups older than this id (paging).' }) before: string | null,
    @Arg('first', () => Int, { nullable: true, description: '1-500, default 100.' }) first: number | null,
    @Arg('from', () => DateTimeISOResolver, { nullable: true, description: 'Only lookups asked at or after this instant (reads only its months).' }) from: Date | null,
    @Arg('to', () => DateTimeISOResolver, { nullable: true, description: 'Only lookups asked before this instant.' }) to: Date | null,
    @Ctx() ctx: HubContext,
  ): Promise<CreditLookup[]> {
    requireRole(ctx.caller, ['admin'], 'the credit lookup audit log');
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > 500) throw new BadInputError('first', 'must be between 1 and 500');
    if (before != null && !/^\d+$/.test(before)) throw new BadInputError('before', 'an id from this list');
    if (from && to && from >= to) throw new BadInputError('to', 'must be after from');
    return ctx.services.creditGuard.auditLog({ keyId, before: before != null ? Number(before) : null, from, to }, size);
  }
}
