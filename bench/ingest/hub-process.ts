import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

// Node itself with tsx's loader (not the tsx command, which would run the hub in a
// grandchild): the child's pid is then the hub's, and /proc/<pid> is its memory.
const NODE_ARGS = ['--import', 'tsx'];
const run = promisify(execFile);

/** A port nothing listens on now, chosen by the kernel. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** One line of /proc/<pid>/status in bytes (VmRSS now, VmHWM the peak so far), or 0 once gone. */
function procMemory(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const line = readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith(`${field}:`));
    return line ? Number(/(\d+)/.exec(line)![1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface HubProcess {
  baseUrl: string;
  child: ChildProcess;
  /** The hub's resident memory now, in bytes. */
  rss(): number;
  /** The hub's peak resident memory in bytes: the kernel's high-water mark, and the largest sample. */
  peakRss(): number;
  /** Issues an admin key with the CLI against the hub's database, as an operator would. */
  adminKey(): Promise<string>;
  stop(): Promise<void>;
}

/**
 * Starts src/main.ts as a process of its own on `databaseUrl`, with no demo data, no ETL
 * jobs and an analytics folder in `dir`, and resolves once it answers /readyz.
 */
export async function startHub(databaseUrl: string, dir: string): Promise<HubProcess> {
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    DEMO_DATA: 'off',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'warn',
    CLICKHOUSE_EMBEDDED_DIR: path.join(dir, 'clickhouse'),
    ETL_JOBS_FILE: path.join(dir, 'no-jobs.json'),
    NODE_ENV: 'production',
  };
  const child = spawn(process.execPath, [...NODE_ARGS, ...(process.env.HUB_NODE_ARGS?.split(' ').filter(Boolean) ?? []), 'src/main.ts'], {
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (d: Buffer) => void (output = (output + d.toString()).slice(-20_000));
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let sampled = 0;
  const sampler = setInterval(() => (sampled = Math.max(sampled, procMemory(child.pid!, 'VmRSS'))), 200);
  const baseUrl = `http://127.0.0.1:${port}`;
  for (const started = Date.now(); ;) {
    if (child.exitCode !== null) throw new Error(`the hub exited at start-up:\n${output}`);
    if (Date.now() - started > 180_000) throw new Error(`the hub was not ready after 180 s:\n${output}`);
    const ready = await fetch(`${baseUrl}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    baseUrl,
    child,
    rss: () => procMemory(child.pid!, 'VmRSS'),
    peakRss: () => Math.max(sampled, procMemory(child.pid!, 'VmHWM')),
    adminKey: async () => {
      const { stdout } = await run(process.execPath, [...NODE_ARGS, 'src/cli/main.ts', 'keys', 'create', '--role', 'admin', '--name', 'bench:ingest'], { env });
      return stdout.trim();
    },
    stop: async () => {
      clearInterval(sampler);
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
