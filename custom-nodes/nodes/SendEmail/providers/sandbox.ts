import { assertSignatureAccepted, controlPlaneError, controlPlanePaths, controlPlaneRequest } from '../../shared/controlPlane';
import { backoffSeconds, isSuccess, retryAfterSeconds, type HttpResult } from '../../shared/http';
import { classifyTransportError } from './classifySendError';
import { failedResult, retryableResult, sentResult } from './results';
import type { ProviderSend } from './types';

/**
 * Sandbox mailboxes deliver nowhere: the raw message is handed to the control plane, which keeps
 * it for inspection. The control plane stores it idempotently by Message-ID, so a resend is harmless.
 */
export const sendToSandbox: ProviderSend = async (send, provider) => {
	let response: HttpResult;
	try {
		response = await controlPlaneRequest(provider.context, {
			method: 'POST',
			path: controlPlanePaths.sandboxMessages,
			body: {
				sendId: send.sendId,
				mailboxId: send.mailbox.id,
				messageId: send.messageId,
				from: send.mailbox.email,
				to: send.to,
				threadId: send.threading?.gmailThreadId ?? null,
				raw: send.raw.toString('base64'),
			},
			timeoutMs: provider.settings.timeoutMs,
		});
	} catch (error) {
		return classifyTransportError(send, 'Control plane', error);
	}
	if (isSuccess(response)) {
		const body = response.body ?? {};
		return sentResult(send, {
			providerMessageId: typeof body.id === 'string' ? body.id : null,
			threadId: typeof body.threadId === 'string' ? body.threadId : null,
			deduplicated: body.duplicate === true,
		});
	}
	assertSignatureAccepted(provider.context, response);
	const { code, message } = controlPlaneError(response);
	if (response.statusCode === 429 || response.statusCode >= 500) {
		return retryableResult(send, {
			code: 'sandbox_unavailable',
			reason: `Sandbox answered ${response.statusCode}: ${message}`,
			retryAfterSeconds: retryAfterSeconds(response, send.nowMs) ?? backoffSeconds(send.attempt, 30, 3600),
			mayHaveBeenSent: response.statusCode >= 500,
		});
	}
	return failedResult(send, { code, reason: `Sandbox: ${message}` });
};
