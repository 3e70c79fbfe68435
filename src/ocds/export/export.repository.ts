import { asc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/database';
import { contractPerformances } from '../../db/schema';

/** The payments reported on contracts (履约 milestones with an amount): OCDS implementation transactions. */
export function paymentsOfContracts(db: Db, ids: readonly number[]) {
  return db
    .select()
    .from(contractPerformances)
    .where(inArray(contractPerformances.contractId, [...ids]))
    .orderBy(asc(contractPerformances.reportedAt), asc(contractPerformances.id));
}
