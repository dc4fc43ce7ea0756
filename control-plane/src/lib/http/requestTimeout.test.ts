// Request timeouts on the real server: the upload routes have their own, longer limit, so a CSV
// trickling in over a slow link is received whole, while any other request that takes too long to
// arrive is cut with 408.
import http from 'node:http';
import supertest from 'supertest';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../server.js';
import { createTestDatabase, type TestDatabase } from '../../test/testDatabase.js';
import { signUp, testConfig, type SignedUp } from '../../test/testApp.js';
import { systemClock } from '../clock.js';
import { createPrismaClient, type PrismaClient } from '../db/prisma.js';
import { createLogger } from '../logger.js';

let database: TestDatabase;
let prisma: PrismaClient;
let running: RunningServer;
let owner: SignedUp;
beforeAll(async () => {
  database = await createTestDatabase();
  const config = testConfig(database.url, {
    PORT: '0',
    REQUEST_TIMEOUT_SECONDS: '1',
    UPLOAD_REQUEST_TIMEOUT_SECONDS: '30',
    RECONCILER_ENABLED: 'false',
  });
  prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 3 });
  running = await startServer({ config, prisma, logger: createLogger({ level: 'silent' }), clock: systemClock });
  owner = await signUp(supertest(running.url));
});
afterAll(async () => {
  await running.close();
  await prisma.$disconnect();
  await database.drop();
});

/** Sends `chunks` one every `everyMs`; resolves with the status (or "cut" when the connection closed without one). */
function trickle(
  path: string,
  headers: Record<string, string>,
  chunks: string[],
  everyMs: number,
): Promise<{ status: number | 'cut'; body: string }> {
  const url = new URL(path, running.url);
  return new Promise((resolve) => {
    const request = http.request(url, { method: 'POST', headers: { ...owner.auth, ...headers } });
    let settled = false;
    const settle = (result: { status: number | 'cut'; body: string }) => {
      if (!settled) resolve(result);
      settled = true;
    };
    request.on('response', (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => settle({ status: response.statusCode!, body }));
      response.on('error', () => settle({ status: response.statusCode!, body }));
    });
    request.on('error', () => settle({ status: 'cut', body: '' }));
    let index = 0;
    const next = () => {
      if (request.destroyed) return;
      if (index === chunks.length) {
        request.end();
        return;
      }
      request.write(chunks[index]!);
      index += 1;
      setTimeout(next, everyMs);
    };
    next();
  });
}

it('an upload trickling in for longer than the request timeout is received whole', async () => {
  const lines = ['email,first name\n', ...Array.from({ length: 10 }, (_, i) => `slow${i}@example.com,S${i}\n`)];
  // ~3 s of upload against a 1 s request timeout (chunked: the length is not known up front).
  const result = await trickle('/api/lead-imports?fileName=slow.csv', { 'Content-Type': 'text/csv' }, lines, 300);
  expect(result.status, result.body).toBe(201);
  expect(JSON.parse(result.body)).toMatchObject({ status: 'previewed', fileName: 'slow.csv' });
});

it('any other request that has not arrived whole within the request timeout is cut with 408', async () => {
  const body = JSON.stringify({ email: 'slowloris@example.com', firstName: 'Slow' });
  const chunks = body.match(/.{1,4}/g)!;
  const result = await trickle(
    '/api/leads',
    { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
    chunks,
    250,
  );
  expect(result.status).toBe(408);
  expect(JSON.parse(result.body)).toMatchObject({ status: 408, code: 'request_timeout' });
  expect(await prisma.lead.count({ where: { email: 'slowloris@example.com' } })).toBe(0);
});
