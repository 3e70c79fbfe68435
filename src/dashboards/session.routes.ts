import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../errors/domain-errors';
import type { Database } from '../db/database';
import type { Services } from '../server/services';
import { postgresRateLimitStore } from './sign-in-store';

export const SESSION_COOKIE = 'hub_session';

/**
 * POST /dashboards/api/session {key} signs in (sets the HttpOnly, SameSite=Strict session
 * cookie), GET says who is signed in, DELETE signs out. Errors are JSON with a code and a
 * message a person can read on the sign-in page.
 *
 * Sign-in is limited per client address (`request.ip`, which honours TRUST_PROXY), so a
 * key cannot be guessed at the speed the server answers. The cookie is `Secure` whenever
 * the request came over HTTPS, directly or through a trusted proxy.
 */
export async function sessionRoutes(
  app: FastifyInstance,
  services: Services,
  database: Pick<Database, 'db'>,
  opts: { hours: number; signInPerMinute: number; rateLimitScope: string },
): Promise<void> {
  // Its own scope: the rate-limit plugin decorates only the sign-in routes' context. Counts are
  // kept in Postgres, shared by every hub process.
  await app.register(async (scope) => {
    await scope.register(rateLimit, { global: false, store: postgresRateLimitStore(database.db, opts.rateLimitScope) });
    const attempt = scope.createRateLimit({ max: opts.signInPerMinute, timeWindow: 60_000 });
    const cookie = (request: FastifyRequest) => ({ path: '/', httpOnly: true, sameSite: 'strict' as const, secure: request.protocol === 'https' });
    const fail = (reply: FastifyReply, error: unknown) => {
      if (!(error instanceof DomainError)) throw error;
      const status = error.code === 'FORBIDDEN' ? 403 : error.code === 'UNAUTHENTICATED' ? 401 : 400;
      return reply.code(status).send({ error: { code: error.code, message: error.message } });
    };

    const limitSignIn = async (request: FastifyRequest, reply: FastifyReply) => {
      const limit = await attempt(request);
      if (limit.isAllowed || !limit.isExceeded) return;
      const seconds = Math.max(limit.ttlInSeconds, 1);
      return reply
        .code(429)
        .header('retry-after', String(seconds))
        .send({ error: { code: 'RATE_LIMITED', message: `登录尝试过于频繁，请 ${seconds} 秒后再试。Too many sign-in attempts from this address; try again in ${seconds} s.` } });
    };

    // onRequest: a refused attempt costs no body parsing and no key lookup.
    scope.post('/dashboards/api/session', { onRequest: limitSignIn }, async (request, reply) => {
      const key = (request.body as { key?: unknown } | null)?.key;
      try {
        const session = await services.dashboardSessions.signIn(typeof key === 'string' ? key : '');
        reply.setCookie(SESSION_COOKIE, session.token, { ...cookie(request), maxAge: opts.hours * 3600 });
        return {
          name: session.caller.name,
          role: session.caller.role,
          regionCodes: session.caller.regionCodes,
          categoryCodes: session.caller.categoryCodes,
          expiresAt: session.expiresAt.toISOString(),
        };
      } catch (error) {
        return fail(reply, error);
      }
    });

    scope.get('/dashboards/api/session', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'Not signed in.' } });
      try {
        const caller = await services.dashboardSessions.caller(token);
        return { name: caller.name, role: caller.role, regionCodes: caller.regionCodes, categoryCodes: caller.categoryCodes };
      } catch (error) {
        return fail(reply, error);
      }
    });

    scope.delete('/dashboards/api/session', async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) await services.dashboardSessions.signOut(token);
      reply.clearCookie(SESSION_COOKIE, cookie(request));
      return { signedOut: true };
    });
  });
}
