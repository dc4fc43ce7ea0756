import { describe, expect, it } from 'vitest';

import { parseHeaderBlock, parseMime } from '../nodes/InboxWatch/mime';
import {
	mayCarryBodyTag,
	observationsOf,
	warmupTagInHeaders,
	warmupTagInText,
	warmupTagOf,
	type FoundWarmup,
} from '../nodes/InboxWatch/warmup';
import { inboundMail } from './inboundMail';

const ours = ['alice@sender.example', 'Bob@Peer.example'];
const warmup = (headers: string, body = 'Lunch on Friday?\r\n\r\nBob') =>
	`From: Bob <bob@peer.example>\r\nTo: <alice@sender.example>\r\nSubject: Friday\r\n${headers}Content-Type: text/plain; charset=utf-8\r\n\r\n${body}`;

describe('warm-up recognition', () => {
	it('reads the tag from the X-Ophir-Warmup header, whatever its case and spacing, and only a 12-character [a-z0-9] tag', () => {
		expect(warmupTagInHeaders(parseHeaderBlock('x-ophir-warmup:   k3v9q0w2m1zt  '))).toBe('k3v9q0w2m1zt');
		expect(warmupTagInHeaders(parseHeaderBlock('X-Ophir-Warmup: K3V9Q0W2M1ZT'))).toBeNull();
		expect(warmupTagInHeaders(parseHeaderBlock('X-Ophir-Warmup: k3v9q0w2m1z'))).toBeNull();
		expect(warmupTagInHeaders(parseHeaderBlock('X-Ophir-Warmup: k3v9q0w2m1ztx'))).toBeNull();
		expect(warmupTagInHeaders(parseHeaderBlock('Subject: ow-k3v9q0w2m1zt'))).toBeNull();
	});

	it('finds the body tag ow-<tag> as a word, so a longer token or an address does not pass for one', () => {
		expect(warmupTagInText('See you then.\n\now-k3v9q0w2m1zt')).toBe('k3v9q0w2m1zt');
		expect(warmupTagInText('See you then. ow-k3v9q0w2m1zt\n')).toBe('k3v9q0w2m1zt');
		expect(warmupTagInText('now-k3v9q0w2m1zt')).toBeNull();
		expect(warmupTagInText('ow-k3v9q0w2m1ztzz')).toBeNull();
		expect(warmupTagInText('ow-K3V9Q0W2M1ZT')).toBeNull();
	});

	it('takes the header first, else the body, and a campaign reply carries neither', () => {
		expect(warmupTagOf(parseMime(warmup('X-Ophir-Warmup: aaaaaaaaaaaa\r\n', 'Hi\r\n\r\now-bbbbbbbbbbbb')))).toBe('aaaaaaaaaaaa');
		expect(warmupTagOf(parseMime(warmup('', 'Hi\r\n\r\now-bbbbbbbbbbbb')))).toBe('bbbbbbbbbbbb');
		expect(warmupTagOf(parseMime(inboundMail('genuineReply')))).toBeNull();
		expect(warmupTagOf(parseMime(inboundMail('unsubscribeReply')))).toBeNull();
	});

	it('reads a body only to look for the tag when the message is plain text and from our mailboxes or in spam', () => {
		const headers = (raw: string) => parseMime(raw).headers;
		expect(mayCarryBodyTag(headers(warmup('')), ours, false)).toBe(true);
		expect(mayCarryBodyTag(headers(warmup('X-Ophir-Warmup: aaaaaaaaaaaa\r\n')), ours, false)).toBe(false);
		expect(mayCarryBodyTag(headers(inboundMail('quotedWithoutThread')), ours, false)).toBe(false);
		expect(mayCarryBodyTag(headers(inboundMail('quotedWithoutThread')), ours, true)).toBe(true);
		expect(mayCarryBodyTag(headers(inboundMail('genuineReply')), ours, true)).toBe(false);
		expect(mayCarryBodyTag(headers(warmup('').replace('text/plain', 'text/html')), ours, true)).toBe(false);
	});

	it('reports one observation per tag and mailbox, the first sighting winning, with an event id that survives a move', () => {
		const found = (folder: 'inbox' | 'spam', providerMessageId: string): FoundWarmup => ({
			tag: 'aaaaaaaaaaaa',
			folder,
			rescued: folder === 'spam',
			markedImportant: true,
			providerMessageId,
			providerThreadId: null,
			messageIdHeader: '<w1@peer.example>',
		});
		const observations = observationsOf('mb-1', [found('spam', '7.3'), found('inbox', '1.9')], '2026-12-04T10:00:00.000Z');
		expect(observations).toEqual([
			{
				eventId: 'warmup:mb-1:aaaaaaaaaaaa',
				tag: 'aaaaaaaaaaaa',
				receivingMailboxId: 'mb-1',
				folder: 'spam',
				rescued: true,
				markedImportant: true,
				observedAt: '2026-12-04T10:00:00.000Z',
				providerMessageId: '7.3',
				providerThreadId: null,
				messageIdHeader: '<w1@peer.example>',
			},
		]);
	});
});
