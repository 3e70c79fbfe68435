import cron from 'node-cron';
import type { Logger } from 'pino';
import type { Db } from '../../db/database';
import { pruneStagedLines } from './retention.service';

/**
 * The nightly prune of staged lines, as a named node-cron task in China Standard Time that
 * never overlaps itself. With retention off (0 days) nothing is scheduled. Returns a stop
 * function for graceful shutdown.
 */
export function schedulePrune(db: Db, retention: { stagedLinesDays: number; pruneSchedule: string }, log: Logger): () => Promise<void> {
  if (retention.stagedLinesDays <= 0) {
    log.info('staged lines are kept forever (STAGED_LINES_RETENTION_DAYS=0)');
    return async () => undefined;
  }
  const task = cron.schedule(
    retention.pruneSchedule,
    async () => {
      await pruneStagedLines(db, { olderThanDays: retention.stagedLinesDays }, log).catch((error: unknown) => log.error({ err: error }, 'pruning staged lines failed'));
    },
    { name: 'retention:staged-lines', timezone: 'Asia/Shanghai', noOverlap: true },
  );
  log.info({ schedule: retention.pruneSchedule, olderThanDays: retention.stagedLinesDays }, 'staged-line prune scheduled');
  return async () => {
    await task.stop();
  };
}
