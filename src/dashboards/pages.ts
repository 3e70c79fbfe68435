import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic, { type SetHeadersResponse } from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { dashboardHeaders } from '../server/security-headers';

export const DASHBOARDS_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dashboards/dist');

/** Vite names every file under assets/ after a hash of its content, so a new release has new names. */
const HASHED = path.join(DASHBOARDS_DIST, 'assets') + path.sep;

/**
 * A hashed asset never changes under its name: browsers keep it a year without asking.
 * index.html (and anything else unhashed) is checked on every visit, so a new release,
 * with its new asset names, is picked up at once. Each file may be answered by its .br or
 * .gz twin, so every answer varies with Accept-Encoding.
 */
function cacheHeaders(res: SetHeadersResponse, file: string): void {
  res.setHeader('cache-control', file.startsWith(HASHED) ? 'public, max-age=31536000, immutable' : 'no-cache');
  const vary = res.getHeader('vary');
  res.setHeader('vary', vary ? `${String(vary)}, Accept-Encoding` : 'Accept-Encoding');
}

/**
 * The built dashboard pages (dashboards/, Vite + ECharts) at /dashboards/, under the
 * dashboards' Content-Security-Policy. `npm start` builds them first when they are missing
 * or stale; without a build the hub says how to make one instead of answering 404. The
 * build writes a .br and a .gz beside each file (dashboards/vite.config.ts), sent to the
 * browsers that accept them: with ECharts in them, the scripts are large plain.
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
    await scope.register(fastifyStatic, {
      root: DASHBOARDS_DIST,
      prefix: '/dashboards/',
      // A list, not a string: @fastify/static 8 looks for index.html.br and .gz only in a list.
      index: ['index.html'],
      preCompressed: true,
      cacheControl: false,
      setHeaders: cacheHeaders,
    });
  });
}
