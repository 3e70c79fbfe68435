import { Arg, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { EntityProfile } from '../analytics/statistics.type';
import { Entity } from '../entities/entity.type';
import type { HubContext } from '../graphql/context';
import { TotalCountResolver } from '../graphql/pagination';
import { Category, Region } from '../registry/registry.type';
import { WarningNetwork } from './warning-network.type';
import { WarningFilter } from './warning.input';
import { ConfirmedWarning, Warning, WarningConnection, WarningEvent, WarningProject } from './warning.type';

const REVIEWERS = 'Roles: admin; supervisor (within remit; a warning outside it is NOT_FOUND).';

@Resolver(() => Warning)
export class WarningResolver {
  @Query(() => WarningConnection, { description: `The warnings queue, newest first. ${REVIEWERS}` })
  warnings(
    @Arg('filter', () => WarningFilter, { nullable: true }) filter: WarningFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, maximum 100 unless configured).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.services.warnings.list(ctx.caller, filter, first, after);
  }

  @Query(() => WarningNetwork, {
    description: `Bidders linked by warnings of shared_fingerprint, fingerprint_ring and recurring_bidder_set: the entities as nodes, each pair a warning links as an edge. Open, assigned and confirmed warnings unless the filter names statuses. ${REVIEWERS}`,
  })
  warningNetwork(
    @Arg('filter', () => WarningFilter, { nullable: true }) filter: WarningFilter | null,
    @Arg('maxNodes', () => Int, { nullable: true, description: 'At most this many nodes, the most connected (default and maximum 300).' }) maxNodes: number | null,
    @Ctx() ctx: HubContext,
  ): Promise<WarningNetwork> {
    return ctx.services.warnings.network(ctx.caller, filter, maxNodes);
  }

  @Query(() => Warning, { description: `One warning with its evidence and audit trail. ${REVIEWERS}` })
  warning(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<Warning> {
    return ctx.services.warnings.byId(ctx.caller, id);
  }

  @Mutation(() => Warning, { description: `Assigns an open or assigned warning to a reviewer (again, while undecided). ${REVIEWERS}` })
  assignWarning(@Arg('id', () => ID) id: string, @Arg('assignee', () => String) assignee: string, @Ctx() ctx: HubContext): Promise<Warning> {
    return ctx.services.warnings.assign(ctx.caller, id, assignee);
  }

  @Mutation(() => Warning, { description: `Adds a comment to the audit trail, at any status (at most 1,000 characters). ${REVIEWERS}` })
  commentOnWarning(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: HubContext): Promise<Warning> {
    return ctx.services.warnings.comment(ctx.caller, id, note);
  }

  @Mutation(() => Warning, { description: `Confirms abnormal trading, with the finding; the entities' profiles then show it. ${REVIEWERS}` })
  confirmWarning(@Arg('id', () => ID) id: string, @Arg('note', () => String) note: string, @Ctx() ctx: HubContext): Promise<Warning> {
    return ctx.services.warnings.confirm(ctx.caller, id, note);
  }

  @Mutation(() => Warning, { description: `Dismisses a warning; the reason is required, and the same evidence is not raised again. ${REVIEWERS}` })
  dismissWarning(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: HubContext): Promise<Warning> {
    return ctx.services.warnings.dismiss(ctx.caller, id, reason);
  }

  @Mutation(() => Warning, { description: `Refers a warning to another authority (e.g. 公安机关). ${REVIEWERS}` })
  referWarning(
    @Arg('id', () => ID) id: string,
    @Arg('to', () => String) to: string,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: HubContext,
  ): Promise<Warning> {
    return ctx.services.warnings.refer(ctx.caller, id, to, note);
  }

  @FieldResolver(() => WarningProject, { nullable: true, description: 'The main project.' })
  project(@Root() warning: Warning): WarningProject | null {
    return warning.project;
  }

  @FieldResolver(() => [Entity], { description: 'The entities the evidence names.' })
  entities(@Root() warning: Warning, @Ctx() ctx: HubContext): Promise<Entity[]> {
    return ctx.services.warnings.entities(ctx.loaders, warning);
  }

  @FieldResolver(() => [WarningEvent], { description: 'Its raising and every review step, oldest first.' })
  events(@Root() warning: Warning, @Ctx() ctx: HubContext): Promise<WarningEvent[]> {
    return ctx.services.warnings.events(ctx.loaders, warning);
  }

  @FieldResolver(() => Region, { nullable: true, description: "The main project's region." })
  region(@Root() warning: Warning, @Ctx() ctx: HubContext): Region | null {
    return warning.regionCode ? ((ctx.services.reference.registry.regions.get(warning.regionCode) as Region | undefined) ?? null) : null;
  }

  @FieldResolver(() => Category, { nullable: true, description: "The main project's category." })
  category(@Root() warning: Warning, @Ctx() ctx: HubContext): Category | null {
    return warning.categoryCode ? (ctx.services.reference.registry.category(warning.categoryCode) ?? null) : null;
  }
}

@Resolver(() => WarningProject)
export class WarningProjectResolver {
  @FieldResolver(() => Region)
  region(@Root() project: WarningProject, @Ctx() ctx: HubContext): Region {
    return ctx.services.reference.registry.regions.get(project.regionCode) as Region;
  }

  @FieldResolver(() => Category)
  category(@Root() project: WarningProject, @Ctx() ctx: HubContext): Category {
    return ctx.services.reference.registry.category(project.categoryCode)!;
  }
}

export const WarningConnectionResolver = TotalCountResolver(WarningConnection);

const CONFIRMED = 'Warnings a supervisor confirmed that name this entity, newest decision first; no evidence. Roles: admin, credit, supervisor.';

@Resolver(() => Entity)
export class EntityWarningsResolver {
  @FieldResolver(() => [ConfirmedWarning], { description: CONFIRMED })
  confirmedWarnings(@Root() entity: Entity, @Ctx() ctx: HubContext): Promise<ConfirmedWarning[]> {
    return ctx.services.warnings.confirmedOfEntity(ctx.caller, ctx.loaders, entity.id);
  }
}

@Resolver(() => EntityProfile)
export class EntityProfileWarningsResolver {
  @FieldResolver(() => [ConfirmedWarning], { description: CONFIRMED })
  confirmedWarnings(@Root() profile: EntityProfile, @Ctx() ctx: HubContext): Promise<ConfirmedWarning[]> {
    return ctx.services.warnings.confirmedOfUscc(ctx.caller, ctx.loaders, profile.uscc);
  }
}
