import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import os from 'node:os';
import path from 'node:path';
import supertest from 'supertest';
import { controlPlaneRoot } from '../lib/paths.js';
import { findFreePort } from '../runtime/freePort.js';
import type { TestApp } from './testApp.js';
import { until } from './until.js';

/** How long Ctrl-C may take: n8n's graceful stop (up to 15 s) and the rest, on a loaded CI host. */
const stopTimeoutMs = 90_000;

export interface LaunchedPlatform {
  url: string;
  http: TestApp['http'];
  dataDir: string;
  n8nPort: number;
  /** Every line the launcher printed so far. */
  output: string[];
  process: ChildProcess;
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Waits for /readyz to answer 200; on timeout the error carries the last readiness report and the launcher's last lines. */
  waitUntilReady(timeoutMs?: number): Promise<void>;
  /** Ctrl-C, as an operator stops it; resolves with the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs `npm start`'s launcher (src/bin/start.ts) as its own process against a test database, with its
 * data (development secrets, the n8n folder) in a scratch folder: the platform as an operator runs it.
 */
export async function launchPlatform(options: {
  databaseUrl: string;
  env?: Record<string, string>;
  dataDir?: string;
}): Promise<LaunchedPlatform> {
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'ophir-launcher-')));
  const port = await findFreePort();
  const n8nPort = await findFreePort();
  const url = `http://127.0.0.1:${port}`;
  const { TEST_DATABASE_URL: _test, N8N_URL: _n8n, N8N_API_KEY: _key, ...inherited } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', path.join('src', 'bin', 'start.ts')], {
    cwd: controlPlaneRoot,
    env: {
      ...inherited,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DATABASE_URL: options.databaseUrl,
      OPHIR_DATA_DIR: dataDir,
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: url,
      N8N_PORT: String(n8nPort),
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (stream: NodeJS.ReadableStream | null) => {
    let partial = '';
    stream?.setEncoding('utf8');
    stream?.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      output.push(...lines);
    });
  };
  collect(child.stdout);
  collect(child.stderr);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForLine = (pattern: RegExp, timeoutMs = 60_000) =>
    until(`a launcher line matching ${pattern}`, () => output.find((line) => pattern.test(line)), timeoutMs);
  const waitUntilReady = async (timeoutMs = 150_000) => {
    let lastReport = 'no answer';
    try {
      await until(
        'the platform to be ready',
        async () => {
          const response = await fetch(`${url}/readyz`).catch(() => undefined);
          if (response) lastReport = `${response.status} ${await response.text()}`;
          return response?.status === 200;
        },
        timeoutMs,
      );
    } catch (error) {
      throw new Error(
        `${(error as Error).message}; /readyz said: ${lastReport}; the launcher's last lines:\n${output.slice(-40).join('\n')}`,
        { cause: error },
      );
    }
  };
  return {
    url,
    http: supertest(url) as unknown as TestApp['http'],
    dataDir,
    n8nPort,
    output,
    process: child,
    waitForLine,
    waitUntilReady,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGINT');
      // Ctrl-C must stop everything; when it does not in time, say what the launcher was doing, then kill it.
      const code = await Promise.race([exited, sleep(stopTimeoutMs).then(() => 'timed out' as const)]);
      if (code === 'timed out') {
        child.kill('SIGKILL');
        throw new Error(
          `the launcher did not stop within ${stopTimeoutMs / 1000} s of Ctrl-C; its last lines:\n${output.slice(-40).join('\n')}`,
        );
      }
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
      return code;
    },
  };
}
