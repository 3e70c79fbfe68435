import { bidsSealed, committeeSealed, requireRole, TRADING_READERS } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { maskIdNumber } from '../entities/id-number';
import type { Loaders } from '../graphql/loaders';
import { decodeCursor, pageSize, toConnection } from '../graphql/pagination';
import { provenanceOf } from '../graphql/provenance.type';
import type { ReadableSources } from '../credit/pushed-credit.service';
import { countExperts, pageExperts, type ExpertQuery, type ExpertRow } from './evaluation.repository';
import type { BidOpening, CommitteeMember, Evaluation, Expert } from './evaluation.type';
import type { Project } from './project.type';

/** The only way an expert row leaves the hub: the ID number is masked here, for every role. */
export function toExpert({ personIdNumber, ...row }: ExpertRow): Expert {
  return { ...row, idNumber: maskIdNumber(personIdNumber), provenance: provenanceOf(row) };
}

/**
 * Bid openings, evaluation committees and their experts. Openings and committees are
 * reached only through a project the caller may see; an opening is sealed as the bids are
 * (it tells how many bids came), a committee's members until the award (access.ts).
 */
export class EvaluationService {
  constructor(
    private readonly db: Db,
    private readonly sources: ReadableSources,
    private readonly pageLimits: { default: number; max: number },
  ) {}

  async bidOpenings(caller: Caller | null, loaders: Loaders, project: Project): Promise<BidOpening[] | null> {
    const c = requireRole(caller, TRADING_READERS, 'bid openings');
    if (bidsSealed(c, project.bidOpeningAt)) return null;
    return (await loaders.bidOpeningsByProject.load(project.id)).map((r) => ({ ...r, provenance: provenanceOf(r) }));
  }

  async evaluations(caller: Caller | null, loaders: Loaders, project: Project): Promise<Evaluation[]> {
    requireRole(caller, TRADING_READERS, 'evaluations');
    return (await loaders.evaluationsByProject.load(project.id)).map((r) => ({ ...r, provenance: provenanceOf(r) }));
  }

  async membersSealed(caller: Caller | null, loaders: Loaders, evaluation: Evaluation): Promise<boolean> {
    const c = requireRole(caller, TRADING_READERS, 'evaluation committees');
    return committeeSealed(c, (await loaders.awardsByProject.load(evaluation.projectId)).length > 0);
  }

  /** Null while sealed (see membersSealed). */
  async members(caller: Caller | null, loaders: Loaders, evaluation: Evaluation): Promise<CommitteeMember[] | null> {
    if (await this.membersSealed(caller, loaders, evaluation)) return null;
    return loaders.membersByCommittee.load(evaluation.id);
  }

  async expert(caller: Caller | null, loaders: Loaders, id: number): Promise<Expert | null> {
    requireRole(caller, TRADING_READERS, 'experts');
    const row = await loaders.expert.load(id);
    return row ? toExpert(row) : null;
  }

  /** The experts a platform pushed (admin: any, or one platform's), in the order first stored. */
  async list(
    caller: Caller | null,
    platformCode: string | null | undefined,
    expertCode: string | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ) {
    const query: ExpertQuery = { sourceIds: await this.sources(caller, platformCode), expertCode: expertCode?.trim() || null };
    const size = pageSize(first, this.pageLimits);
    const afterId = after ? (decodeCursor('after', after, ['number'])[0] as number) : 0;
    const rows = await pageExperts(this.db, query, afterId, size + 1);
    return { ...toConnection(rows, size, toExpert, (r) => [r.id]), countTotal: () => countExperts(this.db, query) };
  }
}
