import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { JobConfig } from './job-config';
import { runJob, type RunnerContext } from './runner';

/**
 * A thin named wrapper around node-cron: each enabled job on its schedule, in China
 * Standard Time, never overlapping itself in this process (the runner's lock covers other
 * processes), and run once per firing however many hub processes have the schedule. Returns a stop function for graceful shutdown.
 */
const SLOT_SLACK_MS = 5_000;

export function scheduleJobs(ctx: RunnerContext, jobs: JobConfig[], log: Logger): () => Promise<void> {
  const tasks: ScheduledTask[] = [];
  for (const job of jobs.filter((j) => j.enabled)) {
    tasks.push(
      cron.schedule(
        job.schedule,
        async (context) => {
          // The slot this firing stands for, with a little room for clocks that differ between
          // the hub's machines and Postgres: every process fires, one runs it (runJob).
          const slot = new Date(context.date.getTime() - SLOT_SLACK_MS);
          await runJob(ctx, job, 'schedule', slot).catch((error: unknown) => log.error({ job: job.name, err: error }, 'ETL run could not start'));
        },
        { name: `etl:${job.name}`, timezone: 'Asia/Shanghai', noOverlap: true },
      ),
    );
    log.info({ job: job.name, kind: job.kind, schedule: job.schedule }, 'ETL job scheduled');
  }
  return async () => {
    await Promise.all(tasks.map((t) => t.stop()));
  };
}
