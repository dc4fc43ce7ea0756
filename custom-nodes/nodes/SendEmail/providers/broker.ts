import type { IDataObject } from 'n8n-workflow';

import type { SendResult } from '../../shared/contract';
import { assertSignatureAccepted, controlPlaneError, controlPlanePaths, controlPlaneRequest } from '../../shared/controlPlane';
import { backoffSeconds, isSuccess, retryAfterSeconds, type HttpResult } from '../../shared/http';
import { classifyTransportError } from './classifySendError';
import { failedResult, retryableResult } from './results';
import { withMailboxLock, type BrokeredToken, type OutgoingSend, type ProviderContext } from './types';

/** Tokens are reused within one execution until shortly before they expire. */
const TOKEN_REUSE_MARGIN_MS = 60_000;

export type Brokered<T> = { ok: true; value: T } | { ok: false; result: SendResult };

/** Credentials for SMTP as the control plane brokers them. */
export interface SmtpSettings {
	host: string;
	port: number;
	secure: boolean;
	username: string;
	password: string;
	requireTls: boolean;
}

async function callBroker(
	provider: ProviderContext,
	send: OutgoingSend,
	path: string,
): Promise<{ ok: true; response: HttpResult } | { ok: false; result: SendResult }> {
	let response: HttpResult;
	try {
		response = await controlPlaneRequest(provider.context, {
			method: 'POST',
			path,
			body: { sendId: send.sendId, provider: send.mailbox.provider },
			timeoutMs: provider.settings.timeoutMs,
		});
	} catch (error) {
		const result = classifyTransportError(send, 'Control plane', error);
		// Nothing left for the provider yet: this attempt itself cannot have sent anything.
		return { ok: false, result: result.status === 'retryable' ? { ...result, mayHaveBeenSent: send.mayHaveBeenSent } : result };
	}
	if (isSuccess(response)) return { ok: true, response };

	assertSignatureAccepted(provider.context, response);
	const { code, message } = controlPlaneError(response);
	if (response.statusCode === 429 || response.statusCode >= 500) {
		return {
			ok: false,
			result: retryableResult(send, {
				code: 'broker_unavailable',
				reason: `Token broker answered ${response.statusCode}: ${message}`,
				retryAfterSeconds: retryAfterSeconds(response, send.nowMs) ?? backoffSeconds(send.attempt, 30, 3600),
				mayHaveBeenSent: false,
			}),
		};
	}
	// invalid_grant, mailbox_disabled, mailbox_not_found...: permanent for this send.
	return { ok: false, result: failedResult(send, { code, reason: `Token broker: ${message}` }) };
}

export async function brokerAccessToken(provider: ProviderContext, send: OutgoingSend): Promise<Brokered<BrokeredToken>> {
	return await withMailboxLock(provider.session, `token:${send.mailbox.id}`, async () => await fetchAccessToken(provider, send));
}

async function fetchAccessToken(provider: ProviderContext, send: OutgoingSend): Promise<Brokered<BrokeredToken>> {
	const cached = provider.session.accessTokens.get(send.mailbox.id);
	if (cached && cached.expiresAtMs - TOKEN_REUSE_MARGIN_MS > Date.now()) return { ok: true, value: cached };

	const call = await callBroker(provider, send, controlPlanePaths.accessToken(send.mailbox.id));
	if (!call.ok) return call;
	const body: IDataObject = call.response.body ?? {};
	if (typeof body.accessToken !== 'string' || body.accessToken === '') {
		return { ok: false, result: failedResult(send, { code: 'broker_invalid_response', reason: 'Token broker returned no accessToken' }) };
	}
	const expiresAtMs = typeof body.expiresAt === 'string' ? Date.parse(body.expiresAt) : Number.NaN;
	const token: BrokeredToken = {
		accessToken: body.accessToken,
		expiresAtMs: Number.isNaN(expiresAtMs) ? Date.now() + TOKEN_REUSE_MARGIN_MS : expiresAtMs,
		apiBaseUrl: typeof body.apiBaseUrl === 'string' && body.apiBaseUrl !== '' ? body.apiBaseUrl : null,
	};
	provider.session.accessTokens.set(send.mailbox.id, token);
	return { ok: true, value: token };
}

export async function brokerSmtpSettings(provider: ProviderContext, send: OutgoingSend): Promise<Brokered<SmtpSettings>> {
	const call = await callBroker(provider, send, controlPlanePaths.smtpCredentials(send.mailbox.id));
	if (!call.ok) return call;
	const body: IDataObject = call.response.body ?? {};
	if (typeof body.host !== 'string' || typeof body.port !== 'number' || typeof body.password !== 'string') {
		return {
			ok: false,
			result: failedResult(send, { code: 'broker_invalid_response', reason: 'SMTP broker response lacks host, port or password' }),
		};
	}
	return {
		ok: true,
		value: {
			host: body.host,
			port: body.port,
			secure: body.secure === true,
			username: typeof body.username === 'string' && body.username !== '' ? body.username : send.mailbox.email,
			password: body.password,
			requireTls: body.requireTls === true,
		},
	};
}
