import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { TotalCountResolver } from '../graphql/pagination';
import { BatchConnection, BatchFilter, HeldRecordConnection } from './batch-list.type';
import { Batch, toBatch } from './batch.type';

@Resolver(() => Batch)
export class BatchListResolver {
  @Query(() => BatchConnection, {
    description: 'Batches, newest first (by when they were opened). Roles: platform (its own platform only), admin (all, or one platform with filter.platformCode).',
  })
  async batches(
    @Arg('filter', () => BatchFilter, { nullable: true }) filter: BatchFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, maximum 100 unless configured).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    const page = await ctx.services.batchList.list(ctx.caller, filter, first, after);
    return { ...page, edges: page.edges.map((e) => ({ ...e, node: toBatch(e.node) })), nodes: page.nodes.map(toBatch) };
  }

  @Query(() => HeldRecordConnection, {
    description: 'Records still held, oldest first, each with what it waits for. Roles: platform (its own), admin (all, or one platform with platformCode).',
  })
  heldRecords(
    @Arg('platformCode', () => String, { nullable: true }) platformCode: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.services.batchList.held(ctx.caller, platformCode, first, after);
  }
}

export const BatchConnectionResolver = TotalCountResolver(BatchConnection);
export const HeldRecordConnectionResolver = TotalCountResolver(HeldRecordConnection);
