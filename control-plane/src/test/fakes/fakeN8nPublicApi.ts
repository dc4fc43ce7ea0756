import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Workflow = Record<string, unknown> & { id: string; active: boolean };

async function bodyOf(request: IncomingMessage): Promise<Record<string, unknown>> {
  let text = '';
  for await (const chunk of request) text += String(chunk);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

/**
 * n8n as the control plane talks to it, without n8n: the Public API's workflows and credentials held in
 * memory, and each campaign's tick webhook, which answers at once and then runs `onTick` (the test's
 * stand-in for the workflow: claim, gate, report through the signed callbacks).
 */
export class FakeN8nPublicApi {
  readonly workflows = new Map<string, Workflow>();
  private server: Server | undefined;

  constructor(private readonly onTick: (campaignId: string) => Promise<void>) {}

  async start(): Promise<{ N8N_URL: string; N8N_API_KEY: string }> {
    this.server = createServer((request, response) => {
      void this.answer(request).then(({ status, body }) =>
        response.writeHead(status, { 'content-type': 'application/json' }).end(body === undefined ? '' : JSON.stringify(body)),
      );
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return { N8N_URL: `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`, N8N_API_KEY: 'fake-n8n-key' };
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async answer(request: IncomingMessage): Promise<{ status: number; body?: unknown }> {
    const url = new URL(request.url ?? '/', 'http://fake');
    const method = request.method ?? 'GET';
    const tick = /^\/webhook\/ophir\/campaigns\/([^/]+)\/tick$/.exec(url.pathname);
    if (tick && method === 'POST') {
      // n8n answers the webhook at once and runs the workflow after.
      setTimeout(() => void this.onTick(tick[1]!), 50);
      return { status: 200, body: { message: 'Workflow was started' } };
    }
    if (url.pathname.startsWith('/webhook/')) return { status: 200, body: {} };
    const [, collection, id, action] = /^\/api\/v1\/(workflows|credentials)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(url.pathname) ?? [];
    if (collection === 'credentials') {
      if (action === 'test') return { status: 200, body: { status: 'OK', message: 'Tested' } };
      if (method === 'POST') return { status: 200, body: { ...(await bodyOf(request)), id: randomUUID() } };
      return { status: 200, body: {} };
    }
    if (collection !== 'workflows') return { status: 404, body: { message: 'not found' } };
    if (!id) {
      if (method === 'POST') {
        const workflow = { ...(await bodyOf(request)), id: randomUUID(), active: false };
        this.workflows.set(workflow.id, workflow);
        return { status: 200, body: workflow };
      }
      return { status: 200, body: { data: [...this.workflows.values()], nextCursor: null } };
    }
    const workflow = this.workflows.get(id);
    if (!workflow) return { status: 404, body: { message: 'Not found' } };
    if (method === 'DELETE') {
      this.workflows.delete(id);
      return { status: 200, body: workflow };
    }
    if (method === 'PUT') Object.assign(workflow, await bodyOf(request), { id });
    if (action === 'activate') workflow.active = true;
    if (action === 'deactivate') workflow.active = false;
    return { status: 200, body: workflow };
  }
}
