import { sleep, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { assertSignatureAccepted, controlPlaneError, controlPlaneRequest } from '../shared/controlPlane';
import { describeTransportError, isSuccess, retryAfterSeconds, type HttpResult } from '../shared/http';

export interface RetryPolicy {
	maxAttempts: number;
	initialBackoffMs: number;
	maxBackoffMs: number;
}

export type PostOutcome = { ok: true; attempts: number } | { ok: false; attempts: number; message: string };

/**
 * Posts one batch of results, retrying with exponential backoff on network errors, 429 and 5xx.
 * The control plane applies results idempotently by `eventId`, so a retried batch is harmless.
 */
export async function postResults(context: IExecuteFunctions, path: string, body: IDataObject, policy: RetryPolicy): Promise<PostOutcome> {
	let lastMessage = '';
	for (let attempt = 1; attempt <= policy.maxAttempts; attempt++) {
		let suggestedWaitMs: number | null = null;
		let response: HttpResult | null = null;
		try {
			response = await controlPlaneRequest(context, { method: 'POST', path, body });
		} catch (error) {
			lastMessage = `control plane unreachable: ${describeTransportError(error)}`;
		}
		if (response !== null) {
			if (isSuccess(response)) return { ok: true, attempts: attempt };
			assertSignatureAccepted(context, response);
			const { code, message } = controlPlaneError(response);
			lastMessage = `control plane answered ${response.statusCode} (${code}): ${message}`;
			const retryable = response.statusCode === 429 || response.statusCode >= 500;
			if (!retryable) return { ok: false, attempts: attempt, message: lastMessage };
			const retryAfter = retryAfterSeconds(response, Date.now());
			suggestedWaitMs = retryAfter === null ? null : retryAfter * 1000;
		}
		if (attempt < policy.maxAttempts) {
			const backoffMs = policy.initialBackoffMs * 2 ** (attempt - 1);
			await sleep(Math.min(policy.maxBackoffMs, suggestedWaitMs ?? backoffMs));
		}
	}
	return { ok: false, attempts: policy.maxAttempts, message: lastMessage };
}
