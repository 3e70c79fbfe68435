import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { Entity } from '../entities/entity.type';
import type { HubContext } from '../graphql/context';
import { TotalCountResolver } from '../graphql/pagination';
import { BlacklistEntry, CreditRecord, Penalty } from './credit.type';
import { BlacklistEntryConnection, CreditRecordConnection, PenaltyConnection } from './pushed-credit.type';

const ROLES = 'Roles: platform (what it pushed itself), admin (what any platform pushed, or one with platformCode).';
const FIRST = { nullable: true, description: 'Page size (default 20, maximum 100 unless configured).' } as const;

/** Credit rows read back by the platform that pushed them, newest stored first. */
@Resolver()
export class PushedCreditResolver {
  @Query(() => PenaltyConnection, { description: `Penalties this platform pushed, newest stored first. ${ROLES}` })
  pushedPenalties(
    @Arg('platformCode', () => String, { nullable: true }) platformCode: string | null,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.services.pushedCredit.penalties(ctx.caller, platformCode, first, after);
  }

  @Query(() => BlacklistEntryConnection, { description: `Blacklist entries this platform pushed, newest stored first. ${ROLES}` })
  pushedBlacklistEntries(
    @Arg('platformCode', () => String, { nullable: true }) platformCode: string | null,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.services.pushedCredit.blacklistEntries(ctx.caller, platformCode, first, after);
  }

  @Query(() => CreditRecordConnection, { description: `Credit records this platform pushed, newest stored first. ${ROLES}` })
  pushedCreditRecords(
    @Arg('platformCode', () => String, { nullable: true }) platformCode: string | null,
    @Arg('first', () => Int, FIRST) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.services.pushedCredit.creditRecords(ctx.caller, platformCode, first, after);
  }
}

// The entity a credit row is about, for every role that may read both.

@Resolver(() => Penalty)
export class PenaltySubjectResolver {
  @FieldResolver(() => Entity, { nullable: true, description: 'The penalised entity.' })
  subject(@Root() row: Penalty, @Ctx() ctx: HubContext): Promise<Entity | null> {
    return ctx.services.entities.byId(ctx.caller, ctx.loaders, row.entityId ?? null);
  }
}

@Resolver(() => BlacklistEntry)
export class BlacklistSubjectResolver {
  @FieldResolver(() => Entity, { nullable: true, description: 'The listed entity.' })
  subject(@Root() row: BlacklistEntry, @Ctx() ctx: HubContext): Promise<Entity | null> {
    return ctx.services.entities.byId(ctx.caller, ctx.loaders, row.entityId ?? null);
  }
}

@Resolver(() => CreditRecord)
export class CreditRecordSubjectResolver {
  @FieldResolver(() => Entity, { nullable: true, description: 'The entity it is about; null for a record about an expert.' })
  subject(@Root() row: CreditRecord, @Ctx() ctx: HubContext): Promise<Entity | null> {
    return ctx.services.entities.byId(ctx.caller, ctx.loaders, row.entityId ?? null);
  }
}

export const PenaltyConnectionResolver = TotalCountResolver(PenaltyConnection);
export const BlacklistEntryConnectionResolver = TotalCountResolver(BlacklistEntryConnection);
export const CreditRecordConnectionResolver = TotalCountResolver(CreditRecordConnection);
