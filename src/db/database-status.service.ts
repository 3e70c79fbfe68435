import { requireRole } from '../auth/access';
import type { Caller } from '../auth/caller';
import type { Database } from './database';
import type { DatabaseStatus } from './database-status.type';

/** What an operator sees of the Postgres side: the read replicas and their lag. */
export class DatabaseStatusService {
  constructor(
    private readonly database: Pick<Database, 'replicas'>,
    private readonly maxLagMs: number,
  ) {}

  async status(caller: Caller | null): Promise<DatabaseStatus> {
    requireRole(caller, ['admin'], 'the database status');
    // Measured now, so that an operator who has just fixed a replica sees it.
    await this.database.replicas?.check();
    return { maxReplicaLagSeconds: this.maxLagMs / 1000, replicas: this.database.replicas?.statuses() ?? [] };
  }
}
