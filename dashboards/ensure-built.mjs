// Builds the dashboards when dashboards/dist is missing, older than their sources or from a
// build that wrote no compressed copies (before vite.config.ts had the plugin), so `npm start`
// and the browser tests always serve the current pages. Usage: node dashboards/ensure-built.mjs
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0);
const built = path.join(root, 'dist', 'index.html');
// public/ holds the map boundaries, copied as they are into dist.
const sources = Math.max(
  newest(path.join(root, 'src')),
  newest(path.join(root, 'public')),
  statSync(path.join(root, 'index.html')).mtimeMs,
  statSync(path.join(root, 'vite.config.ts')).mtimeMs,
);
if (!existsSync(built) || !existsSync(`${built}.br`) || statSync(built).mtimeMs < sources) {
  const started = Date.now();
  // Vite takes NODE_ENV from the environment over its build mode: run from vitest (NODE_ENV=test)
  // it kept ECharts' development-only code, and `npm start` then served that bundle.
  process.env.NODE_ENV = 'production';
  await build({ configFile: path.join(root, 'vite.config.ts') });
  process.stderr.write(`dashboards built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
