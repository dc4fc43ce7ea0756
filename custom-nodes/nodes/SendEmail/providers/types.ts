import type { IExecuteFunctions } from 'n8n-workflow';

import type { MailboxPoolEntry, SendResult, Threading } from '../../shared/contract';

/** One send, validated and composed, ready for a provider. */
export interface OutgoingSend {
	sendId: string;
	attempt: number;
	/** The item's `mayHaveBeenSent`: an earlier attempt may already have been delivered. */
	mayHaveBeenSent: boolean;
	/** Whether to look for an earlier delivery first: any retry (`attempt` > 1) or `mayHaveBeenSent`. */
	checkPrevious: boolean;
	nowMs: number;
	to: string;
	messageId: string;
	mailbox: MailboxPoolEntry;
	threading: Threading | null;
	raw: Buffer;
}

export interface SendSettings {
	gmailApiBaseUrl: string;
	graphApiBaseUrl: string;
	checkBeforeResend: boolean;
	smtpUncertainDelivery: 'fail' | 'resend';
	timeoutMs: number;
}

export interface ProviderContext {
	context: IExecuteFunctions;
	settings: SendSettings;
	/** Per-execution caches (tokens, SMTP connections) shared by the items of one batch. */
	session: SendSession;
}

export interface SendSession {
	accessTokens: Map<string, BrokeredToken>;
	smtpTransports: Map<string, SmtpTransport>;
	/** Tail of the queue of broker calls per mailbox, so concurrent items share one call. */
	mailboxLocks: Map<string, Promise<unknown>>;
}

/** Runs `task` after every earlier task for the same key has settled. */
export async function withMailboxLock<T>(session: SendSession, key: string, task: () => Promise<T>): Promise<T> {
	const previous = session.mailboxLocks.get(key) ?? Promise.resolve();
	const current = previous.then(task, task);
	session.mailboxLocks.set(
		key,
		current.catch(() => undefined),
	);
	return await current;
}

export interface BrokeredToken {
	accessToken: string;
	expiresAtMs: number;
	apiBaseUrl: string | null;
}

export interface SmtpTransport {
	sendRaw(envelope: { from: string; to: string }, raw: Buffer): Promise<void>;
	close(): void;
}

export type ProviderSend = (send: OutgoingSend, provider: ProviderContext) => Promise<SendResult>;
