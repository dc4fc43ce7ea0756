import { randomBytes } from 'node:crypto';
import supertest from 'supertest';
import { createApp, type App } from '../app.js';
import { loadConfig, type Config } from '../lib/config.js';
import { systemClock, type Clock } from '../lib/clock.js';
import { createPrismaClient, type PrismaClient } from '../lib/db/prisma.js';
import { createLogger } from '../lib/logger.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';

export interface TestApp {
  app: App;
  http: ReturnType<typeof supertest>;
  prisma: PrismaClient;
  config: Config;
  database: TestDatabase;
  close(): Promise<void>;
}

export function testConfig(databaseUrl: string, overrides: Record<string, string> = {}): Config {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `test1:${randomBytes(32).toString('base64')}`,
    ENCRYPTION_ACTIVE_KEY_ID: 'test1',
    ...overrides,
  });
}

/** The real app on a real, freshly migrated PostgreSQL database. */
export async function createTestApp(options: { env?: Record<string, string>; clock?: Clock; webAppDir?: string } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig(database.url, options.env);
  const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 5 });
  const app = createApp({
    config,
    prisma,
    logger: createLogger({ level: config.LOG_LEVEL }),
    clock: options.clock ?? systemClock,
    ...(options.webAppDir ? { webAppDir: options.webAppDir } : {}),
  });
  return {
    app,
    http: supertest(app.express),
    prisma,
    config,
    database,
    close: async () => {
      await prisma.$disconnect();
      await database.drop();
    },
  };
}

let counter = 0;

export interface SignedUp {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string; name: string };
  organization: { id: string; name: string; role: string };
  auth: { Authorization: string };
}

export async function signUp(
  http: TestApp['http'],
  overrides: Partial<{ email: string; password: string; name: string; organizationName: string }> = {},
): Promise<SignedUp> {
  counter += 1;
  const body = {
    email: `user${counter}.${randomBytes(3).toString('hex')}@example.com`,
    password: 'correct horse battery staple',
    name: `User ${counter}`,
    organizationName: `Org ${counter}`,
    ...overrides,
  };
  const response = await http.post('/api/auth/register').send(body);
  if (response.status !== 201) throw new Error(`sign-up failed: ${response.status} ${response.text}`);
  return { ...response.body, auth: { Authorization: `Bearer ${response.body.accessToken}` } };
}
