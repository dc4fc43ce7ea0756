// PostgreSQL (the test server): a connection the server ends while it sits idle in the pool must not end the process.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase.js';
import { createPrismaClient, preparedQuery, type PrismaClient } from './prisma.js';

let database: TestDatabase;
let prisma: PrismaClient;

describe('createPrismaClient', () => {
  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrismaClient({ databaseUrl: database.url, poolSize: 2 });
  });
  afterAll(async () => {
    await prisma.$disconnect();
    await database.drop();
  });

  it('survives the server ending its idle connections and answers on new ones', async () => {
    const [before] = await preparedQuery<{ pid: number }>(prisma, 'backend_pid', 'SELECT pg_backend_pid() AS pid', []);
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      const { rows } = await admin.query<{ ended: boolean }>('SELECT pg_terminate_backend($1) AS ended', [before!.pid]);
      expect(rows[0]!.ended).toBe(true);
    } finally {
      await admin.end();
    }
    // The pool hears of the ended connection as an 'error' event on the next turns of the event loop.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const [after] = await preparedQuery<{ pid: number }>(prisma, 'backend_pid', 'SELECT pg_backend_pid() AS pid', []);
    expect(after!.pid).not.toBe(before!.pid);
  });
});
