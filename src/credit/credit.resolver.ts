import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Entity } from '../entities/entity.type';
import type { HubContext } from '../graphql/context';
import { BlacklistEntry, CreditRecord, Penalty } from './credit.type';

/** The credit side of an entity. Roles: admin, credit, supervisor; others get FORBIDDEN. */
@Resolver(() => Entity)
export class EntityCreditResolver {
  @FieldResolver(() => [Penalty])
  penalties(@Root() entity: Entity, @Ctx() ctx: HubContext): Promise<Penalty[]> {
    return ctx.services.credit.penalties(ctx.caller, ctx.loaders, entity.id);
  }

  @FieldResolver(() => [BlacklistEntry], { description: 'All listings, past and present, oldest first.' })
  blacklistEntries(@Root() entity: Entity, @Ctx() ctx: HubContext): Promise<BlacklistEntry[]> {
    return ctx.services.credit.blacklistEntries(ctx.caller, ctx.loaders, entity.id);
  }

  @FieldResolver(() => [CreditRecord])
  creditRecords(@Root() entity: Entity, @Ctx() ctx: HubContext): Promise<CreditRecord[]> {
    return ctx.services.credit.creditRecords(ctx.caller, ctx.loaders, entity.id);
  }
}
