// Builds the dashboards when dashboards/dist is missing or older than their sources, so
// `npm start` and the browser tests always serve the current pages. Usage: node dashboards/ensure-built.mjs
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const newest = (dir) =>
  readdirSync(dir, { withFileTypes: true }).reduce((m, e) => Math.max(m, e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs), 0);
const built = path.join(root, 'dist', 'index.html');
const sources = Math.max(newest(path.join(root, 'src')), statSync(path.join(root, 'index.html')).mtimeMs, statSync(path.join(root, 'vite.config.ts')).mtimeMs);
if (!existsSync(built) || statSync(built).mtimeMs < sources) {
  const started = Date.now();
  await build({ configFile: path.join(root, 'vite.config.ts') });
  process.stderr.write(`dashboards built in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
}
