import type { FailedResult, RetryableResult, SentResult } from '../../shared/contract';
import type { OutgoingSend } from './types';

export function sentResult(
	send: OutgoingSend,
	ids: { providerMessageId: string | null; threadId: string | null; deduplicated: boolean },
): SentResult {
	return {
		status: 'sent',
		sendId: send.sendId,
		attempt: send.attempt,
		mailboxId: send.mailbox.id,
		provider: send.mailbox.provider,
		providerMessageId: ids.providerMessageId,
		messageId: send.messageId,
		threadId: ids.threadId,
		sentAt: new Date(send.nowMs).toISOString(),
		deduplicated: ids.deduplicated,
	};
}

export function retryableResult(
	send: OutgoingSend,
	details: { code: string; reason: string; retryAfterSeconds: number; mayHaveBeenSent: boolean },
): RetryableResult {
	return {
		status: 'retryable',
		sendId: send.sendId,
		attempt: send.attempt,
		mailboxId: send.mailbox.id,
		retryAfterSeconds: Math.max(1, Math.ceil(details.retryAfterSeconds)),
		// Sticky: once an earlier attempt may have gone out, every later retry must check first.
		mayHaveBeenSent: details.mayHaveBeenSent || send.mayHaveBeenSent,
		code: details.code,
		reason: details.reason,
	};
}

export function failedResult(send: OutgoingSend, details: { code: string; reason: string }): FailedResult {
	return {
		status: 'failed',
		sendId: send.sendId,
		attempt: send.attempt,
		mailboxId: send.mailbox.id,
		code: details.code,
		reason: details.reason,
	};
}
