import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { SendResult } from '../../shared/contract';
import { FULL_RESPONSE_OPTIONS, isSuccess, toHttpResult, trimTrailingSlash, type HttpResult } from '../../shared/http';
import { brokerAccessToken } from './broker';
import { classifyHttpFailure, classifyTransportError } from './classifySendError';
import { sentResult } from './results';
import type { OutgoingSend, ProviderContext, ProviderSend } from './types';

export const GMAIL_DEFAULT_BASE_URL = 'https://gmail.googleapis.com';
const LABEL = 'Gmail';

type Call = { ok: true; response: HttpResult } | { ok: false; result: SendResult };

async function gmailCall(
	provider: ProviderContext,
	send: OutgoingSend,
	accessToken: string,
	request: Omit<IHttpRequestOptions, 'headers' | 'returnFullResponse' | 'ignoreHttpStatusErrors'>,
): Promise<Call> {
	try {
		const response: unknown = await provider.context.helpers.httpRequest({
			...request,
			headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
			timeout: provider.settings.timeoutMs,
			...FULL_RESPONSE_OPTIONS,
		});
		return { ok: true, response: toHttpResult(response) };
	} catch (error) {
		return { ok: false, result: classifyTransportError(send, LABEL, error) };
	}
}

/** Looks for a message carrying our Message-ID (a previous attempt that did go out). */
async function findPreviousDelivery(
	provider: ProviderContext,
	send: OutgoingSend,
	baseUrl: string,
	accessToken: string,
): Promise<{ ok: true; found: { id: string; threadId: string | null } | null } | { ok: false; result: SendResult }> {
	const call = await gmailCall(provider, send, accessToken, {
		method: 'GET',
		url: `${baseUrl}/gmail/v1/users/me/messages`,
		qs: { q: `rfc822msgid:${send.messageId.slice(1, -1)}`, maxResults: 1 },
	});
	if (!call.ok) return call;
	if (!isSuccess(call.response)) return { ok: false, result: classifyHttpFailure(send, LABEL, call.response) };
	const first = Array.isArray(call.response.body?.messages) ? (call.response.body.messages[0] as IDataObject) : undefined;
	if (typeof first?.id !== 'string') return { ok: true, found: null };
	return { ok: true, found: { id: first.id, threadId: typeof first.threadId === 'string' ? first.threadId : null } };
}

export const sendWithGmail: ProviderSend = async (send, provider) => {
	const token = await brokerAccessToken(provider, send);
	if (!token.ok) return token.result;
	const baseUrl = trimTrailingSlash(provider.settings.gmailApiBaseUrl || token.value.apiBaseUrl || GMAIL_DEFAULT_BASE_URL);
	const { accessToken } = token.value;

	if (send.checkPrevious && provider.settings.checkBeforeResend) {
		const previous = await findPreviousDelivery(provider, send, baseUrl, accessToken);
		if (!previous.ok) return previous.result;
		if (previous.found !== null) {
			return sentResult(send, {
				providerMessageId: previous.found.id,
				threadId: previous.found.threadId,
				deduplicated: true,
			});
		}
	}

	// Gmail thread ids belong to one mailbox: only reuse step 1's thread from the same mailbox.
	const threadId = send.threading?.gmailThreadId && send.threading.mailboxId === send.mailbox.id ? send.threading.gmailThreadId : undefined;
	const call = await gmailCall(provider, send, accessToken, {
		method: 'POST',
		url: `${baseUrl}/gmail/v1/users/me/messages/send`,
		body: { raw: send.raw.toString('base64url'), ...(threadId ? { threadId } : {}) },
		json: true,
	});
	if (!call.ok) return call.result;
	if (!isSuccess(call.response)) return classifyHttpFailure(send, LABEL, call.response);
	const body = call.response.body ?? {};
	return sentResult(send, {
		providerMessageId: typeof body.id === 'string' ? body.id : null,
		threadId: typeof body.threadId === 'string' ? body.threadId : null,
		deduplicated: false,
	});
};
