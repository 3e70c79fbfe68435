import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import type { Logger } from 'pino';
import { withAdvisoryLock, withConnection } from '../../db/advisory-lock';
import type { Database } from '../../db/database';
import type { AnalyticsStore } from '../store';
import { ANALYTICS_TABLES, idList, type AnalyticsTable } from './tables';

// Held for a whole sync, so a rebuild from the CLI and the hub's own sync never interleave;
// early warning takes it for a moment to read a watermark no half-copied round lies below.
export const SYNC_LOCK = 7_150_004;
/** Batches per incremental round: the subqueries inline their ids. */
const BATCHES_PER_ROUND = 200;
/** Rows go to ClickHouse in inserts of about this many bytes of CSV. */
const INSERT_BYTES = 32 * 1024 * 1024;

export interface SyncProgress {
  table: string;
  rows: number;
  ms: number;
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
  private readonly synced: Array<() => Promise<unknown>> = [];

  constructor(
    private readonly database: Database,
    private readonly store: AnalyticsStore,
    private readonly log: Logger,
  ) {}

  /**
   * Calls `hook` after every sync that copied at least one batch (early warning's incremental
   * run), within the sync: whoever waits for a sync waits for what follows it, and a request
   * that comes meanwhile makes it go round again. The hook handles its own errors.
   */
  onSynced(hook: () => Promise<unknown>): void {
    this.synced.push(hook);
  }

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

  /**
   * Resolves when no sync is running or asked for, starting none (start-up waits for the
   * sync it requested). Its failure is logged by whoever started it, not here.
   */
  async idle(): Promise<void> {
    while (this.inFlight) await this.inFlight.catch(() => undefined);
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
        if (result.batches > 0) for (const hook of this.synced) await hook();
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
      for (const table of ANALYTICS_TABLES) await this.store.truncate(table.name);
      const rows = await this.copyTables(client, null, options);
      await client.query(`update batches set analytics_synced_at = now() where id = any($1::bigint[])`, [committed.rows.map((r) => r.id)]);
      return { status: 'done', batches: committed.rows.length, rows, ms: Date.now() - started };
    });
  }

  /**
   * Copies again every row with an amount in a currency other than yuan, so that exchange
   * rates loaded since convert it (or a rate corrected converts it anew). Such rows are few:
   * the sync computes each project's award total over all its awards here.
   */
  async resyncForeignAmounts(): Promise<SyncResult> {
    return this.withLock(async (client) => {
      const started = Date.now();
      const version = this.nextVersion();
      const rows: Record<string, number> = {};
      for (const table of ANALYTICS_TABLES) {
        if (!table.foreignAmounts) continue;
        rows[table.name] = await this.copyTable(client, table, table.select(version, `(${table.foreignAmounts})`, null));
      }
      return { status: 'done', batches: 0, rows, ms: Date.now() - started };
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
      for (const [table, n] of Object.entries(await this.copyTables(client, ids, options))) result.rows[table] = (result.rows[table] ?? 0) + n;
      await client.query(`update batches set analytics_synced_at = now() where id = any('{${ids}}'::bigint[])`);
      result.batches += batches.length;
    }
    result.ms = Date.now() - started;
    if (result.batches > 0) this.log.info(result, 'analytics sync: batches copied to the analytics store');
    return result;
  }

  /**
   * Copies every analytics table in order (entities and projects before the tables that
   * take their dimensions), all with one new sync version: the rows the listed batches
   * touched, or with `batches` null everything. Returns the rows copied per table.
   */
  private async copyTables(client: pg.PoolClient, batches: string | null, options: SyncOptions): Promise<Record<string, number>> {
    const version = this.nextVersion();
    const rows: Record<string, number> = {};
    for (const table of ANALYTICS_TABLES) {
      const started = Date.now();
      const where = batches === null ? 'true' : `(${table.touched(batches)})`;
      rows[table.name] = await this.copyTable(client, table, table.select(version, where, batches));
      const ms = Date.now() - started;
      this.log.debug({ table: table.name, rows: rows[table.name], ms }, 'analytics table copied');
      await options.afterTable?.({ table: table.name, rows: rows[table.name]!, ms });
    }
    return rows;
  }

  /**
   * Streams one SELECT out of Postgres as CSV and into the ClickHouse table, in inserts of
   * about INSERT_BYTES cut at row ends: memory stays bounded however large the table (the
   * embedded engine takes each insert whole), and the next piece is read from Postgres
   * while the previous one is inserted. Returns the rows copied.
   */
  private async copyTable(client: pg.PoolClient, table: AnalyticsTable, select: string): Promise<number> {
    // A rebuild aggregates every child table by project (10 million bids: a million groups);
    // with the default 4 MB Postgres spills them to disk. SET LOCAL, in a transaction of the
    // copy's own: a session SET would outlive it on a pooler's shared connection.
    await client.query('begin');
    try {
      await client.query(`set local work_mem = '256MB'`);
      const rows = await this.streamTable(client, table, select);
      await client.query('commit');
      return rows;
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    }
  }

  private async streamTable(client: pg.PoolClient, table: AnalyticsTable, select: string): Promise<number> {
    const target = table.staging?.table ?? table.name;
    // A staging table left by a crashed sync holds nothing this round needs.
    if (table.staging) await this.store.truncate(target);
    const source = client.query(copyTo(`copy (${select}) to stdout with (format csv, null '\\N')`));
    // Each piece's deduplication token on a cluster: this copy, then the piece's number.
    const round = randomUUID();
    let piece = 0;
    const insert = (body: Buffer) => this.store.insert(target, { csv: body, columns: table.columns }, `${target}:${round}:${piece++}`);
    let rows = 0;
    let inQuotes = false;
    let complete: Buffer[] = [];
    let completeBytes = 0;
    let partial: Buffer[] = [];
    let inFlight: Promise<unknown> = Promise.resolve();
    try {
      for await (const chunk of source as AsyncIterable<Buffer>) {
        // A row ends at a newline outside quotes (Postgres quotes fields holding newlines).
        let lastEnd = -1;
        for (let i = 0; i < chunk.length; i++) {
          const c = chunk[i];
          if (c === 34) inQuotes = !inQuotes;
          else if (c === 10 && !inQuotes) {
            rows++;
            lastEnd = i;
          }
        }
        if (lastEnd < 0) {
          partial.push(chunk);
          continue;
        }
        complete.push(...partial, chunk.subarray(0, lastEnd + 1));
        completeBytes += partial.reduce((n, b) => n + b.length, 0) + lastEnd + 1;
        partial = lastEnd + 1 < chunk.length ? [chunk.subarray(lastEnd + 1)] : [];
        if (completeBytes >= INSERT_BYTES) {
          await inFlight;
          inFlight = insert(Buffer.concat(complete, completeBytes));
          complete = [];
          completeBytes = 0;
        }
      }
      if (partial.length > 0) throw new Error(`the export of ${table.name} ended inside a row`);
      await inFlight;
      if (completeBytes > 0) await insert(Buffer.concat(complete, completeBytes));
      if (table.staging) {
        await this.store.command(table.staging.finish);
        await this.store.truncate(target);
      }
    } catch (error) {
      source.destroy();
      await inFlight.catch(() => undefined);
      throw error;
    }
    return rows;
  }

  private async withLock(work: (client: pg.PoolClient) => Promise<SyncResult>): Promise<SyncResult> {
    const result = await withAdvisoryLock(this.database.pool, SYNC_LOCK, 'try', () => withConnection(this.database.pool, work));
    return result ?? { status: 'busy', batches: 0, rows: {}, ms: 0 };
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
