import { and, desc, eq, lt } from 'drizzle-orm';
import { DateTimeISOResolver, JSONObjectResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, ID, Int, ObjectType, Query, Resolver } from 'type-graphql';
import { requireRole } from '../auth/access';
import * as t from '../db/schema';
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
    @Ctx() ctx: HubContext,
  ): Promise<CreditLookup[]> {
    requireRole(ctx.caller, ['admin'], 'the credit lookup audit log');
    const size = first ?? 100;
    if (!Number.isInteger(size) || size < 1 || size > 500) throw new BadInputError('first', 'must be between 1 and 500');
    if (before != null && !/^\d+$/.test(before)) throw new BadInputError('before', 'an id from this list');
    const rows = await ctx.services.db
      .select({ lookup: t.creditLookups, keyName: t.apiKeys.name })
      .from(t.creditLookups)
      .innerJoin(t.apiKeys, eq(t.apiKeys.id, t.creditLookups.keyId))
      .where(and(keyId != null ? eq(t.creditLookups.keyId, keyId) : undefined, before != null ? lt(t.creditLookups.id, Number(before)) : undefined))
      .orderBy(desc(t.creditLookups.id))
      .limit(size);
    return rows.map((r) => ({ ...r.lookup, keyName: r.keyName }));
  }
}
