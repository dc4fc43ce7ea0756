import { spawn, type ChildProcess } from 'node:child_process';
import { findFreePort } from '../runtime/freePort.js';
import { assertRedisReachable } from '../runtime/n8n/queueMode.js';
import { until } from './until.js';

export interface TestRedis {
  url: string;
  /** Stops the server (SIGKILL: what a crash looks like); nothing it held survives, as it keeps nothing on disk. */
  stop(): Promise<void>;
  /** Starts it again on the same port. */
  start(): Promise<void>;
}

/**
 * A redis-server of the test's own on a free port, without persistence: stopping it disturbs no other test
 * using the machine's Redis.
 */
export async function startTestRedis(): Promise<TestRedis> {
  const port = await findFreePort();
  const url = `redis://127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  const start = async () => {
    const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: 'ignore',
    });
    child = server;
    await until(
      `redis-server on port ${port} to answer`,
      () =>
        server.exitCode === null
          ? assertRedisReachable(url).then(
              () => true,
              () => false,
            )
          : Promise.reject(new Error('redis-server exited')),
      10_000,
    );
  };
  await start();
  return {
    url,
    start,
    stop: async () => {
      const server = child;
      if (!server || server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once('exit', resolve));
      server.kill('SIGKILL');
      await exited;
    },
  };
}
