import { execFileSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, inject, it } from 'vitest';
import * as t from '../src/db/schema';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres';
import { runMigrations } from '../src/db/migrate';
import { openDatabase } from '../src/db/database';
import { pushBatch, waitForReceipt } from '../src/ingestion/push-client';
import { seedReferenceData } from '../src/registry/registry.repository';
import { createLogger } from '../src/server/logger';
import { recordsStoredBy } from './helpers/heads';
import { Factory } from './helpers/factories';
import { freePort, startServer } from './helpers/processes';
import { ndjson, Records } from './helpers/records';
import { createTestHub } from './helpers/test-hub';

/** A batch big enough to be caught in the middle: projects with bids. */
function bigBatch(r: Records, projects: number): string[] {
  const records: object[] = [];
  for (let i = 0; i < projects; i++) {
    const p = r.project();
    records.push(p, r.bid(p.id, r.firm()), r.bid(p.id, r.firm()), r.award(p.id, r.firm()));
  }
  return ndjson(records);
}

const gql = async (baseUrl: string, key: string, query: string) => {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query }),
  });
  return ((await response.json()) as { data: any }).data;
};

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('faults', () => {
  it('a hub killed with SIGKILL mid-batch shows nothing of the batch, and the re-push completes it', async () => {
    const hub = await createTestHub();
    const key = await new Factory(hub.database.db, hub.services).key('platform', { platform: 'P152900' });
    const port = freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const r = new Records();
    const lines = bigBatch(r, 3000);
    const idempotencyKey = `kill-${r.tag}`;
    let server = startServer({ DATABASE_URL: inject('databaseUrl'), PORT: String(port), LOG_LEVEL: 'info' });
    try {
      await server.waitFor(/hub is serving GraphQL/);
      const pushing = pushBatch(lines, { baseUrl, key, idempotencyKey, partSize: 5000 }).catch((e: Error) => e);
      let batchId = 0;
      await waitUntil(async () => {
        const [b] = await hub.database.db.select().from(t.batches).where(eq(t.batches.idempotencyKey, idempotencyKey));
        batchId = b?.id ?? 0;
        return b?.status === 'processing' && b.progressLines > 0;
      });
      expect(await server.stop('SIGKILL')).toBeNull();
      expect(await pushing).toBeInstanceOf(Error);

      const [batch] = await hub.database.db.select().from(t.batches).where(eq(t.batches.id, batchId));
      expect(batch!.status).toBe('processing');
      const visible = await hub.database.db
        .select({ n: sql<number>`count(*)::int` })
        .from(t.projects)
        .where(eq(t.projects.batchId, batchId));
      expect(visible[0]!.n).toBe(0);
      expect(await recordsStoredBy(hub.database.db, batchId)).toEqual([]);

      server = startServer({ DATABASE_URL: inject('databaseUrl'), PORT: String(port) });
      await server.waitFor(/hub is serving GraphQL/);
      const receipt = await pushBatch(lines, { baseUrl, key, idempotencyKey, partSize: 5000 });
      expect(receipt).toMatchObject({ id: String(batchId), status: 'committed', counts: { received: 12000, stored: 12000, rejected: 0 } });
      const listed = await gql(baseUrl, key, `{ projects(filter: { text: "${r.tag}" }) { totalCount } }`);
      expect(listed.projects.totalCount).toBe(3000);
    } finally {
      await server.stop('SIGKILL');
      await hub.close();
    }
  }, 240_000);

  it('Postgres restarted during a batch: the batch fails cleanly and can be re-sent', async () => {
    const parent = await mkdtemp(path.join(tmpdir(), 'hub-restart-'));
    await chmod(parent, 0o755);
    const dataDir = path.join(parent, 'pg');
    const log = createLogger('silent');
    const pg = await startEmbeddedPostgres({ dataDir, port: freePort(), database: 'hub_restart_test', log });
    const setup = openDatabase({ url: pg.url, poolMax: 2 });
    await runMigrations(setup.pool);
    await seedReferenceData(setup.db);
    await setup.close();
    const port = freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const server = startServer({ DATABASE_URL: pg.url, PORT: String(port) });
    const db = openDatabase({ url: pg.url, poolMax: 2 });
    try {
      await server.waitFor(/hub is serving GraphQL/);
      const keyRun = execFileSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'keys', 'create', '--role', 'platform', '--platform', 'P152900', '--name', 'restart'], {
        env: { ...process.env, DATABASE_URL: pg.url, DATABASE_REPLICA_URLS: undefined },
      });
      const key = keyRun.toString().trim();
      const r = new Records();
      const lines = bigBatch(r, 3000);
      const idempotencyKey = `restart-${r.tag}`;
      const pushing = pushBatch(lines, { baseUrl, key, idempotencyKey, partSize: 5000, timeoutMs: 120_000 }).catch((e: Error) => e);
      await waitUntil(async () => {
        const [b] = await db.db
          .select()
          .from(t.batches)
          .where(eq(t.batches.idempotencyKey, idempotencyKey))
          .catch(() => []);
        return b?.status === 'processing' && b.progressLines > 0;
      });
      const pgCtl = (await import(`@embedded-postgres/${process.platform}-${process.arch}`)) as { pg_ctl: string };
      // The restarted server must not inherit this process's pipes (it would hold them open).
      execFileSync('su', ['postgres', '-s', '/bin/sh', '-c', `${pgCtl.pg_ctl} restart -w -m fast -D ${dataDir} -l ${dataDir}/server.log`], { stdio: 'ignore' });

      const failed = await pushing;
      const receipt = failed instanceof Error ? null : failed;
      let [batch] = await db.db
        .select()
        .from(t.batches)
        .where(eq(t.batches.idempotencyKey, idempotencyKey))
        .catch(() => []);
      if (!batch) [batch] = await db.db.select().from(t.batches).where(eq(t.batches.idempotencyKey, idempotencyKey));
      if (receipt) expect(receipt.status).toBe('failed');
      await waitUntil(
        async () =>
          (
            await db.db
              .select()
              .from(t.batches)
              .where(eq(t.batches.id, batch!.id))
              .catch(() => [])
          )[0]?.status === 'failed',
      );
      const [after] = await db.db.select().from(t.batches).where(eq(t.batches.id, batch!.id));
      expect(after!.error).toMatch(/nothing of the batch was stored/);
      const visible = await db.db
        .select({ n: sql<number>`count(*)::int` })
        .from(t.projects)
        .where(eq(t.projects.batchId, batch!.id));
      expect(visible[0]!.n).toBe(0);

      const resent = await pushBatch(lines, { baseUrl, key, idempotencyKey, partSize: 5000 });
      expect(resent).toMatchObject({ id: String(batch!.id), status: 'committed', counts: { stored: 12000 } });
      expect((await waitForReceipt({ baseUrl, key, idempotencyKey }, resent.id)).status).toBe('committed');
    } finally {
      await server.stop('SIGKILL');
      await db.close().catch(() => undefined);
      await pg.stop().catch(() => undefined);
      await rm(parent, { recursive: true, force: true });
    }
  }, 240_000);
});
