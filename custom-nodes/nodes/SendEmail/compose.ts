import MailComposer from 'nodemailer/lib/mail-composer';

import type { MailboxPoolEntry, RenderedMessage, Threading } from '../shared/contract';

/** Our deterministic Message-ID for a send: the same on every attempt, so retries can be detected. */
export function buildMessageId(sendId: string, senderEmail: string): string {
	const domain = senderEmail.split('@').pop()?.toLowerCase() ?? '';
	if (!/^[a-z0-9.-]+$/.test(domain)) throw new Error(`Sender address "${senderEmail}" has no usable domain`);
	return `<ophir.${sendId}@${domain}>`;
}

/** RFC 8058 requires an HTTPS URI; anything that could break the one-line header is refused. */
export function assertUnsubscribeUrl(url: string): void {
	if (!/^https?:\/\/[^\s<>"]+$/i.test(url)) {
		throw new Error('message.unsubscribeUrl must be an absolute http(s) URL without spaces, quotes or angle brackets');
	}
}

/**
 * The RFC 8058 one-click unsubscribe headers every send carries, as written. The control plane's
 * preview shows them and its test send composes with them, so a marketer sees what receivers get.
 */
export function oneClickUnsubscribeHeaders(unsubscribeUrl: string): Array<{ name: string; value: string }> {
	assertUnsubscribeUrl(unsubscribeUrl);
	return [
		{ name: 'List-Unsubscribe', value: `<${unsubscribeUrl}>` },
		{ name: 'List-Unsubscribe-Post', value: 'List-Unsubscribe=One-Click' },
	];
}

export interface ComposeInput {
	sendId: string;
	messageId: string;
	mailbox: Pick<MailboxPoolEntry, 'email' | 'fromName'>;
	to: string;
	message: RenderedMessage;
	threading: Threading | null;
	date: Date;
}

/** Builds the raw RFC 5322 message every provider sends, so all of them carry identical headers. */
export async function composeMime(input: ComposeInput): Promise<Buffer> {
	const { sendId, messageId, mailbox, to, message, threading, date } = input;
	const unsubscribeHeaders = oneClickUnsubscribeHeaders(message.unsubscribeUrl);
	const composer = new MailComposer({
		from: mailbox.fromName ? { name: mailbox.fromName, address: mailbox.email } : mailbox.email,
		to,
		replyTo: message.replyTo ?? undefined,
		subject: message.subject,
		text: message.text,
		html: message.html ?? undefined,
		messageId,
		date,
		inReplyTo: threading?.inReplyTo,
		references: threading && threading.references.length > 0 ? threading.references : undefined,
		headers: {
			// "prepared" writes the value verbatim: never folded, because a folded
			// List-Unsubscribe has broken DKIM verification at some receivers.
			...Object.fromEntries(unsubscribeHeaders.map(({ name, value }) => [name, { prepared: true, value }])),
			'X-Ophir-Send-Id': sendId,
		},
	});
	return await composer.compile().build();
}
