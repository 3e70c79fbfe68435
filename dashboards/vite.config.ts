import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The dashboards are static files the hub serves at /dashboards/ (no CDN at run time: the
// deployment network is closed, so ECharts is bundled).
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/dashboards/',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
  logLevel: 'warn',
});
