// The CSV export stops when the client goes away: a download aborted mid-stream must not leave the
// export waiting forever (with its pages and stream) for a drain that never comes.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';
import { LeadsService } from './leads.service.js';

let t: TestApp;
let server: http.Server;
beforeAll(async () => {
  t = await createTestApp();
  server = t.app.express.listen(0, '127.0.0.1');
  await once(server, 'listening');
});
afterAll(async () => {
  server.close();
  await t.close();
});

it('an aborted download stops the export promptly instead of hanging', async () => {
  const owner = await signUp(t.http);
  // ~20 MB of CSV: far more than the socket buffers hold, so the export is mid-stream when the client leaves.
  await t.prisma.$executeRawUnsafe(
    `INSERT INTO leads (id, "organizationId", email, "emailDomain", "customFields", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, 'lead' || n || '@example.com', 'example.com', jsonb_build_object('notes', repeat('n', 1000)), now()
     FROM generate_series(1, 20000) AS n`,
    owner.organization.id,
  );
  const exportCsv = vi.spyOn(LeadsService.prototype, 'exportCsv');

  const { port } = server.address() as AddressInfo;
  const request = http.get({ host: '127.0.0.1', port, path: '/api/leads/export', headers: owner.auth });
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  expect(response.statusCode).toBe(200);
  await once(response, 'data');
  request.destroy();

  const running = exportCsv.mock.results[0]!.value as Promise<void>;
  const outcome = await Promise.race([
    running.then(() => 'stopped'),
    new Promise((resolve) => setTimeout(() => resolve('still running after 3 s'), 3000)),
  ]);
  expect(outcome).toBe('stopped');
  exportCsv.mockRestore();

  // The server is fine afterwards: a complete export still arrives whole.
  const whole = await t.http
    .get('/api/leads/export')
    .set(owner.auth)
    .buffer(true)
    .parse((res, callback) => {
      let lines = 0;
      res.on('data', (chunk: Buffer) => (lines += chunk.toString().split('\r\n').length - 1));
      res.on('end', () => callback(null, lines));
    });
  expect(whole.body).toBe(20001);
});
