// Integration: sign-in throttling kept in PostgreSQL, seen by two app instances on one database.
import supertest from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../app.js';
import { ManualClock } from '../../lib/clock.js';
import { createPrismaClient, type PrismaClient } from '../../lib/db/prisma.js';
import { createLogger } from '../../lib/logger.js';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';

const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
const password = 'correct horse battery staple';
let first: TestApp;
let secondPrisma: PrismaClient;
let second: ReturnType<typeof supertest>;

beforeAll(async () => {
  first = await createTestApp({
    clock,
    env: { LOGIN_RATE_LIMIT_PER_ACCOUNT: '3', LOGIN_RATE_LIMIT_PER_IP: '10000', LOGIN_BACKOFF_MAX_SECONDS: '900' },
  });
  // A second replica: its own process state and connection pool, the same database.
  secondPrisma = createPrismaClient({ databaseUrl: first.config.DATABASE_URL, poolSize: 2 });
  second = supertest(createApp({ config: first.config, prisma: secondPrisma, logger: createLogger({ level: 'silent' }), clock }).express);
});
afterAll(async () => {
  await secondPrisma.$disconnect();
  await first.close();
});

function login(replica: ReturnType<typeof supertest>, email: string, attempt: string) {
  return replica.post('/api/auth/login').send({ email, password: attempt });
}

describe('sign-in throttling across replicas', () => {
  it("shares one account's failures between two app instances on the same database", async () => {
    const { user } = await signUp(first.http);
    const statuses = [];
    for (const replica of [first.http, second, first.http, second])
      statuses.push((await login(replica, user.email, 'wrong password')).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
  });

  it('lets one of many concurrent attempts through once the wait has begun, whichever replica they reach', async () => {
    const { user } = await signUp(first.http);
    for (let attempt = 0; attempt < 3; attempt += 1) await login(first.http, user.email, 'wrong password');
    clock.advance(1000);
    const burst = await Promise.all(Array.from({ length: 8 }, (_, i) => login(i % 2 ? second : first.http, user.email, 'wrong password')));
    expect(burst.map((r) => r.status).sort()).toEqual([401, 429, 429, 429, 429, 429, 429, 429]);
  });

  it('never makes an account wait longer than the cap however hard it is hammered, and the right password works after the wait', async () => {
    const { user } = await signUp(first.http);
    const waits: number[] = [];
    for (let round = 0; round < 15; round += 1) {
      expect((await login(round % 2 ? second : first.http, user.email, 'wrong password')).status).toBe(401);
      let wait = 0;
      for (let hammer = 0; hammer < 5; hammer += 1) {
        const refused = await login(hammer % 2 ? second : first.http, user.email, 'wrong password');
        if (refused.status === 401) break;
        expect(refused.status).toBe(429);
        expect(refused.body.code).toBe('rate_limited');
        wait = Number(refused.headers['retry-after']);
      }
      waits.push(wait);
      clock.advance(wait * 1000);
    }
    expect(waits).toEqual([0, 1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900, 900]);

    expect((await login(second, user.email, 'wrong password')).status).toBe(401);
    const during = await login(first.http, user.email, password);
    expect(during.status).toBe(429);
    clock.advance(Number(during.headers['retry-after']) * 1000);
    expect((await login(first.http, user.email, password)).status).toBe(200);
    // A success starts the count over.
    expect((await login(second, user.email, 'wrong password')).status).toBe(401);
    expect((await login(second, user.email, 'wrong password')).status).toBe(401);
  });
});
