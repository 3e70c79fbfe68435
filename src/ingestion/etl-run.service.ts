import { listRuns } from '../../etl/runs.repository';
import { requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Db } from '../db/database';
import { BadInputError } from '../errors/domain-errors';

/** The ETL jobs' run history, for operators watching the scheduled pulls. */
export class EtlRunService {
  constructor(private readonly db: Db) {}

  runs(caller: Caller | null, job: string | null, last: number) {
    requireRole(caller, ['admin'], 'ETL runs');
    if (last < 1 || last > 500) throw new BadInputError('last', 'between 1 and 500');
    return listRuns(this.db, job, last);
  }
}
