import { isIP } from 'node:net';
import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { loadThresholds, ThresholdsError, type Thresholds } from '../supervision/thresholds';

/**
 * The only reader of process.env. Every setting is validated here once, at start-up,
 * and every bad key is reported in one error so an operator fixes them all in one go.
 */
/** The OCDS export's publisher settings when none are configured (docs/ocds.md). */
export const OCDS_DEFAULTS = { ocidPrefix: 'ocds-nmprth', publisherName: '内蒙古自治区公共资源交易数据共享中心' };

const int = (fallback: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(fallback);

const envSchema = z.object({
  // Unset is production: introspection and suggestions for every key need an explicit development.
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: int(4000, 0, 65535),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  // Unset: pretty on a terminal, JSON lines when stdout goes to a file, a pipe or a collector.
  LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  // The CLI prints its results; its logs go to stderr and only matter when something is off.
  CLI_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('warn'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  // Streaming replicas for reads that may lag (docs/deployment.md), comma-separated.
  DATABASE_REPLICA_URLS: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .refine((urls) => urls.every((u) => /^postgres(ql)?:\/\//.test(u)), 'postgres:// or postgresql:// connection URLs separated by commas')
    .optional(),
  // A replica further behind than this is skipped and its reads go to the primary.
  DATABASE_REPLICA_MAX_LAG_SECONDS: int(10, 0, 86_400),
  DATABASE_REPLICA_CHECK_SECONDS: int(2, 1, 3600),
  PG_POOL_MAX: int(10, 1, 200),
  // Hub processes `npm start` runs (node:cluster), sharing the port; 1 runs the hub in this process.
  HUB_WORKERS: int(1, 1, 64),
  // Set by the primary process for its workers, never by an operator: the worker's number, the
  // embedded Postgres the primary runs, and the embedded analytics engine it holds (JSON).
  HUB_WORKER_INDEX: z.coerce.number().int().min(1).max(64).optional(),
  HUB_WORKER_POSTGRES_URL: z.string().min(1).optional(),
  HUB_WORKER_ANALYTICS: z.string().min(1).optional(),
  EMBEDDED_PG_DIR: z.string().min(1).default('.data/postgres'),
  EMBEDDED_PG_PORT: int(54329, 1024, 65535),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  DEMO_PROJECTS: int(3000, 10, 1_000_000),
  DEMO_SEED: int(20240601, 0, 2 ** 31 - 1),
  PAGE_SIZE_DEFAULT: int(20, 1, 1000),
  PAGE_SIZE_MAX: int(100, 1, 1000),
  // By when (China Standard Time) each morning the night's push is due (seed 004 Art. 22).
  PUSH_DEADLINE: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour')
    .default('06:00'),
  ETL_JOBS_FILE: z.string().min(1).default('etl/jobs.json'),
  // OCDS export (docs/ocds.md): the registered ocid prefix (ocds- and six characters) and the publisher's name.
  OCDS_OCID_PREFIX: z
    .string()
    .regex(/^ocds-[a-z0-9]{6}$/, 'ocds- and six lower-case letters or digits, as registered with the Open Contracting Partnership')
    .default(OCDS_DEFAULTS.ocidPrefix),
  OCDS_PUBLISHER: z.string().min(1).max(200).default(OCDS_DEFAULTS.publisherName),
  PUSH_MAX_PART_BYTES: int(2 * 1024 ** 3, 1024, Number.MAX_SAFE_INTEGER),
  PUSH_MAX_GZIP_RATIO: int(100, 2, 100_000),
  // A part upload with no bytes for this long, or still arriving after this long, is cut off.
  PUSH_BODY_IDLE_SECONDS: int(60, 1, 3600),
  PUSH_BODY_MAX_SECONDS: int(3600, 1, 86_400),
  // Part uploads streaming at once; each holds a connection of their own small pool.
  PUSH_MAX_CONCURRENT_UPLOADS: int(4, 1, 100),
  // How long anything waits for a Postgres connection before answering "unavailable".
  PG_ACQUIRE_TIMEOUT_MS: int(10_000, 100, 600_000),
  GRAPHQL_MAX_DEPTH: int(10, 2, 50),
  GRAPHQL_MAX_ALIASES: int(15, 1, 1000),
  GRAPHQL_MAX_TOKENS: int(2000, 100, 100_000),
  // Cost follows list sizes (src/graphql/cost.ts): about one unit per value in the answer.
  GRAPHQL_MAX_COST: int(100_000, 100, 100_000_000),
  // Characters in any String or ID argument or input field (searched names allow fewer).
  GRAPHQL_MAX_STRING_LENGTH: int(1000, 20, 1_000_000),
  // A GraphQL answer larger than this is replaced by RESPONSE_TOO_LARGE (5 MiB by default).
  GRAPHQL_MAX_RESPONSE_BYTES: int(5 * 1024 ** 2, 1024, 1024 ** 3),
  // Unset: the embedded ClickHouse engine (chdb) in CLICKHOUSE_EMBEDDED_DIR.
  CLICKHOUSE_URL: z
    .string()
    .regex(/^https?:\/\/[^/]+/, 'must be an http:// or https:// URL of a ClickHouse server')
    .optional(),
  CLICKHOUSE_USER: z.string().min(1).default('default'),
  CLICKHOUSE_PASSWORD: z.string().default(''),
  CLICKHOUSE_DATABASE: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and _ only')
    .default('hub'),
  // A PEM file with the CA that signed the server's certificate, for https:// with a private CA.
  CLICKHOUSE_CA_CERT: z.string().min(1).optional(),
  // Set: the analytics tables are Distributed tables over this cluster's shards (docs/deployment.md).
  CLICKHOUSE_CLUSTER: z
    .string()
    .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, "letters, digits and _ only: the name of a cluster in the servers' remote_servers")
    .optional(),
  CLICKHOUSE_EMBEDDED_DIR: z.string().min(1).default('.data/clickhouse'),
  // When the scheduled analytics sync runs (cron, China Standard Time); it also runs after each batch.
  ANALYTICS_SYNC_SCHEDULE: z
    .string()
    .refine((s) => cron.validate(s), 'not a valid cron expression (minute hour day month weekday)')
    .default('*/10 * * * *'),
  // Whole months of the credit-lookup audit kept before the current one; 0 (or off) keeps all.
  CREDIT_LOOKUP_RETENTION_MONTHS: z.union([z.literal('off').transform(() => 0), z.coerce.number().int().min(0).max(1200)]).default(0),
  // Monthly partitions created ahead of the current month.
  PARTITION_MONTHS_AHEAD: int(3, 1, 24),
  // Staged raw lines (batch_lines) of finished batches older than this many days are pruned;
  // 0 or off keeps them forever. Their part digests stay, so the ledger and receipts hold.
  STAGED_LINES_RETENTION_DAYS: z.union([z.literal('off').transform(() => 0), z.coerce.number().int().min(0).max(36_600)]).default(90),
  // When the prune runs (cron, China Standard Time): in the evening, before the night's pushes.
  STAGED_LINES_PRUNE_SCHEDULE: z
    .string()
    .refine((s) => cron.validate(s), 'not a valid cron expression (minute hour day month weekday)')
    .default('0 22 * * *'),
  // The longest period one statistics query may cover, in days.
  STATS_MAX_RANGE_DAYS: int(3700, 1, 36_600),
  // How far back a credit status check lists penalties, in days (3 years by default).
  CREDIT_PENALTY_LOOKBACK_DAYS: int(1095, 1, 36_600),
  // Credit lookups per key: a token bucket of this rate per second and this burst (a key
  // may carry its own, set with keys create --rate/--burst).
  CREDIT_RATE_PER_SECOND: int(50, 1, 100_000),
  CREDIT_RATE_BURST: int(100, 1, 100_000),
  // How long a dashboard sign-in lasts, in hours.
  DASHBOARD_SESSION_HOURS: int(8, 1, 24 * 30),
  // Sign-in attempts per client address per minute (key guessing), and live sessions per key.
  DASHBOARD_SIGNIN_PER_MINUTE: int(10, 1, 10_000),
  // Whose sign-in counts these are in Postgres: every process of one hub shares them; two hubs
  // on one database (staging beside production, test runs) each need their own.
  RATE_LIMIT_SCOPE: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,40}$/, 'letters, digits, - and _, at most 40')
    .default('hub'),
  DASHBOARD_MAX_SESSIONS_PER_KEY: int(20, 1, 10_000),
  // Which proxies' X-Forwarded-For/-Proto to believe: off, a hop count, or addresses/CIDRs.
  TRUST_PROXY: z
    .string()
    .default('off')
    .transform((v, ctx) => parseTrustProxy(v, ctx)),
  // The most rows one statistics breakdown may return.
  STATS_MAX_ROWS: int(10_000, 10, 1_000_000),
  // Early warning (docs/early-warning.md): the indicators' thresholds, read and checked at
  // start-up (a file that is absent leaves every default), and when the full run goes (cron, CST).
  WARNING_THRESHOLDS_FILE: z.string().min(1).default('config/warning-thresholds.json'),
  WARNING_FULL_RUN_SCHEDULE: z
    .string()
    .refine((s) => cron.validate(s), 'not a valid cron expression (minute hour day month weekday)')
    .default('30 2 * * *'),
});

export type Env = z.infer<typeof envSchema>;

export type LogFormat = NonNullable<Env['LOG_FORMAT']>;

/** What Fastify's `trustProxy` gets: false, a hop count, or proxy addresses and CIDRs (proxy-addr's names too). */
export type TrustProxy = false | number | string[];

function parseTrustProxy(value: string, ctx: z.RefinementCtx): TrustProxy {
  const v = value.trim().toLowerCase();
  if (v === 'off' || v === 'false' || v === '0') return false;
  if (/^\d+$/.test(v)) return Number(v);
  const entries = v
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  // `true` (trust every hop) would let any client claim HTTPS or another address: not offered.
  const bad = entries.filter((e) => !['loopback', 'linklocal', 'uniquelocal'].includes(e) && !isCidrOrAddress(e));
  if (bad.length > 0 || entries.length === 0) {
    ctx.addIssue({ code: 'custom', message: `off, a hop count, or proxy addresses/CIDRs separated by commas (not valid: ${bad.join(', ') || value})` });
    return false;
  }
  return entries;
}

function isCidrOrAddress(entry: string): boolean {
  const [address, bits, ...rest] = entry.split('/');
  const family = isIP(address ?? '');
  if (family === 0 || rest.length > 0) return false;
  return bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
}

export interface Config {
  env: Env['NODE_ENV'];
  production: boolean;
  /** Only an explicit NODE_ENV=development: introspection and suggestions open to every key. */
  development: boolean;
  host: string;
  port: number;
  logLevel: Env['LOG_LEVEL'];
  logFormat: LogFormat;
  cliLogLevel: Env['CLI_LOG_LEVEL'];
  /** Set: use that Postgres server and start nothing. Unset: run the embedded one. */
  databaseUrl: string | undefined;
  /** Streaming replicas of DATABASE_URL for lag-tolerant reads, the lag they may have, and how often it is measured. */
  replicas: { urls: string[]; maxLagMs: number; checkEveryMs: number };
  poolMax: number;
  /** Processes `npm start` runs (HUB_WORKERS). */
  workers: number;
  /**
   * Set in a worker process: its number (1 prints the start-up summary and loads the demo),
   * the primary's embedded Postgres, and the primary's embedded analytics engine (JSON facts).
   */
  worker: { index: number; postgresUrl: string | null; sharedAnalytics: string | null } | null;
  /** How long a request waits for a pool connection before it is refused (503). */
  acquireTimeoutMs: number;
  embeddedPostgres: { dataDir: string; port: number };
  demo: { mode: Env['DEMO_DATA']; projects: number; seed: number };
  pageSize: { default: number; max: number };
  /**
   * Limits on one uploaded part: decompressed size, gzip's ratio past 16 MiB, idle and total
   * seconds of its body, and how many parts stream at once.
   */
  push: { maxPartBytes: number; maxRatio: number; deadline: string; bodyIdleSeconds: number; bodyMaxSeconds: number; maxConcurrentUploads: number };
  etlJobsFile: string;
  warnings: { thresholds: Thresholds; fullRunSchedule: string };
  ocds: { ocidPrefix: string; publisherName: string };
  /** Pruning of staged raw lines: after how many days (0: never), and when. */
  retention: { stagedLinesDays: number; pruneSchedule: string };
  /** Monthly partitions: how many months ahead are created, how many of the lookup audit kept (0: all). */
  partitions: { monthsAhead: number; creditLookupKeepMonths: number };
  /** A secret by environment variable name (ETL tokens): the jobs file names it, never holds it. */
  secret(name: string): string | undefined;
  graphqlLimits: { maxDepth: number; maxAliases: number; maxTokens: number; maxCost: number; maxStringLength: number; maxResponseBytes: number };
  analytics: {
    /** Set: that ClickHouse server over HTTP(S). Unset: the embedded engine in `embeddedDir`. */
    url: string | undefined;
    user: string;
    password: string;
    database: string;
    caCertFile: string | undefined;
    /** Set: the cluster whose shards hold the tables (Distributed tables over `_local` ones). */
    cluster: string | undefined;
    embeddedDir: string;
    syncSchedule: string;
    maxRangeDays: number;
    maxRows: number;
  };
  credit: { penaltyLookBackDays: number; rate: { perSecond: number; burst: number } };
  dashboardSessionHours: number;
  dashboardSignInPerMinute: number;
  /** Names this hub's sign-in counts in Postgres (shared by its processes). */
  rateLimitScope: string;
  dashboardMaxSessionsPerKey: number;
  /** Fastify's trustProxy: whose forwarded headers decide `request.ip` and `request.protocol`. */
  trustProxy: TrustProxy;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/**
 * Reads and validates the environment. Throws one ConfigError listing every bad key.
 * `terminal`: whether stdout is a terminal, which decides the log format when none is set.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, terminal = process.stdout.isTTY === true): Config {
  // An empty variable means "not set", as in most deployment tools.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`));
  }
  const e = parsed.data;
  const problems: string[] = [];
  if (e.PAGE_SIZE_DEFAULT > e.PAGE_SIZE_MAX) {
    problems.push(`PAGE_SIZE_DEFAULT: ${e.PAGE_SIZE_DEFAULT} exceeds PAGE_SIZE_MAX ${e.PAGE_SIZE_MAX}`);
  }
  if (e.DATABASE_REPLICA_URLS?.length && !e.DATABASE_URL) {
    problems.push('DATABASE_REPLICA_URLS: replicas need their primary in DATABASE_URL (the embedded Postgres has none)');
  }
  let thresholds: Thresholds | null = null;
  try {
    thresholds = loadThresholds(path.resolve(e.WARNING_THRESHOLDS_FILE));
  } catch (error) {
    if (!(error instanceof ThresholdsError)) throw error;
    problems.push(`WARNING_THRESHOLDS_FILE: ${error.message}`);
  }
  if (problems.length > 0 || !thresholds) throw new ConfigError(problems);
  return {
    env: e.NODE_ENV,
    production: e.NODE_ENV === 'production',
    development: e.NODE_ENV === 'development',
    host: e.HOST,
    port: e.PORT,
    logLevel: e.LOG_LEVEL,
    logFormat: e.LOG_FORMAT ?? (terminal ? 'pretty' : 'json'),
    cliLogLevel: e.CLI_LOG_LEVEL,
    databaseUrl: e.DATABASE_URL,
    replicas: { urls: e.DATABASE_REPLICA_URLS ?? [], maxLagMs: e.DATABASE_REPLICA_MAX_LAG_SECONDS * 1000, checkEveryMs: e.DATABASE_REPLICA_CHECK_SECONDS * 1000 },
    poolMax: e.PG_POOL_MAX,
    workers: e.HUB_WORKERS,
    worker: e.HUB_WORKER_INDEX ? { index: e.HUB_WORKER_INDEX, postgresUrl: e.HUB_WORKER_POSTGRES_URL ?? null, sharedAnalytics: e.HUB_WORKER_ANALYTICS ?? null } : null,
    acquireTimeoutMs: e.PG_ACQUIRE_TIMEOUT_MS,
    embeddedPostgres: { dataDir: path.resolve(e.EMBEDDED_PG_DIR), port: e.EMBEDDED_PG_PORT },
    demo: { mode: e.DEMO_DATA, projects: e.DEMO_PROJECTS, seed: e.DEMO_SEED },
    pageSize: { default: e.PAGE_SIZE_DEFAULT, max: e.PAGE_SIZE_MAX },
    push: {
      maxPartBytes: e.PUSH_MAX_PART_BYTES,
      maxRatio: e.PUSH_MAX_GZIP_RATIO,
      deadline: e.PUSH_DEADLINE,
      bodyIdleSeconds: e.PUSH_BODY_IDLE_SECONDS,
      bodyMaxSeconds: e.PUSH_BODY_MAX_SECONDS,
      maxConcurrentUploads: e.PUSH_MAX_CONCURRENT_UPLOADS,
    },
    etlJobsFile: path.resolve(e.ETL_JOBS_FILE),
    warnings: { thresholds, fullRunSchedule: e.WARNING_FULL_RUN_SCHEDULE },
    ocds: { ocidPrefix: e.OCDS_OCID_PREFIX, publisherName: e.OCDS_PUBLISHER },
    retention: { stagedLinesDays: e.STAGED_LINES_RETENTION_DAYS, pruneSchedule: e.STAGED_LINES_PRUNE_SCHEDULE },
    partitions: { monthsAhead: e.PARTITION_MONTHS_AHEAD, creditLookupKeepMonths: e.CREDIT_LOOKUP_RETENTION_MONTHS },
    secret: (name: string) => cleaned[name],
    graphqlLimits: {
      maxDepth: e.GRAPHQL_MAX_DEPTH,
      maxAliases: e.GRAPHQL_MAX_ALIASES,
      maxTokens: e.GRAPHQL_MAX_TOKENS,
      maxCost: e.GRAPHQL_MAX_COST,
      maxStringLength: e.GRAPHQL_MAX_STRING_LENGTH,
      maxResponseBytes: e.GRAPHQL_MAX_RESPONSE_BYTES,
    },
    analytics: {
      url: e.CLICKHOUSE_URL,
      user: e.CLICKHOUSE_USER,
      password: e.CLICKHOUSE_PASSWORD,
      database: e.CLICKHOUSE_DATABASE,
      caCertFile: e.CLICKHOUSE_CA_CERT ? path.resolve(e.CLICKHOUSE_CA_CERT) : undefined,
      cluster: e.CLICKHOUSE_CLUSTER,
      embeddedDir: path.resolve(e.CLICKHOUSE_EMBEDDED_DIR),
      syncSchedule: e.ANALYTICS_SYNC_SCHEDULE,
      maxRangeDays: e.STATS_MAX_RANGE_DAYS,
      maxRows: e.STATS_MAX_ROWS,
    },
    dashboardSessionHours: e.DASHBOARD_SESSION_HOURS,
    dashboardSignInPerMinute: e.DASHBOARD_SIGNIN_PER_MINUTE,
    rateLimitScope: e.RATE_LIMIT_SCOPE,
    dashboardMaxSessionsPerKey: e.DASHBOARD_MAX_SESSIONS_PER_KEY,
    trustProxy: e.TRUST_PROXY,
    credit: { penaltyLookBackDays: e.CREDIT_PENALTY_LOOKBACK_DAYS, rate: { perSecond: e.CREDIT_RATE_PER_SECOND, burst: e.CREDIT_RATE_BURST } },
  };
}

/** For entry points: on a bad configuration, print the one message and exit with status 2. */
export function loadConfigOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
}
