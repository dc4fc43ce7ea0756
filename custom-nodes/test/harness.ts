/**
 * A small typed stand-in for n8n's IExecuteFunctions: enough of it to run our nodes in tests.
 * HTTP goes through an injected handler (none by default: unit tests have no network); the
 * Ophir credential's real `authenticate` signs requests exactly as n8n would call it.
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestOptions, INode, INodeExecutionData, INodeType } from 'n8n-workflow';

import { OphirControlPlaneApi } from '../credentials/OphirControlPlaneApi.credentials';

export type HttpHandler = (options: IHttpRequestOptions) => Promise<unknown>;

export interface HarnessOptions {
	items: IDataObject[];
	parameters?: Record<string, unknown>;
	credentials?: { baseUrl: string; signingSecret: string };
	continueOnFail?: boolean;
	/** Shared object standing in for workflow static data; pass the same one to persist across runs. */
	staticData?: IDataObject;
	httpRequest?: HttpHandler;
}

export interface HarnessRun {
	output: INodeExecutionData[][];
	/** Every request as the node issued it (after signing for authenticated calls). */
	requests: IHttpRequestOptions[];
}

const networkDisabled: HttpHandler = async (options) => {
	throw new Error(`Network disabled in unit tests (${options.method ?? 'GET'} ${options.url})`);
};

function defaultOf(node: INodeType, name: string): unknown {
	return node.description.properties.find((property) => property.name === name)?.default;
}

export function createExecuteFunctions(node: INodeType, options: HarnessOptions, requests: IHttpRequestOptions[]) {
	const parameters = options.parameters ?? {};
	const staticData = options.staticData ?? {};
	const handler = options.httpRequest ?? networkDisabled;
	const credentialType = new OphirControlPlaneApi();
	const nodeInfo: INode = {
		id: 'test-node',
		name: node.description.defaults.name ?? node.description.displayName,
		type: `CUSTOM.${node.description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};

	const httpRequest = async (request: IHttpRequestOptions) => {
		requests.push(request);
		return await handler(request);
	};

	const context = {
		getInputData: () => options.items.map((json) => ({ json })),
		getNodeParameter: (name: string, _itemIndex: number, fallback?: unknown) => {
			if (name in parameters) return parameters[name];
			const declared = defaultOf(node, name);
			return declared !== undefined ? declared : fallback;
		},
		getNode: () => nodeInfo,
		getWorkflow: () => ({ id: 'test-workflow', name: 'Test', active: true }),
		getExecutionId: () => 'test-execution',
		continueOnFail: () => options.continueOnFail ?? false,
		getWorkflowStaticData: () => staticData,
		helpers: {
			httpRequest,
			async httpRequestWithAuthentication(this: unknown, credentialName: string, request: IHttpRequestOptions) {
				if (credentialName !== credentialType.name || options.credentials === undefined) {
					throw new Error(`No credentials of type ${credentialName} in this test`);
				}
				return await httpRequest(await credentialType.authenticate(options.credentials, request));
			},
		},
	};
	return context as unknown as IExecuteFunctions;
}

export async function runNode(node: INodeType, options: HarnessOptions): Promise<HarnessRun> {
	const requests: IHttpRequestOptions[] = [];
	if (node.execute === undefined) throw new Error('node has no execute()');
	const output = (await node.execute.call(createExecuteFunctions(node, options, requests))) as INodeExecutionData[][];
	return { output, requests };
}

/** The json of every item on one output. */
export function jsonOf(run: HarnessRun, outputIndex = 0): IDataObject[] {
	return (run.output[outputIndex] ?? []).map((item) => item.json);
}

/**
 * n8n's httpRequest semantics over fetch, for tests against fake servers on 127.0.0.1:
 * baseURL, qs, json bodies, returnFullResponse, ignoreHttpStatusErrors and timeout.
 */
export const fetchHttpRequest: HttpHandler = async (options) => {
	const url = new URL(options.baseURL && !/^https?:/.test(options.url) ? `${options.baseURL}${options.url}` : options.url);
	for (const [key, value] of Object.entries(options.qs ?? {})) {
		// Arrays as repeated parameters (n8n's arrayFormat 'repeat'), the form Google APIs read.
		if (Array.isArray(value)) for (const entry of value) url.searchParams.append(key, String(entry));
		else url.searchParams.set(key, String(value));
	}
	const headers = new Headers();
	for (const [key, value] of Object.entries(options.headers ?? {})) headers.set(key, String(value));
	let body: string | Buffer | undefined;
	if (typeof options.body === 'string' || Buffer.isBuffer(options.body)) body = options.body;
	else if (options.body !== undefined && options.body !== null) {
		body = JSON.stringify(options.body);
		if (!headers.has('content-type')) headers.set('content-type', 'application/json');
	}
	const response = await fetch(url, {
		method: options.method ?? 'GET',
		headers,
		body,
		signal: AbortSignal.timeout(options.timeout ?? 10_000),
	});
	const text = await response.text();
	let parsed: unknown = text;
	try {
		parsed = text === '' ? '' : JSON.parse(text);
	} catch {
		parsed = text;
	}
	if (!options.ignoreHttpStatusErrors && response.status >= 400) {
		throw Object.assign(new Error(`Request failed with status code ${response.status}`), {
			httpCode: String(response.status),
		});
	}
	if (!options.returnFullResponse) return parsed;
	return {
		body: parsed,
		headers: Object.fromEntries(response.headers.entries()),
		statusCode: response.status,
		statusMessage: response.statusText,
	};
};
