import { createTransport } from 'nodemailer';

import type { SendResult } from '../../shared/contract';
import { backoffSeconds, describeTransportError } from '../../shared/http';
import { brokerSmtpSettings, type SmtpSettings } from './broker';
import { failedResult, retryableResult, sentResult } from './results';
import { withMailboxLock, type OutgoingSend, type ProviderSend, type SmtpTransport } from './types';

/** One pooled nodemailer transport per mailbox and execution, sending our pre-built MIME as is. */
export function createSmtpTransport(settings: SmtpSettings, timeoutMs: number): SmtpTransport {
	const transport = createTransport({
		pool: true,
		maxConnections: 2,
		host: settings.host,
		port: settings.port,
		secure: settings.secure,
		requireTLS: settings.requireTls,
		auth: { user: settings.username, pass: settings.password },
		connectionTimeout: timeoutMs,
		greetingTimeout: timeoutMs,
		socketTimeout: timeoutMs,
	});
	return {
		async sendRaw(envelope, raw) {
			await transport.sendMail({ envelope, raw });
		},
		close() {
			transport.close();
		},
	};
}

interface SmtpError {
	code?: string;
	responseCode?: number;
	command?: string;
	response?: string;
}

function classifySmtpError(send: OutgoingSend, error: unknown): SendResult {
	const { code, responseCode, command, response } = (typeof error === 'object' && error !== null ? error : {}) as SmtpError;
	const detail = `SMTP ${command ?? 'connection'} failed: ${response ?? describeTransportError(error)}`;
	if (code === 'EAUTH' || responseCode === 535) return failedResult(send, { code: 'smtp_auth_failed', reason: detail });
	if (responseCode !== undefined && responseCode >= 500) {
		const recipientRejected = command === 'RCPT TO' || code === 'EENVELOPE';
		return failedResult(send, { code: recipientRejected ? 'invalid_recipient' : 'smtp_rejected', reason: detail });
	}
	return retryableResult(send, {
		code: responseCode !== undefined ? 'smtp_temporary_failure' : 'network_error',
		reason: detail,
		retryAfterSeconds: backoffSeconds(send.attempt, 30, 3600),
		// Without a reply after the message data went out, the server may have queued it.
		mayHaveBeenSent: responseCode === undefined && command === 'DATA',
	});
}

export const sendWithSmtp: ProviderSend = async (send, provider) => {
	// SMTP cannot look into the Sent folder, so a possibly delivered earlier attempt is decided by policy.
	// Plain retries (attempt > 1 after a clean refusal) are sent normally.
	if (send.mayHaveBeenSent && provider.settings.smtpUncertainDelivery === 'fail') {
		return failedResult(send, {
			code: 'delivery_uncertain',
			reason: 'A previous SMTP attempt may have been delivered and SMTP cannot check; not sending again',
		});
	}
	const opened = await withMailboxLock(provider.session, `smtp:${send.mailbox.id}`, async () => {
		const existing = provider.session.smtpTransports.get(send.mailbox.id);
		if (existing !== undefined) return { ok: true as const, transport: existing };
		const settings = await brokerSmtpSettings(provider, send);
		if (!settings.ok) return settings;
		const transport = createSmtpTransport(settings.value, provider.settings.timeoutMs);
		provider.session.smtpTransports.set(send.mailbox.id, transport);
		return { ok: true as const, transport };
	});
	if (!opened.ok) return opened.result;
	const { transport } = opened;
	try {
		await transport.sendRaw({ from: send.mailbox.email, to: send.to }, send.raw);
	} catch (error) {
		return classifySmtpError(send, error);
	}
	return sentResult(send, { providerMessageId: null, threadId: null, deduplicated: false });
};
