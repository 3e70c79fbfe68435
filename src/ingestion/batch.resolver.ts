import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { TotalCountResolver } from '../graphql/pagination';
import { HeldRecordConnection } from './batch-list.type';
import { Batch, RejectionConnection, toBatch } from './batch.type';

@Resolver(() => Batch)
export class BatchResolver {
  @Mutation(() => Batch, {
    description: 'Opens a push batch, or returns the one this idempotency key opened before. Roles: platform (its own platform), admin (any, with platformCode).',
  })
  async openBatch(
    @Arg('idempotencyKey', () => String) idempotencyKey: string,
    @Arg('platformCode', () => String, { nullable: true }) platformCode: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<Batch> {
    return toBatch(await ctx.services.batches.open(ctx.caller, idempotencyKey, platformCode));
  }

  @Mutation(() => Batch, { description: 'Seals a batch with the number of records sent and their SHA-256; the hub then processes it.' })
  async sealBatch(
    @Arg('id', () => ID) id: string,
    @Arg('recordCount', () => Int) recordCount: number,
    @Arg('sha256', () => String) sha256: string,
    @Ctx() ctx: HubContext,
  ): Promise<Batch> {
    return toBatch(await ctx.services.batches.seal(ctx.caller, id, recordCount, sha256));
  }

  @Query(() => Batch, { description: 'A batch and its receipt. Roles: platform (own), admin.' })
  async batch(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<Batch> {
    return toBatch(await ctx.services.batches.batch(ctx.caller, id));
  }

  @FieldResolver(() => RejectionConnection, { description: 'Refused records in line order, with the field at fault.' })
  async rejections(
    @Root() batch: Batch,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    const row = await ctx.services.batches.batch(ctx.caller, batch.id);
    return ctx.services.batches.rejections(row, first, after);
  }

  @FieldResolver(() => HeldRecordConnection, { description: "This batch's held records in line order: still waiting (releasedAt null) or since stored." })
  async heldRecords(
    @Root() batch: Batch,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    const row = await ctx.services.batches.batch(ctx.caller, batch.id);
    return ctx.services.batchList.heldOfBatch(row, first, after);
  }
}

export const RejectionConnectionResolver = TotalCountResolver(RejectionConnection);
