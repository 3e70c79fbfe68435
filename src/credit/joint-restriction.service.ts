import { bidsSealed } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Loaders } from '../graphql/loaders';
import { provenanceOf } from '../graphql/provenance.type';
import { BlacklistType, type BlacklistEntry } from './credit.type';

/**
 * Joint-restriction flags on bids and awards, for supervisors (and admin): whoever else may
 * read the trading record gets null, since a flag is a credit finding, not trading data.
 */
export class JointRestrictionService {
  private sees(caller: Caller | null): caller is Caller {
    return caller?.role === 'supervisor' || caller?.role === 'admin';
  }

  private static toEntries(rows: Array<{ entry: Parameters<typeof provenanceOf>[0] & Omit<BlacklistEntry, 'provenance' | 'listType'> & { listType: string } }>): BlacklistEntry[] {
    return rows.map(({ entry }) => ({ ...entry, listType: entry.listType as BlacklistType, provenance: provenanceOf(entry) }));
  }

  async ofBid(caller: Caller | null, loaders: Loaders, bidId: number): Promise<BlacklistEntry[] | null> {
    if (!this.sees(caller)) return null;
    return JointRestrictionService.toEntries(await loaders.restrictionsByBid.load(bidId));
  }

  async ofAward(caller: Caller | null, loaders: Loaders, awardId: number): Promise<BlacklistEntry[] | null> {
    if (!this.sees(caller)) return null;
    return JointRestrictionService.toEntries(await loaders.restrictionsByAward.load(awardId));
  }

  /**
   * Bids and awards of the project made by entities blacklisted at the time. Sealed bids
   * count only for admin: to a supervisor the count would say who bid before the opening.
   */
  async flagsOfProject(caller: Caller | null, loaders: Loaders, project: { id: number; bidOpeningAt: Date | null }): Promise<number | null> {
    if (!this.sees(caller)) return null;
    const [bids, awards] = await Promise.all([bidsSealed(caller, project.bidOpeningAt) ? [] : loaders.bidsByProject.load(project.id), loaders.awardsByProject.load(project.id)]);
    const flagged = await Promise.all([
      ...bids.map(async (b) => (await loaders.restrictionsByBid.load(b.id)).length > 0),
      ...awards.map(async (a) => (await loaders.restrictionsByAward.load(a.id)).length > 0),
    ]);
    return flagged.filter(Boolean).length;
  }
}
