import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { HubContext } from '../graphql/context';
import { TotalCountResolver } from '../graphql/pagination';
import { BidOpening, CommitteeMember, Evaluation, Expert, ExpertConnection } from './evaluation.type';
import { Project } from './project.type';

@Resolver(() => Project)
export class ProjectEvaluationResolver {
  @FieldResolver(() => [BidOpening], {
    nullable: true,
    description: 'The bid openings (开标); null while the bids are sealed (see bidsSealed), since they tell how many bids came.',
  })
  bidOpenings(@Root() project: Project, @Ctx() ctx: HubContext): Promise<BidOpening[] | null> {
    return ctx.services.evaluations.bidOpenings(ctx.caller, ctx.loaders, project);
  }

  @FieldResolver(() => [Evaluation], { description: 'The evaluation committees (评标委员会) of the project.' })
  evaluations(@Root() project: Project, @Ctx() ctx: HubContext): Promise<Evaluation[]> {
    return ctx.services.evaluations.evaluations(ctx.caller, ctx.loaders, project);
  }
}

@Resolver(() => Evaluation)
export class EvaluationResolver {
  @FieldResolver(() => Boolean, { description: 'True while the members are confidential to you: until the award (招标投标法 Art. 37), except for admin; `members` is then null.' })
  membersSealed(@Root() evaluation: Evaluation, @Ctx() ctx: HubContext): Promise<boolean> {
    return ctx.services.evaluations.membersSealed(ctx.caller, ctx.loaders, evaluation);
  }

  @FieldResolver(() => [CommitteeMember], { nullable: true, description: 'The committee; null while sealed (see membersSealed).' })
  members(@Root() evaluation: Evaluation, @Ctx() ctx: HubContext): Promise<CommitteeMember[] | null> {
    return ctx.services.evaluations.members(ctx.caller, ctx.loaders, evaluation);
  }
}

@Resolver(() => CommitteeMember)
export class CommitteeMemberResolver {
  @FieldResolver(() => Expert)
  async expert(@Root() member: CommitteeMember, @Ctx() ctx: HubContext): Promise<Expert> {
    return (await ctx.services.evaluations.expert(ctx.caller, ctx.loaders, member.expertId))!;
  }
}

@Resolver(() => Expert)
export class ExpertQueryResolver {
  @Query(() => ExpertConnection, {
    description: 'Experts this platform pushed (ID numbers masked), in the order first stored. Roles: platform (its own pushes), admin (all, or one platform with platformCode).',
  })
  experts(
    @Arg('platformCode', () => String, { nullable: true }) platformCode: string | null,
    @Arg('expertCode', () => String, { nullable: true, description: 'Only this expert.' }) expertCode: string | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: HubContext,
  ) {
    return ctx.services.evaluations.list(ctx.caller, platformCode, expertCode, first, after);
  }
}

export const ExpertConnectionResolver = TotalCountResolver(ExpertConnection);
