import { createHash, randomBytes } from 'node:crypto';
import type { ApiKeyService } from '../auth/api-key.service';
import { toCaller } from '../auth/api-key.service';
import type { Caller, Role } from '../auth/caller';
import type { Db } from '../db/database';
import { ForbiddenError, UnauthenticatedError } from '../errors/domain-errors';
import { deleteExpiredSessions, deleteSession, findSessionKey, insertSession, trimSessionsOfKey } from './session.repository';

/** Who may sign in to the dashboards: the roles the statistics API serves. */
export const DASHBOARD_ROLES: readonly Role[] = ['policy', 'supervisor', 'admin'];

const hash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * Dashboard sign-in: an API key is exchanged once for a session token that lives in an
 * HttpOnly cookie and expires. Requests carrying the cookie act as the key, with exactly
 * its role and remit; a revoked key ends its sessions at once. A key holds at most
 * `maxPerKey` sessions: a sign-in beyond that ends the key's oldest one.
 */
export class DashboardSessionService {
  constructor(
    private readonly db: Db,
    private readonly apiKeys: ApiKeyService,
    private readonly hours: number,
    private readonly maxPerKey = 20,
  ) {}

  async signIn(key: string): Promise<{ token: string; caller: Caller; expiresAt: Date }> {
    if (!key.trim()) throw new UnauthenticatedError('Enter an API key.');
    const caller = await this.apiKeys.authenticate(key.trim());
    if (!caller) throw new UnauthenticatedError('Enter an API key.');
    if (!DASHBOARD_ROLES.includes(caller.role)) {
      throw new ForbiddenError(`A ${caller.role} key cannot open the statistics dashboards; they are for ${DASHBOARD_ROLES.join(', ')} keys.`);
    }
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.hours * 3600_000);
    await insertSession(this.db, { tokenHash: hash(token), keyId: caller.keyId, expiresAt });
    await trimSessionsOfKey(this.db, caller.keyId, hash(token), this.maxPerKey);
    // Expired sessions go as new ones come: no job needed.
    await deleteExpiredSessions(this.db, new Date());
    return { token, caller, expiresAt };
  }

  /** The caller behind a session cookie; an unknown, expired or revoked one is UNAUTHENTICATED. */
  async caller(token: string): Promise<Caller> {
    const key = await findSessionKey(this.db, hash(token), new Date());
    if (!key) throw new UnauthenticatedError('Your dashboard session has expired or ended; sign in again.');
    return toCaller(key);
  }

  async signOut(token: string): Promise<void> {
    await deleteSession(this.db, hash(token));
  }
}
