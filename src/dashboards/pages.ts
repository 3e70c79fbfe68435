import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { dashboardHeaders } from '../server/security-headers';

export const DASHBOARDS_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dashboards/dist');

/**
 * The built dashboard pages (dashboards/, Vite + ECharts) at /dashboards/, under the
 * dashboards' Content-Security-Policy. `npm start` builds them first when they are missing
 * or stale; without a build the hub says how to make one instead of answering 404.
 */
export async function dashboardPages(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    // Runs after helmet's own hook, so the page policy replaces the API one on these routes only.
    scope.addHook('onRequest', async (_request, reply) => dashboardHeaders(reply));
    scope.get('/dashboards', async (_request, reply) => reply.redirect('/dashboards/'));
    if (!existsSync(path.join(DASHBOARDS_DIST, 'index.html'))) {
      scope.get('/dashboards/', async (_request, reply) =>
        reply.code(503).type('text/plain; charset=utf-8').send('The dashboards are not built: run `npm run dashboards:build` (npm start does it for you).'),
      );
      return;
    }
    await scope.register(fastifyStatic, { root: DASHBOARDS_DIST, prefix: '/dashboards/', index: 'index.html' });
  });
}
