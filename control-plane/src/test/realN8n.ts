import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { N8nClient } from '../lib/n8n/n8nClient.js';
import { repoRoot } from '../lib/paths.js';
import { bootstrapN8n, isN8nRuntimeProvisioned, startN8n, type RunningN8n } from '../runtime/n8n/index.js';

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
  process: RunningN8n;
  /** Starts it again on the same folder and port (after a kill). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startTestN8n(options: { withOphirNodes?: boolean } = {}): Promise<TestN8n> {
  const scratch = await mkdtemp(path.join(os.tmpdir(), 'ophir-n8n-'));
  const userFolder = path.join(scratch, 'user');
  const encryptionKey = randomBytes(24).toString('hex');
  const customExtensions = options.withOphirNodes === false ? [] : [path.join(repoRoot, 'custom-nodes', 'dist')];
  const launch = (port?: number) => startN8n({ port: port ?? 0, userFolder, encryptionKey, customExtensions, logLevel: 'warn' });
  let running = await launch();
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
    restart: async () => {
      running = await launch(handle.port);
      handle.process = running;
    },
    stop: async () => {
      await running.stop();
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
