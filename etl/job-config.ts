import { readFile } from 'node:fs/promises';
import cron from 'node-cron';
import { z } from 'zod';

/**
 * The ETL jobs file (ETL_JOBS_FILE, default etl/jobs.json): one entry per source. Secrets
 * are never in the file: a job names the environment variable that holds its token.
 */
const common = {
  name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes'),
  schedule: z.string().refine((s) => cron.validate(s), 'not a valid cron expression (minute hour day month weekday)'),
  /** The platform whose data this is: its remit bounds the records, its ids key them. */
  platform: z.string().min(1).optional(),
  enabled: z.boolean().default(true),
  timeoutSeconds: z.number().int().min(1).max(86_400).default(1800),
  retries: z.number().int().min(0).max(10).default(3),
};

export const jobSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...common,
    kind: z.literal('landing_folder'),
    folder: z.string().min(1),
    region: z
      .string()
      .regex(/^\d{6}$/)
      .optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('credit_list_csv'),
    /** The credit platform's export: blacklist entries or penalties, CSV with Chinese headers. */
    list: z.enum(['blacklist', 'penalties']),
    url: z.url(),
    tokenEnv: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'the name of an environment variable')
      .optional(),
  }),
  z.strictObject({
    ...common,
    kind: z.literal('http_feed'),
    url: z.url(),
    tokenEnv: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]*$/, 'the name of an environment variable')
      .optional(),
    pageSize: z.number().int().min(1).max(50_000).default(1000),
  }),
]);

export type JobConfig = z.output<typeof jobSchema>;

const fileSchema = z.strictObject({ jobs: z.array(jobSchema) });

export class JobConfigError extends Error {}

/** Reads and validates the jobs file; every problem names the job and the field. A missing file means no jobs. */
export async function loadJobs(path: string): Promise<JobConfig[]> {
  const text = await readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
  if (text === null) return [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new JobConfigError(`${path}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const raw = json as { jobs?: Array<{ name?: string }> };
    throw new JobConfigError(
      `${path}: invalid ETL jobs:\n` +
        parsed.error.issues
          .map((i) => {
            const index = i.path[0] === 'jobs' && typeof i.path[1] === 'number' ? i.path[1] : null;
            const name = index !== null ? (raw.jobs?.[index]?.name ?? `#${index + 1}`) : null;
            return `  - ${name ? `job ${name}: ` : ''}${i.path.slice(2).join('.') || i.path.join('.')}: ${i.message}`;
          })
          .join('\n'),
    );
  }
  const names = new Set<string>();
  for (const job of parsed.data.jobs) {
    if (job.kind !== 'credit_list_csv' && !job.platform) throw new JobConfigError(`${path}: job ${job.name}: platform: required for ${job.kind} jobs`);
    if (names.has(job.name)) throw new JobConfigError(`${path}: job name '${job.name}' is used twice`);
    names.add(job.name);
  }
  return parsed.data.jobs;
}
