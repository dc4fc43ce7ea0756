import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: { alias: { '@': path.join(here, 'src') } },
  esbuild: { jsx: 'automatic' },
  test: {
    environment: 'happy-dom',
    // The app calls its API by relative URL, as on its real origin.
    environmentOptions: { happyDOM: { url: 'http://127.0.0.1:3000/' } },
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
