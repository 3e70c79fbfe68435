import DataLoader from 'dataloader';
import { blacklistEntriesOfEntities, creditRecordsOfEntities, penaltiesOfEntities } from '../credit/credit.repository';
import { restrictionsOfAwards, restrictionsOfBids } from '../credit/joint-restriction.repository';
import type { Db } from '../db/database';
import { findEntitiesByIds, type EntityRow } from '../entities/entity.repository';
import { bidOpeningsOfProjects, evaluationsOfProjects, expertsByIds, membersOfCommittees, type ExpertRow } from '../trading/evaluation.repository';
import { confirmedOfEntities, eventsOfWarnings, type ConfirmedWarningRow } from '../supervision/warning.repository';
import { awardsOfProjects, bidsOfProjects, complaintsOfProjects, contractsOfProjects, lotsOfProjects, noticesOfProjects } from '../trading/project.repository';

/**
 * A DataLoader that fetches the children of many parents in one statement and hands each
 * parent its own list (empty when it has none).
 */
function childrenLoader<R>(fetch: (ids: readonly number[]) => Promise<R[]>, parentOf: (row: R) => number | null) {
  return new DataLoader<number, R[]>(async (ids) => {
    const groups = new Map<number, R[]>(ids.map((id) => [id, []]));
    for (const row of await fetch(ids)) {
      const parent = parentOf(row);
      if (parent !== null) groups.get(parent)?.push(row);
    }
    return ids.map((id) => groups.get(id)!);
  });
}

/** One set per request, so nothing cached outlives the caller whose rights it was read under. */
export function createLoaders(db: Db) {
  return {
    entity: new DataLoader<number, EntityRow | undefined>(async (ids) => {
      const rows = new Map((await findEntitiesByIds(db, ids)).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id));
    }),
    noticesByProject: childrenLoader(
      (ids) => noticesOfProjects(db, ids),
      (r) => r.projectId,
    ),
    bidsByProject: childrenLoader(
      (ids) => bidsOfProjects(db, ids),
      (r) => r.projectId,
    ),
    awardsByProject: childrenLoader(
      (ids) => awardsOfProjects(db, ids),
      (r) => r.projectId,
    ),
    contractsByProject: childrenLoader(
      (ids) => contractsOfProjects(db, ids),
      (r) => r.projectId,
    ),
    complaintsByProject: childrenLoader(
      (ids) => complaintsOfProjects(db, ids),
      (r) => r.projectId,
    ),
    lotsByProject: childrenLoader(
      (ids) => lotsOfProjects(db, ids),
      (r) => r.projectId,
    ),
    bidOpeningsByProject: childrenLoader(
      (ids) => bidOpeningsOfProjects(db, ids),
      (r) => r.projectId,
    ),
    evaluationsByProject: childrenLoader(
      (ids) => evaluationsOfProjects(db, ids),
      (r) => r.projectId,
    ),
    membersByCommittee: childrenLoader(
      (ids) => membersOfCommittees(db, ids),
      (r) => r.committeeId,
    ),
    expert: new DataLoader<number, ExpertRow | undefined>(async (ids) => {
      const rows = new Map((await expertsByIds(db, ids)).map((r) => [r.id, r]));
      return ids.map((id) => rows.get(id));
    }),
    penaltiesByEntity: childrenLoader(
      (ids) => penaltiesOfEntities(db, ids),
      (r) => r.entityId,
    ),
    blacklistByEntity: childrenLoader(
      (ids) => blacklistEntriesOfEntities(db, ids),
      (r) => r.entityId,
    ),
    creditRecordsByEntity: childrenLoader(
      (ids) => creditRecordsOfEntities(db, ids),
      (r) => r.entityId,
    ),
    restrictionsByBid: childrenLoader(
      (ids) => restrictionsOfBids(db, ids),
      (r) => r.subjectId,
    ),
    restrictionsByAward: childrenLoader(
      (ids) => restrictionsOfAwards(db, ids),
      (r) => r.subjectId,
    ),
    eventsByWarning: childrenLoader(
      (ids) => eventsOfWarnings(db, ids),
      (r) => r.warningId,
    ),
    // A warning names several entities: it goes to each of them that was asked for.
    confirmedWarningsByEntity: new DataLoader<number, ConfirmedWarningRow[]>(async (ids) => {
      const groups = new Map<number, ConfirmedWarningRow[]>(ids.map((id) => [id, []]));
      for (const row of await confirmedOfEntities(db, ids)) for (const id of row.entityIds) groups.get(id)?.push(row);
      return ids.map((id) => groups.get(id)!);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
