import type { Server } from 'node:http';
import { findFreePort } from '../runtime/freePort.js';
import { createTestApp, type TestApp } from './testApp.js';

/** The test app listening on a real port, so that n8n can call back into it. */
export async function createListeningTestApp(
  options: Parameters<typeof createTestApp>[0] & { env?: Record<string, string> } = {},
): Promise<TestApp & { url: string }> {
  const port = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const t = await createTestApp({
    ...options,
    env: { PORT: String(port), HOST: '127.0.0.1', N8N_CALLBACK_BASE_URL: url, PUBLIC_URL: url, ...options.env },
  });
  const server: Server = t.app.express.listen(port, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    ...t,
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await t.close();
    },
  };
}
