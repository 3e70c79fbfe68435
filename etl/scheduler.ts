import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from 'pino';
import type { JobConfig } from './job-config';
import { runJob, type RunnerContext } from './runner';

/**
 * A thin named wrapper around node-cron: each enabled job on its schedule, in China
 * Standard Time, never overlapping itself in this process (the runner's lock covers other
 * processes). Returns a stop function for graceful shutdown.
 */
export function scheduleJobs(ctx: RunnerContext, jobs: JobConfig[], log: Logger): () => Promise<void> {
  const tasks: ScheduledTask[] = [];
  for (const job of jobs.filter((j) => j.enabled)) {
    tasks.push(
      cron.schedule(
        job.schedule,
        async () => {
          await runJob(ctx, job, 'schedule').catch((error: unknown) => log.error({ job: job.name, err: error }, 'ETL run could not start'));
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
