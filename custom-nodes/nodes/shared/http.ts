import type { IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';

/** A response as our code reads it: status, lower-cased headers and a parsed JSON body (or null). */
export interface HttpResult {
	statusCode: number;
	headers: Record<string, string>;
	body: IDataObject | null;
}

/**
 * Every call is made with returnFullResponse and ignoreHttpStatusErrors so status codes are
 * classified by our code and n8n's error objects (which carry request headers, and so access
 * tokens) never reach item output or error messages.
 */
export const FULL_RESPONSE_OPTIONS: Pick<IHttpRequestOptions, 'returnFullResponse' | 'ignoreHttpStatusErrors'> = {
	returnFullResponse: true,
	ignoreHttpStatusErrors: true,
};

export function toHttpResult(response: unknown): HttpResult {
	const full = response as IN8nHttpFullResponse;
	const headers: Record<string, string> = {};
	for (const [name, value] of Object.entries(full.headers ?? {})) {
		headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
	}
	return { statusCode: full.statusCode, headers, body: parseJsonBody(full.body) };
}

function parseJsonBody(body: unknown): IDataObject | null {
	if (body === undefined || body === null || body === '') return null;
	if (Buffer.isBuffer(body)) return parseJsonBody(body.toString('utf8'));
	if (typeof body === 'string') {
		try {
			const parsed: unknown = JSON.parse(body);
			return typeof parsed === 'object' && parsed !== null ? (parsed as IDataObject) : null;
		} catch {
			// Non-JSON bodies (HTML error pages from proxies) carry nothing we classify on.
			return null;
		}
	}
	return typeof body === 'object' ? (body as IDataObject) : null;
}

export function isSuccess(result: HttpResult): boolean {
	return result.statusCode >= 200 && result.statusCode < 300;
}

/** Retry-After in seconds (delta-seconds or HTTP date); null when absent or unparsable. */
export function retryAfterSeconds(result: HttpResult, nowMs: number): number | null {
	const header = result.headers['retry-after'];
	if (header === undefined) return null;
	if (/^\d+$/.test(header.trim())) return Number(header.trim());
	const dateMs = Date.parse(header);
	return Number.isNaN(dateMs) ? null : Math.max(0, Math.ceil((dateMs - nowMs) / 1000));
}

/** Exponential backoff in seconds for a 1-based attempt, capped. */
export function backoffSeconds(attempt: number, baseSeconds: number, maxSeconds: number): number {
	return Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
}

/** A short, token-free description of a thrown transport error (connection refused, timeout). */
export function describeTransportError(error: unknown): string {
	if (typeof error === 'object' && error !== null) {
		const { code, message } = error as { code?: unknown; message?: unknown };
		if (typeof code === 'string') return code;
		if (typeof message === 'string') return message.split('\n')[0] ?? 'request failed';
	}
	return 'request failed';
}

export function trimTrailingSlash(url: string): string {
	return url.replace(/\/+$/, '');
}
