import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { createMigrationAdapter } from './src/lib/db/migrationAdapter.js';

// Rust-free Prisma: migrations run through the JS engine over node-postgres, so nothing is downloaded.
export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('..', 'migrations') },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is required to run Prisma migrations');
    return createMigrationAdapter(url);
  },
});
