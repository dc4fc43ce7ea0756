import MailComposer from 'nodemailer/lib/mail-composer';

import { WARMUP_HEADER, type MailboxPoolEntry, type RenderedMessage, type Threading, type WarmupMessageContent } from '../shared/contract';

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

interface ComposeCommon {
	sendId: string;
	messageId: string;
	mailbox: Pick<MailboxPoolEntry, 'email' | 'fromName'>;
	to: string;
	threading: Threading | null;
	date: Date;
}

/** A campaign send or an inbox reply (with its one-click unsubscribe), or a warm-up message (plain text, its tag, nothing else). */
export type ComposeInput = ComposeCommon & ({ message: RenderedMessage } | { message: WarmupMessageContent; warmupTag: string });

/** The headers that set a message apart: one-click unsubscribe for campaign mail, the warm-up tag for warm-up mail. */
function distinguishingHeaders(input: ComposeInput): Array<{ name: string; value: string }> {
	if ('warmupTag' in input) return [{ name: WARMUP_HEADER, value: input.warmupTag }];
	return oneClickUnsubscribeHeaders(input.message.unsubscribeUrl);
}

/** Builds the raw RFC 5322 message every provider sends, so all of them carry identical headers. */
export async function composeMime(input: ComposeInput): Promise<Buffer> {
	const { sendId, messageId, mailbox, to, message, threading, date } = input;
	const unsubscribeHeaders = distinguishingHeaders(input);
	const composer = new MailComposer({
		from: mailbox.fromName ? { name: mailbox.fromName, address: mailbox.email } : mailbox.email,
		to,
		replyTo: ('replyTo' in message ? message.replyTo : null) ?? undefined,
		subject: message.subject,
		text: message.text,
		html: ('html' in message ? message.html : null) ?? undefined,
		messageId,
		date,
		inReplyTo: threading?.inReplyTo,
		references: threading && threading.references.length > 0 ? threading.references : undefined,
		headers: {
			// "prepared" writes the value verbatim: never folded, because a folded
			// List-Unsubscribe has broken DKIM verification at some receivers (the warm-up tag is one short word).
			...Object.fromEntries(unsubscribeHeaders.map(({ name, value }) => [name, { prepared: true, value }])),
			'X-Ophir-Send-Id': sendId,
		},
	});
	return await composer.compile().build();
}
