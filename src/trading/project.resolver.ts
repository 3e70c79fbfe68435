import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { Entity } from '../entities/entity.type';
import type { HubContext } from '../graphql/context';
import { TotalCountResolver } from '../graphql/pagination';
import { Category, Platform, Region } from '../registry/registry.type';
import { ProjectFilter } from './project.input';
import { Project, ProjectConnection } from './project.type';
import { Award, Bid, Complaint, Contract, Lot, Notice } from './trading.type';

@Resolver(() => Project)
export class ProjectResolver {
  @Query(() => Project, { description: 'One project. Roles: admin; platform (own); supervisor (within remit).' })
  project(@Arg('id', () => ID) id: string, @Ctx() ctx: HubContext): Promise<Project> {
    return ctx.services.projects.byId(ctx.caller, id);
  }

  @Query(() => ProjectConnection, {
    description: 'Projects, newest first, limited to what the key may see. Roles: admin; platform (own); supervisor (within remit).',
  })
  projects(
    @Arg('filter', () => ProjectFilter, { nullable: true }) filter: ProjectFilter | null,
    @Arg('first', () => Int, { nullable: true, description: 'Page size (default 20, maximum 100 unless configured).' }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.services.projects.list(ctx.caller, filter, first, after);
  }

  @FieldResolver(() => Int, {
    nullable: true,
    description:
      'Bids and awards of this project by entities blacklisted at the time (joint restriction); bids count from the bid opening on, except for admin. Supervisors and admin; null for other roles.',
  })
  jointRestrictionFlags(@Root() project: Project, @Ctx() ctx: HubContext): Promise<number | null> {
    return ctx.services.jointRestriction.flagsOfProject(ctx.caller, ctx.loaders, project);
  }

  @FieldResolver(() => Platform)
  platform(@Root() project: Project, @Ctx() ctx: HubContext): Platform {
    return ctx.services.reference.registry.platformById(project.platformId) as Platform;
  }

  @FieldResolver(() => Category)
  category(@Root() project: Project, @Ctx() ctx: HubContext): Category {
    return ctx.services.reference.registry.category(project.categoryCode)!;
  }

  @FieldResolver(() => Region)
  region(@Root() project: Project, @Ctx() ctx: HubContext): Region {
    return ctx.services.reference.registry.regions.get(project.regionCode) as Region;
  }

  @FieldResolver(() => Entity, { nullable: true, description: 'Tenderer, purchaser, transferor (项目发起方).' })
  initiator(@Root() project: Project, @Ctx() ctx: HubContext): Promise<Entity | null> {
    return ctx.services.trading.entity(ctx.caller, ctx.loaders, project.initiatorId);
  }

  @FieldResolver(() => Entity, { nullable: true, description: 'Tendering or procurement agency (代理机构).' })
  agency(@Root() project: Project, @Ctx() ctx: HubContext): Promise<Entity | null> {
    return ctx.services.trading.entity(ctx.caller, ctx.loaders, project.agencyId);
  }

  @FieldResolver(() => [Lot])
  lots(@Root() project: Project, @Ctx() ctx: HubContext): Promise<Lot[]> {
    return ctx.services.projects.lots(ctx.caller, ctx.loaders, project);
  }

  @FieldResolver(() => [Notice])
  notices(@Root() project: Project, @Ctx() ctx: HubContext): Promise<Notice[]> {
    return ctx.services.projects.notices(ctx.caller, ctx.loaders, project);
  }

  @FieldResolver(() => Boolean, { description: 'True while bids are confidential to you (before bid opening); `bids` is then null.' })
  bidsSealed(@Root() project: Project, @Ctx() ctx: HubContext): boolean {
    return ctx.services.projects.bidsSealed(ctx.caller, project);
  }

  @FieldResolver(() => [Bid], { nullable: true, description: 'Null while sealed (see bidsSealed).' })
  bids(@Root() project: Project, @Ctx() ctx: HubContext): Promise<Bid[] | null> {
    return ctx.services.projects.bids(ctx.caller, ctx.loaders, project);
  }

  @FieldResolver(() => [Award])
  awards(@Root() project: Project, @Ctx() ctx: HubContext): Promise<Award[]> {
    return ctx.services.projects.awards(ctx.caller, ctx.loaders, project);
  }

  @FieldResolver(() => [Contract])
  contracts(@Root() project: Project, @Ctx() ctx: HubContext): Promise<Contract[]> {
    return ctx.services.projects.contracts(ctx.caller, ctx.loaders, project);
  }

  @FieldResolver(() => [Complaint])
  complaints(@Root() project: Project, @Ctx() ctx: HubContext): Promise<Complaint[]> {
    return ctx.services.projects.complaints(ctx.caller, ctx.loaders, project);
  }
}

export const ProjectConnectionResolver = TotalCountResolver(ProjectConnection);
