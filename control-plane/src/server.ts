import type { AddressInfo } from 'node:net';
import { createApp, type App, type AppDeps } from './app.js';

export interface RunningServer {
  url: string;
  app: App;
  close(): Promise<void>;
}

export async function startServer(deps: AppDeps): Promise<RunningServer> {
  const app = createApp(deps);
  const server = app.express.listen(deps.config.PORT, deps.config.HOST);
  // Node's own limit is server-wide: the longest we allow. Shorter ones are per route (lib/http/requestTimeout.ts).
  server.requestTimeout = Math.max(deps.config.REQUEST_TIMEOUT_SECONDS, deps.config.UPLOAD_REQUEST_TIMEOUT_SECONDS) * 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${deps.config.HOST}:${port}`,
    app,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
