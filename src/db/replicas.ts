import type { Logger } from 'pino';
import type pg from 'pg';

/**
 * Streaming replicas of the system of record, and which of them may serve a read now.
 *
 * Reads that may lag (credit lookups, entity search, lists, the OCDS export) go to a replica;
 * what must read its own writes (receipts, the warning review) never comes here. A replica
 * is served only while it is within `maxLagMs` of the primary and answers; one that falls
 * behind, stops answering or is no longer a standby is skipped, and the read goes to the
 * primary instead: a stale blacklist answer is worse than a slower one.
 */

export interface ReplicaStatus {
  /** host:port/database, never the credentials. */
  name: string;
  serving: boolean;
  /** How far behind the primary at the last check, in seconds; null when it did not answer. */
  lagSeconds: number | null;
  /** Why it is skipped, in words; null while serving. */
  skippedBecause: string | null;
  checkedAt: Date | null;
}

export interface ReplicaOptions {
  /** A replica further behind than this is skipped. */
  maxLagMs: number;
  /** How often each replica's lag is measured. */
  checkEveryMs: number;
  log?: Logger;
}

interface Replica<D> {
  status: ReplicaStatus;
  pool: pg.Pool;
  db: D;
  /** The pool's own query, without the fall-back to the primary: what the checks use. */
  probe: pg.Pool['query'];
}

/** host:port/database of a connection URL: what logs and the status may show. */
export function replicaName(url: string): string {
  const u = new URL(url);
  return `${u.hostname}:${u.port || '5432'}${u.pathname}`;
}

export class ReplicaSet<D> {
  private readonly replicas: Replica<D>[];
  private next = 0;
  private timer: NodeJS.Timeout | null = null;
  private checking: Promise<void> | null = null;

  constructor(
    /** `pool` takes a read whose replica failed; `probe`, a connection of its own, the lag checks. */
    private readonly primary: { pool: pg.Pool; db: D; probe?: pg.Pool },
    replicas: Array<{ url: string; pool: pg.Pool; db: D }>,
    private readonly opts: ReplicaOptions,
    isUnavailable: (error: unknown) => boolean,
  ) {
    // Until its first check a replica is not trusted: the first reads go to the primary.
    this.replicas = replicas.map((r) => {
      const replica: Replica<D> = {
        pool: r.pool,
        db: r.db,
        probe: r.pool.query.bind(r.pool) as pg.Pool['query'],
        status: { name: replicaName(r.url), serving: false, lagSeconds: null, skippedBecause: 'not checked yet', checkedAt: null },
      };
      fallBackOnFailure(r.pool, primary.pool, isUnavailable, (error) => this.skip(replica, `does not answer (${describe(error)})`, null));
      return replica;
    });
  }

  /** A replica that may serve a read now (each in turn), or the primary when none may. */
  pick(): D {
    const serving = this.replicas.filter((r) => r.status.serving);
    if (serving.length === 0) return this.primary.db;
    this.next = (this.next + 1) % serving.length;
    return serving[this.next]!.db;
  }

  statuses(): ReplicaStatus[] {
    return this.replicas.map((r) => ({ ...r.status }));
  }

  /** Measures every replica once (concurrent calls share one round). */
  check(): Promise<void> {
    this.checking ??= Promise.all(this.replicas.map((r) => this.checkOne(r))).then(
      () => void (this.checking = null),
      () => void (this.checking = null),
    );
    return this.checking;
  }

  /** Checks now, then every checkEveryMs until stop(). */
  async start(): Promise<void> {
    if (this.replicas.length === 0) return;
    await this.check();
    this.timer = setInterval(() => void this.check(), this.opts.checkEveryMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private async checkOne(replica: Replica<D>): Promise<void> {
    let measured: { database: string; standby: boolean; replayed: string | null; sinceReplayMs: number | null };
    try {
      const { rows } = await replica.probe<{ database: string; standby: boolean; replayed: string | null; since_replay_ms: string | null }>(
        `select current_database() as database, pg_is_in_recovery() as standby, pg_last_wal_replay_lsn()::text as replayed,
                (extract(epoch from clock_timestamp() - pg_last_xact_replay_timestamp()) * 1000)::bigint::text as since_replay_ms`,
      );
      const row = rows[0]!;
      measured = { database: row.database, standby: row.standby, replayed: row.replayed, sinceReplayMs: row.since_replay_ms === null ? null : Number(row.since_replay_ms) };
    } catch (error) {
      this.skip(replica, `does not answer (${describe(error)})`, null);
      return;
    }
    if (!measured.standby || measured.replayed === null) {
      // Promoted, or pointed at a primary by mistake: its data may have parted from ours.
      this.skip(replica, 'is not a standby (promoted, or not a replica)', null);
      return;
    }
    let behindBytes: number;
    try {
      const { rows } = await (this.primary.probe ?? this.primary.pool).query<{ database: string; behind: string }>(
        'select current_database() as database, pg_wal_lsn_diff(pg_current_wal_lsn(), $1::pg_lsn)::text as behind',
        [measured.replayed],
      );
      if (rows[0]!.database !== measured.database) {
        // A replica URL naming another database of the same server would answer from the wrong data.
        this.skip(replica, `holds database ${measured.database}, not the primary's ${rows[0]!.database}`, null);
        return;
      }
      behindBytes = Number(rows[0]!.behind);
    } catch {
      // The primary is what is unwell; the replica's lag cannot be known: keep its last state.
      return;
    }
    // Replayed everything the primary had written: no lag. Otherwise the lag is the age of the
    // last transaction it replayed (the standard measure; it overstates after a long idle spell,
    // which only sends reads to the primary a little longer).
    const lagMs = behindBytes <= 0 ? 0 : Math.max(0, measured.sinceReplayMs ?? Number.POSITIVE_INFINITY);
    const lagSeconds = Number.isFinite(lagMs) ? Math.round(lagMs) / 1000 : null;
    if (lagMs > this.opts.maxLagMs) {
      this.skip(
        replica,
        `is ${lagSeconds === null ? 'behind (nothing replayed yet)' : `${lagSeconds} s behind`}, more than the ${this.opts.maxLagMs / 1000} s allowed`,
        lagSeconds,
      );
      return;
    }
    if (!replica.status.serving) this.opts.log?.info({ replica: replica.status.name, lagSeconds }, 'read replica within its allowed lag: serving reads again');
    replica.status = { name: replica.status.name, serving: true, lagSeconds, skippedBecause: null, checkedAt: new Date() };
  }

  private skip(replica: Replica<D>, because: string, lagSeconds: number | null): void {
    if (replica.status.serving || replica.status.checkedAt === null) {
      this.opts.log?.warn({ replica: replica.status.name, lagSeconds }, `read replica ${because}: its reads go to the primary`);
    }
    replica.status = { name: replica.status.name, serving: false, lagSeconds, skippedBecause: because, checkedAt: new Date() };
  }
}

function describe(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.slice(0, 200);
}

/**
 * A read sent to a replica that has just gone (between two checks) is sent again to the
 * primary rather than failing the caller; the replica is skipped from then on. Reads only
 * ever come here, so sending one twice changes nothing.
 */
function fallBackOnFailure(replicaPool: pg.Pool, primary: pg.Pool, isUnavailable: (error: unknown) => boolean, onFailure: (error: unknown) => void): void {
  const pool = replicaPool as unknown as { query: (...args: unknown[]) => unknown };
  const query = pool.query.bind(pool);
  const primaryQuery = (primary as unknown as { query: (...args: unknown[]) => unknown }).query.bind(primary);
  pool.query = (...args: unknown[]) => {
    const result = query(...args);
    if (!(result instanceof Promise)) return result; // callback style: not used by the hub
    return result.catch((error: unknown) => {
      if (!isUnavailable(error)) throw error;
      onFailure(error);
      return primaryQuery(...args);
    });
  };
}
