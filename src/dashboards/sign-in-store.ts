import type { Db } from '../db/database';
import { countInWindow } from './sign-in-window.repository';

type Incr = (error: Error | null, result?: { current: number; ttl: number }) => void;

/**
 * A store for @fastify/rate-limit that keeps its counts in Postgres, so that every hub process
 * behind a balancer counts a client's sign-in attempts together (the plugin's own store is
 * each process's memory: N processes would let N times the attempts through). `scope` names
 * the hub the counts belong to (RATE_LIMIT_SCOPE): separate hubs on one database keep apart.
 */
export function postgresRateLimitStore(db: Db, scope: string) {
  return class PostgresRateLimitStore {
    incr(key: string, callback: Incr, timeWindow: number): void {
      countInWindow(db, `${scope}:signin:${key}`, timeWindow).then(
        ({ current, ttlMs }) => callback(null, { current, ttl: Math.ceil(ttlMs) }),
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(): PostgresRateLimitStore {
      return this;
    }
  };
}
