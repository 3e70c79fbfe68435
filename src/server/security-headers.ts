import helmet from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

type Directives = Record<string, string[]>;

/** GraphQL, JSON and health answers are never rendered as pages: nothing may load or frame them. */
export const API_CSP: Directives = {
  'default-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

/**
 * The dashboards load only their own bundle (Vite emits no inline script; ECharts needs no
 * eval) and talk only to the hub. Styles come from the bundled stylesheet; ECharts' own
 * positioning is set through CSSOM, which CSP does not restrict. PNG export draws to data:
 * and blob: URLs.
 */
export const DASHBOARD_CSP: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:', 'blob:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'frame-ancestors': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
};

/** HSTS only over HTTPS (RFC 6797 §7.2: browsers ignore it over HTTP, and a local HTTP hub must stay reachable). */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Security headers on every answer, from helmet: the API policy above, X-Frame-Options
 * DENY, nosniff, Referrer-Policy no-referrer, cross-origin isolation headers; HSTS when
 * `request.protocol` is https (directly, or through a proxy trusted by TRUST_PROXY).
 */
export async function securityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: { useDefaults: false, directives: API_CSP },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    strictTransportSecurity: false,
  });
  app.addHook('onRequest', async (request, reply) => {
    if (request.protocol === 'https') reply.header('strict-transport-security', HSTS);
  });
}

/** For the dashboard pages' routes: the page policy in place of the API one. */
export function dashboardHeaders(reply: FastifyReply): void {
  reply.helmet({ contentSecurityPolicy: { useDefaults: false, directives: DASHBOARD_CSP }, strictTransportSecurity: false });
}
