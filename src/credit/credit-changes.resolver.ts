import { DateTimeISOResolver } from 'graphql-scalars';
import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { BlacklistEntry, Penalty } from './credit.type';

@ObjectType({ description: 'One change to mirror: a blacklist entry added, changed or removed, or a penalty published or changed.' })
export class CreditChange {
  @Field(() => String, { description: 'Opaque; pass the last one as `after` to go on.' })
  cursor: string;

  @Field(() => String, { description: 'blacklist_added, blacklist_changed, blacklist_removed, penalty_published, penalty_changed' })
  kind: string;

  @Field(() => DateTimeISOResolver)
  changedAt: Date;

  @Field(() => String, {
    nullable: true,
    description:
      "The entity's USCC, a natural person's ID number masked, or its identifier in another register in org-id form (GB-COH-01234567); null for a party known only by its name.",
  })
  entityCode: string | null;

  @Field(() => String)
  entityName: string;

  @Field(() => BlacklistEntry, { nullable: true, description: 'The entry as it stands now.' })
  blacklistEntry: BlacklistEntry | null;

  @Field(() => Penalty, { nullable: true, description: 'The penalty as it stands now.' })
  penalty: Penalty | null;
}

@ObjectType()
export class CreditChangePage {
  @Field(() => [CreditChange])
  changes: CreditChange[];

  @Field(() => String, { nullable: true, description: 'Keep it: the next call starts after it (null only before the first change).' })
  endCursor: string | null;

  @Field(() => Boolean)
  hasMore: boolean;
}

@Resolver()
export class CreditChangesResolver {
  // Nullable like every credit lookup: a refused aliased call (RATE_LIMITED) is one null
  // field, not a null response (see credit-status.resolver.ts).
  @Query(() => CreditChangePage, {
    nullable: true,
    description:
      'Every blacklist addition, change and removal and every penalty published, in a stable order: mirror the hub by paging with `after`. Roles: credit, supervisor, admin.',
  })
  creditChanges(
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Arg('first', () => Int, { nullable: true, description: '1-1000, default 100.' }) first: number | null,
    @Ctx() ctx: HubContext,
  ): Promise<CreditChangePage> {
    return ctx.services.creditChanges.page(ctx.caller, after, first);
  }
}
