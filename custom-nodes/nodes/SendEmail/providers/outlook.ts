import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

import type { SendResult } from '../../shared/contract';
import { FULL_RESPONSE_OPTIONS, isSuccess, toHttpResult, trimTrailingSlash, type HttpResult } from '../../shared/http';
import { brokerAccessToken } from './broker';
import { classifyHttpFailure, classifyTransportError } from './classifySendError';
import { sentResult } from './results';
import type { OutgoingSend, ProviderContext, ProviderSend } from './types';

export const GRAPH_DEFAULT_BASE_URL = 'https://graph.microsoft.com';
const LABEL = 'Microsoft Graph';

type Call = { ok: true; response: HttpResult } | { ok: false; result: SendResult };

async function graphCall(
	provider: ProviderContext,
	send: OutgoingSend,
	accessToken: string,
	request: Omit<IHttpRequestOptions, 'returnFullResponse' | 'ignoreHttpStatusErrors'>,
): Promise<Call> {
	try {
		const response: unknown = await provider.context.helpers.httpRequest({
			...request,
			headers: { ...request.headers, Authorization: `Bearer ${accessToken}` },
			timeout: provider.settings.timeoutMs,
			...FULL_RESPONSE_OPTIONS,
		});
		return { ok: true, response: toHttpResult(response) };
	} catch (error) {
		return { ok: false, result: classifyTransportError(send, LABEL, error) };
	}
}

export const sendWithOutlook: ProviderSend = async (send, provider) => {
	const token = await brokerAccessToken(provider, send);
	if (!token.ok) return token.result;
	const baseUrl = trimTrailingSlash(provider.settings.graphApiBaseUrl || token.value.apiBaseUrl || GRAPH_DEFAULT_BASE_URL);
	const { accessToken } = token.value;

	if (send.checkPrevious && provider.settings.checkBeforeResend) {
		const search = await graphCall(provider, send, accessToken, {
			method: 'GET',
			url: `${baseUrl}/v1.0/me/mailFolders/sentitems/messages`,
			qs: { $filter: `internetMessageId eq '${send.messageId}'`, $select: 'id,conversationId', $top: 1 },
			headers: { Accept: 'application/json' },
		});
		if (!search.ok) return search.result;
		if (!isSuccess(search.response)) return classifyHttpFailure(send, LABEL, search.response);
		const found = Array.isArray(search.response.body?.value) ? (search.response.body.value[0] as IDataObject | undefined) : undefined;
		if (typeof found?.id === 'string') {
			return sentResult(send, {
				providerMessageId: found.id,
				threadId: typeof found.conversationId === 'string' ? found.conversationId : null,
				deduplicated: true,
			});
		}
	}

	// Graph accepts a complete MIME message as base64 text, which keeps our Message-ID and headers.
	const call = await graphCall(provider, send, accessToken, {
		method: 'POST',
		url: `${baseUrl}/v1.0/me/sendMail`,
		headers: { 'Content-Type': 'text/plain' },
		body: send.raw.toString('base64'),
		json: false,
	});
	if (!call.ok) return call.result;
	if (!isSuccess(call.response)) return classifyHttpFailure(send, LABEL, call.response);
	// sendMail answers 202 with no body: Graph assigns no id we could learn here.
	return sentResult(send, { providerMessageId: null, threadId: null, deduplicated: false });
};
