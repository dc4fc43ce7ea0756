// The access log (src/lib/http/accessLog.ts) never holds a tracking token or an OAuth code/state: whoever reads the
// logs must not be able to unsubscribe people, forge engagement or finish someone's mailbox connect.
import supertest from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApp } from '../app.js';
import { createTestDatabase, type TestDatabase } from '../test/testDatabase.js';
import { testConfig } from '../test/testApp.js';
import { systemClock } from './clock.js';
import { createPrismaClient, type PrismaClient } from './db/prisma.js';
import { createLogger, redactUrl } from './logger.js';

const logLines: string[] = [];
let database: TestDatabase;
let prisma: PrismaClient;
let http: ReturnType<typeof supertest>;
beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url);
  prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 2 });
  const logger = createLogger({ level: 'info', destination: { write: (line: string) => logLines.push(line) } });
  http = supertest(createApp({ config, prisma, logger, clock: systemClock }).express);
});
afterAll(async () => {
  await prisma.$disconnect();
  await database.drop();
});

it('access log lines carry no tracking token and no OAuth code or state', async () => {
  const token = '0b6f7a52-5d8e-4c1e-9a0a-3f1f1b2c9d11.c2VjcmV0LXRhcmdldA.deadbeefdeadbeefdeadbeefdeadbeef';
  await http.get(`/u/${token}`);
  await http.post(`/u/${token}`).type('form').send({ 'List-Unsubscribe': 'One-Click' });
  await http.get(`/o/${token}`).set('referer', `https://ophir.example/u/${token}`);
  await http.get(`/c/${token}?utm=mail`);
  await http.get('/api/oauth2/google/callback?code=4%2F0AeanS-secret-code&state=secret-state-value&scope=gmail');
  await http.get('/api/oauth2/microsoft/callback?state=another-secret-state&code=M.R3_secret');

  const logged = logLines.join('\n');
  expect(logLines.filter((line) => line.includes('request completed'))).toHaveLength(6);
  for (const secret of [token, 'deadbeef', 'secret-code', 'secret-state-value', 'another-secret-state', 'M.R3_secret'])
    expect(logged).not.toContain(secret);
  expect(logged).toContain('"url":"/c/[redacted]?utm=mail"');
  expect(logged).toContain('"url":"/api/oauth2/google/callback?code=[redacted]&state=[redacted]&scope=gmail"');
  expect(logged).toContain('"referer":"https://ophir.example/u/[redacted]"');
});

it('a line says what ops need of a request: id, method, path, status and time taken', async () => {
  logLines.length = 0;
  const answered = await http.get('/api/me?include=x').set('x-request-id', 'trace-42').set('user-agent', 'probe/1');
  const line = JSON.parse(logLines.find((entry) => entry.includes('request completed'))!);
  expect(line).toMatchObject({
    level: 30,
    req: { id: 'trace-42', method: 'GET', url: '/api/me?include=x', headers: { 'user-agent': 'probe/1' } },
    res: { statusCode: answered.status },
  });
  expect(answered.headers['x-request-id']).toBe('trace-42');
  expect(typeof line.responseTime).toBe('number');
  // The health check and metrics scrapes are not logged.
  await http.get('/healthz');
  expect(logLines.filter((entry) => entry.includes('request completed'))).toHaveLength(1);
});

it('redactUrl keeps what identifies the route and drops only the secrets', () => {
  expect(redactUrl('/api/leads?search=ann')).toBe('/api/leads?search=ann');
  expect(redactUrl('/o/abc.def')).toBe('/o/[redacted]');
  expect(redactUrl('/api/x?Token=1&tok=2&%73tate=3')).toBe('/api/x?Token=[redacted]&tok=2&%73tate=[redacted]');
  expect(redactUrl('/c')).toBe('/c');
  // The web app's invitation page, requested itself and named as the Referer of the calls it makes.
  expect(redactUrl('/invitations/k8Jv-secret_token')).toBe('/invitations/[redacted]');
  expect(redactUrl('http://127.0.0.1:3000/invitations/k8Jv-secret_token')).toBe('http://127.0.0.1:3000/invitations/[redacted]');
});
