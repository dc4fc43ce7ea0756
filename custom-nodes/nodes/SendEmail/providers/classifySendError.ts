import type { IDataObject } from 'n8n-workflow';

import type { SendResult } from '../../shared/contract';
import { backoffSeconds, describeTransportError, retryAfterSeconds, type HttpResult } from '../../shared/http';
import { failedResult, retryableResult } from './results';
import type { OutgoingSend } from './types';

/** Backoff bases (seconds) when the provider gives no Retry-After. */
const RATE_LIMIT_BACKOFF = { base: 60, max: 3600 };
const TRANSIENT_BACKOFF = { base: 30, max: 3600 };
const DAILY_LIMIT_DELAY_SECONDS = 3600;
const UNAUTHORIZED_DELAY_SECONDS = 60;

/** What a provider's error body says, reduced to what classification needs. */
export interface ProviderError {
	/** Machine reasons/codes: Google `error.errors[].reason` + `error.status`, Graph `error.code`. */
	reasons: string[];
	message: string;
}

export function readProviderError(body: IDataObject | null): ProviderError {
	const error = body?.error;
	if (typeof error !== 'object' || error === null) return { reasons: [], message: '' };
	const { message, status, code, errors } = error as IDataObject;
	const reasons: string[] = [];
	if (typeof status === 'string') reasons.push(status);
	if (typeof code === 'string') reasons.push(code);
	if (Array.isArray(errors)) {
		for (const entry of errors) {
			const reason = (entry as IDataObject | null)?.reason;
			if (typeof reason === 'string') reasons.push(reason);
		}
	}
	return { reasons, message: typeof message === 'string' ? message : '' };
}

const RATE_LIMIT_REASONS = ['rateLimitExceeded', 'userRateLimitExceeded', 'RESOURCE_EXHAUSTED', 'ApplicationThrottled'];
const DAILY_LIMIT_REASONS = ['dailyLimitExceeded', 'quotaExceeded', 'ErrorExceededMessageLimit'];
const INVALID_RECIPIENT_REASONS = ['invalidRecipient', 'ErrorInvalidRecipients', 'ErrorRecipientNotFound'];
const INVALID_RECIPIENT_MESSAGE = /invalid to header|recipient address (required|rejected)|invalid recipient/i;
const DAILY_LIMIT_MESSAGE = /sending limit|daily limit/i;

/** Maps a non-2xx provider response to a retryable or failed result. */
export function classifyHttpFailure(send: OutgoingSend, providerLabel: string, response: HttpResult): SendResult {
	const { statusCode } = response;
	const error = readProviderError(response.body);
	const has = (list: string[]) => error.reasons.some((reason) => list.includes(reason));
	const detail = `${providerLabel} answered ${statusCode}${error.message ? `: ${error.message}` : ''}`;
	const suggested = retryAfterSeconds(response, send.nowMs);

	if (has(DAILY_LIMIT_REASONS) || DAILY_LIMIT_MESSAGE.test(error.message)) {
		return retryableResult(send, {
			code: 'daily_limit_exceeded',
			reason: detail,
			retryAfterSeconds: suggested ?? DAILY_LIMIT_DELAY_SECONDS,
			mayHaveBeenSent: false,
		});
	}
	if (statusCode === 429 || (statusCode === 403 && has(RATE_LIMIT_REASONS))) {
		return retryableResult(send, {
			code: 'rate_limited',
			reason: detail,
			retryAfterSeconds: suggested ?? backoffSeconds(send.attempt, RATE_LIMIT_BACKOFF.base, RATE_LIMIT_BACKOFF.max),
			mayHaveBeenSent: false,
		});
	}
	if (statusCode >= 500) {
		// The provider may have accepted the message before failing: check before resending.
		return retryableResult(send, {
			code: 'provider_unavailable',
			reason: detail,
			retryAfterSeconds: suggested ?? backoffSeconds(send.attempt, TRANSIENT_BACKOFF.base, TRANSIENT_BACKOFF.max),
			mayHaveBeenSent: true,
		});
	}
	if (statusCode === 401) {
		// Usually an access token that expired in flight; a revoked grant shows up at the broker next time.
		return retryableResult(send, {
			code: 'unauthorized',
			reason: detail,
			retryAfterSeconds: UNAUTHORIZED_DELAY_SECONDS,
			mayHaveBeenSent: false,
		});
	}
	if (has(INVALID_RECIPIENT_REASONS) || INVALID_RECIPIENT_MESSAGE.test(error.message)) {
		return failedResult(send, { code: 'invalid_recipient', reason: detail });
	}
	return failedResult(send, { code: statusCode === 403 ? 'forbidden' : 'rejected_by_provider', reason: detail });
}

/** A thrown transport error (connection refused, reset, timeout): the request may have been processed. */
export function classifyTransportError(send: OutgoingSend, providerLabel: string, error: unknown): SendResult {
	return retryableResult(send, {
		code: 'network_error',
		reason: `${providerLabel} request failed: ${describeTransportError(error)}`,
		retryAfterSeconds: backoffSeconds(send.attempt, TRANSIENT_BACKOFF.base, TRANSIENT_BACKOFF.max),
		mayHaveBeenSent: true,
	});
}
