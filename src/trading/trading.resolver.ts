import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
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
}

@Resolver(() => Award)
export class AwardResolver {
  @FieldResolver(() => Entity)
  async winner(@Root() award: Award, @Ctx() ctx: HubContext): Promise<Entity> {
    return (await ctx.services.trading.entity(ctx.caller, ctx.loaders, award.winnerId))!;
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
