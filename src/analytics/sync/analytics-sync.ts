import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Logger } from 'pino';
import type { Database } from '../../db/database';
import type { AnalyticsStore } from '../store';
import { ANALYTICS_TABLES, idList, type AnalyticsTable } from './tables';

// Held for a whole sync, so a rebuild from the CLI and the hub's own sync never interleave.
const SYNC_LOCK = 7_150_004;
/** Batches per incremental round: the subqueries inline their ids. */
const BATCHES_PER_ROUND = 200;

export interface SyncProgress {
  table: string;
  rows: number;
}

export interface SyncResult {
  status: 'done' | 'busy';
  batches: number;
  rows: Record<string, number>;
  ms: number;
}

export interface SyncOptions {
  /** Called after each table is written; a test throws here to crash the sync midway. */
  afterTable?: (progress: SyncProgress) => void | Promise<void>;
}

/**
 * Copies Postgres (the system of record) into the analytics store. Incremental: the
 * watermark is `batches.analytics_synced_at`; each round takes the committed batches not yet
 * synced, copies every row they touched with a new `sync_version`, and only then marks them
 * synced. A crash in between repeats the round; ReplacingMergeTree keeps the newest copy of
 * each row and reads use FINAL, so a repeat adds nothing. A rebuild empties the store and
 * copies everything.
 */
export class AnalyticsSync {
  private lastVersion = 0;
  private inFlight: Promise<SyncResult> | null = null;
  private again = false;

  constructor(
    private readonly database: Database,
    private readonly store: AnalyticsStore,
    private readonly log: Logger,
  ) {}

  /**
   * Asks for a sync soon (after a committed batch): one runs at a time, and a request that
   * arrives while one runs makes it go round once more rather than queueing many.
   */
  request(): void {
    if (this.inFlight) {
      this.again = true;
      return;
    }
    void this.syncPending().catch((error: unknown) => this.log.error({ err: error }, 'analytics sync failed; it retries on the next batch or schedule'));
  }

  /** Syncs every committed batch not yet in the analytics store. */
  async syncPending(options: SyncOptions = {}): Promise<SyncResult> {
    if (this.inFlight) return this.inFlight;
    this.inFlight = (async () => {
      let total: SyncResult = { status: 'done', batches: 0, rows: {}, ms: 0 };
      do {
        this.again = false;
        const result = await this.withLock((client) => this.syncRounds(client, options));
        total = merge(total, result);
      } while (this.again && total.status === 'done');
      return total;
    })().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /** Empties the analytics tables and copies everything again, reporting each table's rows. */
  async rebuild(options: SyncOptions = {}): Promise<SyncResult> {
    return this.withLock(async (client) => {
      const started = Date.now();
      // The batches whose rows the copy will certainly see; later ones stay pending.
      const committed = await client.query<{ id: string }>(`select id from batches where status = 'committed'`);
      for (const table of ANALYTICS_TABLES) await this.store.command(`TRUNCATE TABLE IF EXISTS ${table.name}`);
      const version = this.nextVersion();
      const rows: Record<string, number> = {};
      for (const table of ANALYTICS_TABLES) {
        rows[table.name] = await this.copyTable(client, table, table.select(version, 'true', null));
        this.log.info({ table: table.name, rows: rows[table.name] }, 'analytics rebuild: table copied');
        await options.afterTable?.({ table: table.name, rows: rows[table.name]! });
      }
      await client.query(`update batches set analytics_synced_at = now() where id = any($1::bigint[])`, [committed.rows.map((r) => r.id)]);
      return { status: 'done', batches: committed.rows.length, rows, ms: Date.now() - started };
    });
  }

  /** How many committed batches wait for the analytics store, and since when. */
  async pending(): Promise<{ batches: number; oldestCommittedAt: Date | null }> {
    const { rows } = await this.database.pool.query<{ n: number; oldest: Date | null }>(
      `select count(*)::int as n, min(committed_at) as oldest from batches where status = 'committed' and analytics_synced_at is null`,
    );
    return { batches: rows[0]!.n, oldestCommittedAt: rows[0]!.oldest };
  }

  private async syncRounds(client: pg.PoolClient, options: SyncOptions): Promise<SyncResult> {
    const started = Date.now();
    const result: SyncResult = { status: 'done', batches: 0, rows: {}, ms: 0 };
    for (;;) {
      const { rows: batches } = await client.query<{ id: string }>(
        `select id from batches where status = 'committed' and analytics_synced_at is null order by committed_at, id limit ${BATCHES_PER_ROUND}`,
      );
      if (batches.length === 0) break;
      const ids = idList(batches.map((b) => Number(b.id)));
      const version = this.nextVersion();
      for (const table of ANALYTICS_TABLES) {
        const n = await this.copyTable(client, table, table.select(version, `(${table.touched(ids)})`, ids));
        result.rows[table.name] = (result.rows[table.name] ?? 0) + n;
        await options.afterTable?.({ table: table.name, rows: n });
      }
      await client.query(`update batches set analytics_synced_at = now() where id = any('{${ids}}'::bigint[])`);
      result.batches += batches.length;
    }
    result.ms = Date.now() - started;
    if (result.batches > 0) this.log.info(result, 'analytics sync: batches copied to the analytics store');
    return result;
  }

  /** Streams one SELECT out of Postgres as CSV and into the ClickHouse table; returns rows copied. */
  private async copyTable(client: pg.PoolClient, table: AnalyticsTable, select: string): Promise<number> {
    let rows = 0;
    const source = client.query(copyTo(`copy (${select}) to stdout with (format csv, null '\\N')`));
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        for (let i = 0; i < chunk.length; i++) if (chunk[i] === 10) rows++;
        done(null, chunk);
      },
    });
    const insert = this.store.client.insert({
      table: table.name,
      values: counter,
      format: 'CSV',
      columns: table.columns as [string, ...string[]],
    });
    // Newlines inside quoted text would be over-counted; the count is for progress only.
    await Promise.all([pipeline(source, counter), insert]);
    return rows;
  }

  private async withLock(work: (client: pg.PoolClient) => Promise<SyncResult>): Promise<SyncResult> {
    const client = await this.database.pool.connect();
    try {
      const lock = await client.query<{ ok: boolean }>('select pg_try_advisory_lock($1) as ok', [SYNC_LOCK]);
      if (!lock.rows[0]!.ok) return { status: 'busy', batches: 0, rows: {}, ms: 0 };
      try {
        return await work(client);
      } finally {
        await client.query('select pg_advisory_unlock($1)', [SYNC_LOCK]);
      }
    } finally {
      client.release();
    }
  }

  /** Microseconds since the epoch, strictly increasing within this process. */
  private nextVersion(): number {
    this.lastVersion = Math.max(Date.now() * 1000, this.lastVersion + 1);
    return this.lastVersion;
  }
}

function merge(a: SyncResult, b: SyncResult): SyncResult {
  const rows = { ...a.rows };
  for (const [k, v] of Object.entries(b.rows)) rows[k] = (rows[k] ?? 0) + v;
  return { status: b.status === 'busy' && a.batches === 0 ? 'busy' : 'done', batches: a.batches + b.batches, rows, ms: a.ms + b.ms };
}
