import type { Db } from '../../db/database';
import { rootCause } from '../pipeline/faults';
import { deferForeignKeys, deferredForeignKeys, restoreForeignKey, type DeferredForeignKey } from './backfill.repository';

// Backfill mode, for loading a platform's past years (tens of millions of records) in one
// go. Measured with `npm run bench:ingest -- 100000 --defer foreign-keys` (docs/operations.md):
// the foreign-key checks cost about a quarter of a batch's processing, and the pipeline
// resolves every reference itself (a parent's row, an entity, an expert) in the batch's own
// transaction, so during a backfill they only repeat its work. Secondary indexes measured
// no gain and stay. The keys are made again and validated at the end, which proves no row
// broke them meanwhile.

/** Sets the foreign keys of the pipeline's tables aside; how many (0: already set aside). */
export const beginBackfill = (db: Db): Promise<number> => deferForeignKeys(db);

export const backfillStatus = (db: Db): Promise<DeferredForeignKey[]> => deferredForeignKeys(db);

export class BackfillValidationError extends Error {}

/**
 * Makes every set-aside foreign key again and validates it, one at a time. A key a row
 * breaks stays NOT VALID (new rows are checked already) and is named with Postgres's detail;
 * the others are still made. Returns how many were made valid.
 */
export async function endBackfill(db: Db, onProgress?: (fk: DeferredForeignKey, done: number, total: number) => void): Promise<number> {
  const pending = await deferredForeignKeys(db);
  const failures: string[] = [];
  let done = 0;
  for (const fk of pending) {
    try {
      await restoreForeignKey(db, fk);
      done++;
      onProgress?.(fk, done, pending.length);
    } catch (error) {
      const e = rootCause(error) as { code?: unknown; detail?: string; message?: unknown };
      // 23503: a row refers to something that is not there. Anything else is not the data's fault.
      if (e.code !== '23503') throw error;
      // The detail names the key and the table it is missing from (row ids and codes, never an ID number).
      failures.push(`${fk.tableName}.${fk.constraintName}: ${e.detail ?? String(e.message)}`);
    }
  }
  if (failures.length > 0) {
    throw new BackfillValidationError(
      `${failures.length} foreign key(s) are broken by rows written during the backfill; fix those rows and run \`backfill end\` again:\n  ${failures.join('\n  ')}`,
    );
  }
  return done;
}
