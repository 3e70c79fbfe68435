import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

// The dashboards are static files the hub serves at /dashboards/ (no CDN at run time: the
// deployment network is closed, so ECharts is bundled). Each file also gets a .br and a .gz
// beside it, at the highest levels (the build pays once, not every request), which
// src/dashboards/pages.ts sends to browsers that accept them.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboards/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  plugins: [compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' })],
  logLevel: 'warn',
});
