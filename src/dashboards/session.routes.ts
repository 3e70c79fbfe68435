import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../errors/domain-errors';
import type { Services } from '../server/services';

export const SESSION_COOKIE = 'hub_session';

/**
 * POST /dashboards/api/session {key} signs in (sets the HttpOnly, SameSite=Strict session
 * cookie), GET says who is signed in, DELETE signs out. Errors are JSON with a code and a
 * message a person can read on the sign-in page.
 */
export async function sessionRoutes(app: FastifyInstance, services: Services, opts: { secure: boolean; hours: number }): Promise<void> {
  const cookie = { path: '/', httpOnly: true, sameSite: 'strict' as const, secure: opts.secure };
  const fail = (reply: FastifyReply, error: unknown) => {
    if (!(error instanceof DomainError)) throw error;
    const status = error.code === 'FORBIDDEN' ? 403 : error.code === 'UNAUTHENTICATED' ? 401 : 400;
    return reply.code(status).send({ error: { code: error.code, message: error.message } });
  };

  app.post('/dashboards/api/session', async (request, reply) => {
    const key = (request.body as { key?: unknown } | null)?.key;
    try {
      const session = await services.dashboardSessions.signIn(typeof key === 'string' ? key : '');
      reply.setCookie(SESSION_COOKIE, session.token, { ...cookie, maxAge: opts.hours * 3600 });
      return { name: session.caller.name, role: session.caller.role, regionCodes: session.caller.regionCodes, expiresAt: session.expiresAt.toISOString() };
    } catch (error) {
      return fail(reply, error);
    }
  });

  app.get('/dashboards/api/session', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return reply.code(401).send({ error: { code: 'UNAUTHENTICATED', message: 'Not signed in.' } });
    try {
      const caller = await services.dashboardSessions.caller(token);
      return { name: caller.name, role: caller.role, regionCodes: caller.regionCodes, categoryCodes: caller.categoryCodes };
    } catch (error) {
      return fail(reply, error);
    }
  });

  app.delete('/dashboards/api/session', async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (token) await services.dashboardSessions.signOut(token);
    reply.clearCookie(SESSION_COOKIE, cookie);
    return { signedOut: true };
  });
}
