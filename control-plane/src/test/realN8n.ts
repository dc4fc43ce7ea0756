import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import type { N8nClient } from '../lib/n8n/n8nClient.js';
import { repoRoot } from '../lib/paths.js';
import { bootstrapN8n, isN8nRuntimeProvisioned, startN8n, type RunningN8n, type StartN8nOptions } from '../runtime/n8n/index.js';
import { dropN8nDatabase, ensureN8nDatabase } from '../runtime/n8n/queueMode.js';

/**
 * Integration tests run against the real n8n that `npm install` provisions. Locally they are skipped
 * (with the reason in the suite name) when it is missing; in CI a missing n8n fails the run.
 */
export const n8nProvisioned = isN8nRuntimeProvisioned();
if (!n8nProvisioned && process.env.CI === 'true') {
  throw new Error('n8n is not provisioned in CI: `npm install` must run scripts/provision-n8n.mjs');
}
export const n8nSuite = (name: string) => (n8nProvisioned ? name : `${name} (SKIPPED: n8n not provisioned; run npm install)`);

export interface TestN8n {
  url: string;
  apiKey: string;
  userFolder: string;
  encryptionKey: string;
  port: number;
  /** The main process: the editor, the API and the webhooks. */
  process: RunningN8n;
  /** Queue mode's workers (none otherwise). */
  workers: RunningN8n[];
  /** Starts the main again on the same folder and port (after a kill). */
  restart(): Promise<void>;
  /** Starts worker `index` again (after a kill). */
  restartWorker(index: number): Promise<void>;
  stop(): Promise<void>;
}

export interface TestN8nQueueMode {
  /** Redis for this n8n alone or shared: its keys carry a prefix of their own. */
  redisUrl: string;
  workers: number;
  /** Executions one worker runs at once (n8n's default is 10). */
  workerConcurrency?: number;
}

/** A provisioned n8n in a scratch folder with an owner and an API key; with `queue`, a main and workers on Redis. */
export async function startTestN8n(
  options: { withOphirNodes?: boolean; queue?: TestN8nQueueMode; readyTimeoutMs?: number } = {},
): Promise<TestN8n> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'ophir-n8n-'));
  const userFolder = path.join(scratch, 'user');
  const encryptionKey = randomBytes(24).toString('hex');
  const customExtensions = options.withOphirNodes === false ? [] : [path.join(repoRoot, 'custom-nodes', 'dist')];
  const n8nDatabase = `ophir_test_n8n_${randomBytes(6).toString('hex')}`;
  const queueMode: Partial<StartN8nOptions> = options.queue
    ? {
        postgres: await ensureN8nDatabase(inject('postgresAdminUrl'), n8nDatabase),
        queue: { redisUrl: options.queue.redisUrl, keyPrefix: n8nDatabase },
      }
    : {};
  const common = { encryptionKey, customExtensions, logLevel: 'warn' as const, readyTimeoutMs: options.readyTimeoutMs, ...queueMode };
  const launch = (port?: number) => startN8n({ ...common, port: port ?? 0, userFolder });
  const launchWorker = (index: number) =>
    startN8n({
      ...common,
      role: 'worker',
      userFolder: path.join(scratch, `worker-${index}`),
      ...(options.queue?.workerConcurrency ? { workerConcurrency: options.queue.workerConcurrency } : {}),
    });
  let running = await launch();
  const workers = await Promise.all(Array.from({ length: options.queue?.workers ?? 0 }, (_, index) => launchWorker(index)));
  const { apiKey } = await bootstrapN8n({
    url: running.url,
    owner: { email: 'owner@ophir.test', password: 'Integration-Test-Pass-1', firstName: 'Ophir', lastName: 'Tests' },
  });
  const handle: TestN8n = {
    url: running.url,
    apiKey,
    userFolder,
    encryptionKey,
    port: running.port,
    process: running,
    workers,
    restart: async () => {
      running = await launch(handle.port);
      handle.process = running;
    },
    restartWorker: async (index) => {
      workers[index] = await launchWorker(index);
    },
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await running.stop();
      if (options.queue) await dropN8nDatabase(inject('postgresAdminUrl'), n8nDatabase);
      await rm(scratch, { recursive: true, force: true });
    },
  };
  return handle;
}

/**
 * What an operator does in the n8n editor: the business-hours gate of a campaign workflow opens at
 * 10:00 instead of following the campaign. Answers the gate's parameters as they were before.
 */
export async function editBusinessHoursGateInN8n(n8nApi: N8nClient, workflowId: string): Promise<Record<string, unknown>> {
  const workflow = (await n8nApi.getWorkflow(workflowId))!;
  const gate = workflow.nodes.find((node) => node.name === 'Business Hours Gate')!;
  const before = gate.parameters;
  gate.parameters = { ...gate.parameters, scheduleSource: 'node', start: '10:00' };
  await n8nApi.updateWorkflow(workflow.id, {
    name: workflow.name,
    nodes: workflow.nodes,
    connections: workflow.connections,
    settings: workflow.settings,
  });
  return before;
}
