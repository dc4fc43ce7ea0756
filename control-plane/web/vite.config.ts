import path from 'node:path';
import { fileURLToPath } from 'node:url';
import tailwindcss from '@tailwindcss/vite';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));
// The control plane the dev server forwards API calls to (`npm start` listens on 3000).
const apiTarget = process.env.OPHIR_API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react(), tailwindcss()],
  resolve: { alias: { '@': path.join(here, 'src') } },
  server: {
    port: 5173,
    proxy: {
      '/api': { target: apiTarget, changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    // Scripts load as files from 'self' only: the CSP allows no inline script.
    modulePreload: { polyfill: false },
    // The budget that matters is the initial JavaScript gzipped (docs/performance.md), not Rollup's raw-size warning.
    chunkSizeWarningLimit: 700,
  },
});
