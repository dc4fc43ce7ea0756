// Starts the real provisioned n8n, bootstraps it, runs a webhook workflow through the Public API, stops it.
// Needs `.n8n-runtime/` (scripts/provision-n8n.mjs, run by `npm install`); skipped with a reason without it.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapN8n, isN8nApiKeyValid, isN8nRuntimeProvisioned, startN8n, type N8nOwnerAccount, type RunningN8n } from './index.js';
import { descendantPids, isProcessAlive } from './processTree.js';

const provisioned = isN8nRuntimeProvisioned();
const suiteName = provisioned
  ? 'n8n launcher against the provisioned n8n'
  : 'n8n launcher (SKIPPED: .n8n-runtime/ is not provisioned; run `node scripts/provision-n8n.mjs`)';

const owner: N8nOwnerAccount = {
  email: 'owner@ophir.test',
  password: 'Integration-Test-Pass-1',
  firstName: 'Ophir',
  lastName: 'Tests',
};

describe.skipIf(!provisioned)(suiteName, () => {
  let scratchDir: string;
  let n8n: RunningN8n | undefined;
  let apiKey: string;

  beforeAll(async () => {
    scratchDir = await mkdtemp(path.join(os.tmpdir(), 'ophir-n8n-it-'));
    n8n = await startN8n({
      port: 0,
      userFolder: path.join(scratchDir, 'user'),
      encryptionKey: randomBytes(24).toString('hex'),
      // An empty folder: proves the custom-extensions setting is accepted without depending on a custom-nodes build.
      customExtensions: [path.join(scratchDir, 'custom-extensions')],
      logLevel: 'warn',
    });
  }, 180_000);

  afterAll(async () => {
    await n8n?.stop();
    if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
  }, 60_000);

  it('is ready on the port it reports', async () => {
    const started = n8n!;
    expect(started.port).toBeGreaterThan(0);
    const response = await fetch(`${started.url}/healthz/readiness`);
    expect(response.status).toBe(200);
  });

  it('bootstraps an owner and an API key, idempotently', async () => {
    const url = n8n!.url;
    const first = await bootstrapN8n({ url, owner });
    expect(first).toMatchObject({ ownerCreated: true, apiKeyMinted: true });

    const reused = await bootstrapN8n({ url, owner, existingApiKey: first.apiKey });
    expect(reused).toMatchObject({ ownerCreated: false, apiKeyMinted: false, apiKey: first.apiKey });

    // Without a stored key, the key with our label is rotated: a new secret, and the previous one stops working.
    const reminted = await bootstrapN8n({ url, owner });
    expect(reminted).toMatchObject({ ownerCreated: false, apiKeyMinted: true });
    expect(reminted.apiKey).not.toBe(first.apiKey);
    expect(await isN8nApiKeyValid(url, reminted.apiKey)).toBe(true);
    expect(await isN8nApiKeyValid(url, first.apiKey)).toBe(false);
    apiKey = reminted.apiKey;
  }, 60_000);

  it('runs a webhook workflow created through the Public API', async () => {
    const url = n8n!.url;
    const webhookPath = `ophir-it-${randomUUID()}`;
    const publicApi = async (method: string, route: string, body?: unknown) => {
      const response = await fetch(`${url}/api/v1${route}`, {
        method,
        headers: { 'X-N8N-API-KEY': apiKey, 'content-type': 'application/json' },
        body: body === undefined ? null : JSON.stringify(body),
      });
      const text = await response.text();
      expect(response.ok, `${method} ${route}: ${response.status} ${text}`).toBe(true);
      return JSON.parse(text) as { id: string; active?: boolean };
    };

    const workflow = await publicApi('POST', '/workflows', {
      name: 'ophir integration: echo',
      nodes: [
        {
          id: randomUUID(),
          name: 'Webhook',
          type: 'n8n-nodes-base.webhook',
          typeVersion: 2.1,
          position: [0, 0],
          webhookId: randomUUID(),
          parameters: { httpMethod: 'POST', path: webhookPath, responseMode: 'responseNode', options: {} },
        },
        {
          id: randomUUID(),
          name: 'Respond',
          type: 'n8n-nodes-base.respondToWebhook',
          typeVersion: 1.5,
          position: [300, 0],
          parameters: {
            respondWith: 'json',
            responseBody: '={{ { "echo": $json.body.name, "via": "n8n" } }}',
            options: {},
          },
        },
      ],
      connections: { Webhook: { main: [[{ node: 'Respond', type: 'main', index: 0 }]] } },
      settings: { executionOrder: 'v1' },
    });
    const activated = await publicApi('POST', `/workflows/${workflow.id}/activate`);
    expect(activated.active).toBe(true);

    const answer = await fetch(`${url}/webhook/${webhookPath}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Ada' }),
    });
    expect(answer.status).toBe(200);
    expect(await answer.json()).toEqual({ echo: 'Ada', via: 'n8n' });
  }, 60_000);

  it('stops n8n and leaves no process behind', async () => {
    const running = n8n!;
    const pid = running.process.pid!;
    const children = descendantPids(pid);
    const exit = await running.stop();
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
    expect(running.process.exitCode !== null || running.process.signalCode !== null).toBe(true);
    expect(isProcessAlive(pid)).toBe(false);
    for (const child of children) expect(isProcessAlive(child), `child ${child} still alive`).toBe(false);
  }, 60_000);
});
