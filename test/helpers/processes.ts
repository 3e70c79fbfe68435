import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { scanFetchesTo } from './leak-scanner';

// Node itself with tsx's loader, not the tsx command: the command runs the script in a
// child process, so a SIGKILL sent to it would miss the hub. By absolute path, so that a
// child may run in another folder (the cluster test's, with the engine's config.xml).
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const NODE_ARGS = ['--import', pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href];

/** Where a child runs: the project (the default), or `cwd` with the project's tsconfig still applied. */
export interface Placement {
  cwd?: string;
}
const placement = (where: Placement) => (where.cwd ? { cwd: where.cwd, env: { TSX_TSCONFIG_PATH: path.join(ROOT, 'tsconfig.json') } } : { cwd: ROOT, env: {} });

/**
 * The child's environment: the test's, then `env`. Each child gets an embedded analytics
 * folder of its own (removed when it exits), since only one process may hold one.
 */
function childEnv(given: Record<string, string | undefined>): { env: NodeJS.ProcessEnv; cleanup(): void } {
  const env: Record<string, string | undefined> = { DATABASE_REPLICA_URLS: replicasFor(given.DATABASE_URL), ...given };
  if (env.CLICKHOUSE_EMBEDDED_DIR !== undefined) return { env: { ...process.env, ...env }, cleanup: () => undefined };
  const dir = mkdtempSync(path.join(tmpdir(), 'prt-hub-test-ch-proc-'));
  return { env: { ...process.env, CLICKHOUSE_EMBEDDED_DIR: dir, ...env }, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The run's replicas (DATABASE_REPLICA_URLS, set by CI) for the database a child is given. None
 * for a child on an embedded Postgres, nor for one on a Postgres of its test's own.
 */
function replicasFor(databaseUrl: string | undefined): string | undefined {
  const replicas = process.env.DATABASE_REPLICA_URLS;
  if (!replicas || !databaseUrl || !process.env.DATABASE_URL) return undefined;
  // Only for a database of the run's server: a test's own Postgres has no replica.
  if (new URL(databaseUrl).host !== new URL(process.env.DATABASE_URL).host) return undefined;
  return replicasOfDatabase(replicas.split(','), databaseUrl).join(',');
}

/** The replicas' URLs for `databaseUrl`'s database: a streaming replica holds every database of its primary under the same name. */
export function replicasOfDatabase(replicas: readonly string[], databaseUrl: string): string[] {
  const name = new URL(databaseUrl).pathname;
  return replicas.map((replica) => {
    const url = new URL(replica.trim());
    url.pathname = name;
    return url.toString();
  });
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a hub entry point (src/main.ts or src/cli/main.ts) to completion. */
export function runTs(script: string, args: string[], env: Record<string, string | undefined>, timeoutMs = 90_000, where: Placement = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const at = placement(where);
    const childEnvironment = childEnv({ ...at.env, ...env });
    const child = spawn(process.execPath, [...NODE_ARGS, path.resolve(ROOT, script), ...args], { cwd: at.cwd, env: childEnvironment.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} timed out\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      childEnvironment.cleanup();
      resolve({ code, stdout, stderr });
    });
  });
}

export interface Server {
  child: ChildProcess;
  /** stdout and stderr as they arrived. */
  output(): string;
  /** stdout alone. */
  stdout(): string;
  /** Resolves with the output once `pattern` appears in it. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export function startServer(env: Record<string, string | undefined>, where: Placement = {}): Server {
  const at = placement(where);
  const childEnvironment = childEnv({ ...at.env, ...env });
  // fetch responses from this hub process go through the leak scanner (leak-scanner.ts).
  if (env.PORT) scanFetchesTo(() => (child.exitCode === null ? Number(env.PORT) : undefined));
  const child = spawn(process.execPath, [...NODE_ARGS, path.join(ROOT, 'src/main.ts')], { cwd: at.cwd, env: childEnvironment.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let stdout = '';
  child.stdout!.on('data', (d) => {
    output += d;
    stdout += d;
  });
  child.stderr!.on('data', (d) => (output += d));
  const exited = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      childEnvironment.cleanup();
      resolve(code);
    }),
  );
  return {
    child,
    output: () => output,
    stdout: () => stdout,
    waitFor: (pattern, timeoutMs = 90_000) =>
      new Promise((resolve, reject) => {
        const started = Date.now();
        const poll = setInterval(() => {
          if (pattern.test(output)) {
            clearInterval(poll);
            resolve(output);
          } else if (child.exitCode !== null || Date.now() - started > timeoutMs) {
            clearInterval(poll);
            reject(new Error(`never saw ${pattern}; output:\n${output}`));
          }
        }, 100);
      }),
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** True while a Postgres server runs on the data folder (its pid file names a live process). */
export function postgresRunning(dataDir: string): boolean {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return false;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A port for a child hub or its embedded Postgres to listen on, below Linux's ephemeral range
 * (32768 and up): an outgoing connection of any test can take a port there at any moment,
 * which once left an embedded Postgres of a child hub unable to bind.
 */
export const freePort = () => 20_000 + Math.floor(Math.random() * 12_000);
