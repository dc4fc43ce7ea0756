import { NodeOperationError, type IDataObject, type IExecuteFunctions, type IHttpRequestMethods } from 'n8n-workflow';

import { describeTransportError, FULL_RESPONSE_OPTIONS, isSuccess, toHttpResult, type HttpResult } from './http';

export const CONTROL_PLANE_CREDENTIAL = 'ophirControlPlaneApi';

/** Paths of the control plane's internal API used by the nodes (README "Endpoints"). */
export const controlPlanePaths = {
	ping: '/api/internal/n8n/ping',
	claims: '/api/internal/n8n/claims',
	events: '/api/internal/n8n/events',
	inboxReplyClaims: '/api/internal/n8n/inbox-replies/claims',
	inboxReplyResults: '/api/internal/n8n/inbox-replies/results',
	warmupClaims: '/api/internal/n8n/warmup/claims',
	warmupResults: '/api/internal/n8n/warmup/results',
	warmupObservations: '/api/internal/n8n/warmup/observations',
	sandboxMessages: '/api/internal/n8n/sandbox-messages',
	inboxWatchClaims: '/api/internal/n8n/inbox-watch/claims',
	inboxWatchResults: '/api/internal/n8n/inbox-watch/results',
	accessToken: (mailboxId: string) => `/api/internal/n8n/mailboxes/${encodeURIComponent(mailboxId)}/access-token`,
	smtpCredentials: (mailboxId: string) => `/api/internal/n8n/mailboxes/${encodeURIComponent(mailboxId)}/smtp-credentials`,
	imapCredentials: (mailboxId: string) => `/api/internal/n8n/mailboxes/${encodeURIComponent(mailboxId)}/imap-credentials`,
	sandboxInbox: (mailboxId: string) => `/api/internal/n8n/mailboxes/${encodeURIComponent(mailboxId)}/sandbox-inbox`,
};

/**
 * Calls the control plane through the Ophir credential, whose `authenticate` sets the base URL
 * and signs the exact body string sent here.
 */
export async function controlPlaneRequest(
	context: IExecuteFunctions,
	options: { method: IHttpRequestMethods; path: string; body?: IDataObject; timeoutMs?: number },
): Promise<HttpResult> {
	const response: unknown = await context.helpers.httpRequestWithAuthentication.call(context, CONTROL_PLANE_CREDENTIAL, {
		method: options.method,
		url: options.path,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		body: options.body === undefined ? undefined : JSON.stringify(options.body),
		json: false,
		timeout: options.timeoutMs ?? 30_000,
		...FULL_RESPONSE_OPTIONS,
	});
	return toHttpResult(response);
}

/** The control plane answers failures as RFC 9457 problem+json (`code`, `detail`); falls back to the status. */
export function controlPlaneError(result: HttpResult): { code: string; message: string } {
	const { code, detail } = (result.body ?? {}) as IDataObject;
	return {
		code: typeof code === 'string' ? code : `http_${result.statusCode}`,
		message: typeof detail === 'string' ? detail : `control plane answered ${result.statusCode}`,
	};
}

/**
 * A 401 means the control plane rejected our signature: a configuration problem affecting every
 * item, so it stops the node instead of becoming a per-send outcome.
 */
export function assertSignatureAccepted(context: IExecuteFunctions, result: HttpResult): void {
	if (result.statusCode !== 401) return;
	throw new NodeOperationError(context.getNode(), `Control plane rejected the request signature: ${controlPlaneError(result).message}`, {
		description: 'Check that the Signing Secret of the Ophir credential matches the control plane.',
	});
}

export type ControlPlaneOutcome = { ok: true; body: IDataObject } | { ok: false; error: { code: string; message: string } };

/**
 * A signed POST whose failure belongs to one item (one mailbox, one send) rather than to the node:
 * unreachable and refused become an error value; only a rejected signature stops the node.
 */
export async function postToControlPlane(
	context: IExecuteFunctions,
	path: string,
	body: IDataObject,
	timeoutMs: number,
): Promise<ControlPlaneOutcome> {
	let response: HttpResult;
	try {
		response = await controlPlaneRequest(context, { method: 'POST', path, body, timeoutMs });
	} catch (error) {
		return { ok: false, error: { code: 'control_plane_unreachable', message: describeTransportError(error) } };
	}
	assertSignatureAccepted(context, response);
	if (!isSuccess(response)) return { ok: false, error: controlPlaneError(response) };
	return { ok: true, body: response.body ?? {} };
}
