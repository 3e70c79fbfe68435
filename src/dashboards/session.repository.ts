import { and, desc, eq, gt, isNull, lt, ne, notInArray } from 'drizzle-orm';
import type { ApiKeyRow } from '../auth/api-key.repository';
import type { Db } from '../db/database';
import * as t from '../db/schema';

/** The dashboard_sessions table: tokens are stored only as their SHA-256. */
export async function insertSession(db: Db, row: { tokenHash: string; keyId: number; expiresAt: Date }): Promise<void> {
  await db.insert(t.dashboardSessions).values(row);
}

/**
 * Ends the oldest sessions of a key beyond `keep` (the one just made always stays), so a
 * leaked or scripted key cannot pile up sessions without bound.
 */
export async function trimSessionsOfKey(db: Db, keyId: number, newest: string, keep: number): Promise<number> {
  const others = db
    .select({ tokenHash: t.dashboardSessions.tokenHash })
    .from(t.dashboardSessions)
    .where(and(eq(t.dashboardSessions.keyId, keyId), ne(t.dashboardSessions.tokenHash, newest)))
    .orderBy(desc(t.dashboardSessions.createdAt), desc(t.dashboardSessions.tokenHash))
    .limit(Math.max(keep - 1, 0));
  const ended = await db
    .delete(t.dashboardSessions)
    .where(and(eq(t.dashboardSessions.keyId, keyId), ne(t.dashboardSessions.tokenHash, newest), notInArray(t.dashboardSessions.tokenHash, others)))
    .returning({ tokenHash: t.dashboardSessions.tokenHash });
  return ended.length;
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.delete(t.dashboardSessions).where(lt(t.dashboardSessions.expiresAt, now));
}

/** The key behind a live session: not expired, key not revoked. */
export async function findSessionKey(db: Db, tokenHash: string, now: Date): Promise<ApiKeyRow | undefined> {
  const [row] = await db
    .select({ key: t.apiKeys })
    .from(t.dashboardSessions)
    .innerJoin(t.apiKeys, eq(t.apiKeys.id, t.dashboardSessions.keyId))
    .where(and(eq(t.dashboardSessions.tokenHash, tokenHash), gt(t.dashboardSessions.expiresAt, now), isNull(t.apiKeys.revokedAt)));
  return row?.key;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.delete(t.dashboardSessions).where(eq(t.dashboardSessions.tokenHash, tokenHash));
}
