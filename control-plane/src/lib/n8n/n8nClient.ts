import { setTimeout as sleep } from 'node:timers/promises';
import type { N8nExecution, N8nWorkflow, N8nWorkflowBody } from './n8nWorkflow.js';

/** n8n could not be reached, or kept failing with 5xx after retries. */
export class N8nUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'N8nUnavailableError';
  }
}

/** n8n answered with a 4xx: the request itself was refused (its message is kept for the user). */
export class N8nRequestError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'N8nRequestError';
  }
}

export interface N8nClientOptions {
  baseUrl: string;
  apiKey: string | (() => Promise<string>);
  /** Attempts for network errors and 5xx answers, with exponential backoff. */
  attempts?: number;
  backoffMs?: number;
  timeoutMs?: number;
}

/** The one client for n8n's Public API (/api/v1, X-N8N-API-KEY). */
export class N8nClient {
  private readonly baseUrl: string;
  private readonly attempts: number;
  private readonly backoffMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly options: N8nClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.attempts = options.attempts ?? 4;
    this.backoffMs = options.backoffMs ?? 250;
    this.timeoutMs = options.timeoutMs ?? 15_000;
  }

  /** The editor URL an operator opens to see a workflow. */
  createWorkflow(body: N8nWorkflowBody): Promise<N8nWorkflow> {
    return this.request('POST', '/workflows', body);
  }

  async getWorkflow(id: string): Promise<N8nWorkflow | undefined> {
    try {
      return await this.request<N8nWorkflow>('GET', `/workflows/${encodeURIComponent(id)}`);
    } catch (error) {
      if (error instanceof N8nRequestError && error.status === 404) return undefined;
      throw error;
    }
  }

  /** Every workflow, page by page (the Public API pages with a cursor, at most 250 a page). */
  async *listWorkflows(): AsyncGenerator<N8nWorkflow> {
    let cursor: string | undefined;
    do {
      const query = new URLSearchParams({ limit: '250', excludePinnedData: 'true' });
      if (cursor) query.set('cursor', cursor);
      const page = await this.request<{ data: N8nWorkflow[]; nextCursor?: string | null }>('GET', `/workflows?${query}`);
      yield* page.data;
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }

  updateWorkflow(id: string, body: N8nWorkflowBody): Promise<N8nWorkflow> {
    return this.request('PUT', `/workflows/${encodeURIComponent(id)}`, body);
  }

  activateWorkflow(id: string): Promise<N8nWorkflow> {
    return this.request('POST', `/workflows/${encodeURIComponent(id)}/activate`);
  }

  deactivateWorkflow(id: string): Promise<N8nWorkflow> {
    return this.request('POST', `/workflows/${encodeURIComponent(id)}/deactivate`);
  }

  /** Deleting is idempotent: a workflow that is already gone counts as deleted. */
  async deleteWorkflow(id: string): Promise<void> {
    // Right after a deactivation n8n may still answer 409 "published" for a moment.
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.request('DELETE', `/workflows/${encodeURIComponent(id)}`);
        return;
      } catch (error) {
        if (error instanceof N8nRequestError && error.status === 404) return;
        if (error instanceof N8nRequestError && error.status === 409 && attempt < this.attempts) {
          await sleep(this.backoffMs * attempt);
          continue;
        }
        throw error;
      }
    }
  }

  async listExecutions(options: { workflowId: string; limit?: number; status?: string }): Promise<N8nExecution[]> {
    const query = new URLSearchParams({ workflowId: options.workflowId, limit: String(options.limit ?? 20) });
    if (options.status) query.set('status', options.status);
    const page = await this.request<{ data: N8nExecution[] }>('GET', `/executions?${query}`);
    return page.data;
  }

  getExecution(id: string, includeData = false): Promise<N8nExecution & { data?: unknown }> {
    return this.request('GET', `/executions/${encodeURIComponent(id)}?includeData=${includeData}`);
  }

  createCredential(body: {
    name: string;
    type: string;
    data: Record<string, unknown>;
  }): Promise<{ id: string; name: string; type: string }> {
    return this.request('POST', '/credentials', body);
  }

  /** Runs the credential's own test inside n8n (ours calls the control plane back, signed). */
  testCredential(id: string): Promise<{ status: 'OK' | 'Error'; message: string }> {
    return this.request('POST', `/credentials/${encodeURIComponent(id)}/test`);
  }

  /** The cheapest authenticated call: proves n8n is up and accepts the API key. */
  async probe(): Promise<void> {
    await this.request('GET', '/workflows?limit=1&excludePinnedData=true');
  }

  async deleteCredential(id: string): Promise<void> {
    try {
      await this.request('DELETE', `/credentials/${encodeURIComponent(id)}`);
    } catch (error) {
      if (!(error instanceof N8nRequestError && error.status === 404)) throw error;
    }
  }

  private async apiKey(): Promise<string> {
    return typeof this.options.apiKey === 'function' ? this.options.apiKey() : this.options.apiKey;
  }

  private async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    let lastError: unknown;
    for (let attempt = 1; attempt <= this.attempts; attempt += 1) {
      let response: Response;
      try {
        response = await fetch(`${this.baseUrl}/api/v1${path}`, {
          method,
          headers: {
            'X-N8N-API-KEY': await this.apiKey(),
            accept: 'application/json',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        lastError = new N8nUnavailableError(`n8n is not reachable at ${this.baseUrl}: ${(error as Error).message}`, { cause: error });
        await sleep(this.backoffMs * 2 ** (attempt - 1));
        continue;
      }
      const text = await response.text();
      if (response.ok) return (text ? JSON.parse(text) : undefined) as T;
      const message = readMessage(text) ?? `${response.status} ${response.statusText}`;
      if (response.status < 500) throw new N8nRequestError(response.status, message);
      lastError = new N8nUnavailableError(`n8n failed with ${response.status}: ${message}`);
      await sleep(this.backoffMs * 2 ** (attempt - 1));
    }
    throw lastError;
  }
}

function readMessage(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : undefined;
  } catch {
    return text.trim() || undefined;
  }
}
