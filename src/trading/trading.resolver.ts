import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { BlacklistEntry } from '../credit/credit.type';
import { Entity } from '../entities/entity.type';
import type { HubContext } from '../graphql/context';
import { Award, Bid, Complaint, Contract } from './trading.type';

// The parties of a project's bids, awards, contracts and complaints, loaded in batches.

@Resolver(() => Bid)
export class BidResolver {
  @FieldResolver(() => Entity, { description: 'The respondent (投标人/供应商/竞买人).' })
  async bidder(@Root() bid: Bid, @Ctx() ctx: HubContext): Promise<Entity> {
    return (await ctx.services.trading.entity(ctx.caller, ctx.loaders, bid.bidderId))!;
  }

  @FieldResolver(() => [BlacklistEntry], {
    nullable: true,
    description: 'Joint restriction (联合惩戒): blacklist entries in force against the bidder on the day of the bid. Supervisors and admin; null for other roles.',
  })
  jointRestrictions(@Root() bid: Bid, @Ctx() ctx: HubContext): Promise<BlacklistEntry[] | null> {
    return ctx.services.jointRestriction.ofBid(ctx.caller, ctx.loaders, bid.id);
  }
}

@Resolver(() => Award)
export class AwardResolver {
  @FieldResolver(() => Entity)
  async winner(@Root() award: Award, @Ctx() ctx: HubContext): Promise<Entity> {
    return (await ctx.services.trading.entity(ctx.caller, ctx.loaders, award.winnerId))!;
  }

  @FieldResolver(() => [BlacklistEntry], {
    nullable: true,
    description: 'Joint restriction: blacklist entries in force against the winner on the award day. Supervisors and admin; null for other roles.',
  })
  jointRestrictions(@Root() award: Award, @Ctx() ctx: HubContext): Promise<BlacklistEntry[] | null> {
    return ctx.services.jointRestriction.ofAward(ctx.caller, ctx.loaders, award.id);
  }
}

@Resolver(() => Contract)
export class ContractResolver {
  @FieldResolver(() => Entity)
  async supplier(@Root() contract: Contract, @Ctx() ctx: HubContext): Promise<Entity> {
    return (await ctx.services.trading.entity(ctx.caller, ctx.loaders, contract.supplierId))!;
  }
}

@Resolver(() => Complaint)
export class ComplaintResolver {
  @FieldResolver(() => Entity, { nullable: true })
  complainant(@Root() complaint: Complaint, @Ctx() ctx: HubContext): Promise<Entity | null> {
    return ctx.services.trading.entity(ctx.caller, ctx.loaders, complaint.complainantId);
  }
}
