import { describe, expect, it } from 'vitest';

import { classifyMessage, isOurMessageId, type MailboxView } from '../nodes/InboxWatch/classifyInboundMail';
import { inboundEventOf } from '../nodes/InboxWatch/inboundEvents';
import { bodyText, parseMime } from '../nodes/InboxWatch/mime';
import { inboundMail } from './inboundMail';

const inbox: MailboxView = { ourAddresses: ['alice@sender.example', 'ALICE2@sender.example'], labels: ['INBOX'], threadIsOurs: false };

function classify(name: string, view: Partial<MailboxView> = {}, edit: (raw: string) => string = (raw) => raw) {
	return classifyMessage(parseMime(edit(inboundMail(name))), { ...inbox, ...view });
}

describe('classifyMessage: replies', () => {
	it('a genuine reply names the message it answers, even when already read (no UNREAD label)', () => {
		const result = classify('genuineReply');
		expect(result).toMatchObject({ type: 'replied', ourMessageId: '<ophir.snd_step1@sender.example>' });
		expect(result.evidence).toMatchObject({
			from: 'bob@lead.example',
			subject: 'Re: Quick question',
			signal: 'In-Reply-To/References <ophir.snd_step1@sender.example>',
		});
	});

	it('a colleague answering a forward is a reply to our thread, found through References', () => {
		const result = classify('colleagueReply');
		expect(result).toMatchObject({ type: 'replied', ourMessageId: '<ophir.snd_step1@sender.example>' });
		expect(result.evidence.from).toBe('carol@lead.example');
	});

	it('quoting our text from an unrelated address is not a reply: quoted text is no evidence', () => {
		expect(classify('quotedWithoutThread')).toMatchObject({ type: 'ignored', reason: 'not_in_our_threads' });
	});

	it('a reply without threading headers counts when the provider thread is ours', () => {
		const result = classify('genuineReply', { threadIsOurs: true }, (raw) => raw.replace(/^(In-Reply-To|References):.*\r\n/gim, ''));
		expect(result).toMatchObject({ type: 'replied', ourMessageId: null, evidence: { linkedBy: 'thread of ours' } });
	});
});

describe('classifyMessage: our own mail is never a reply', () => {
	it('our follow-up in Sent is ignored although it answers our step 1', () => {
		expect(classify('ourFollowUp', { labels: ['SENT'] })).toMatchObject({ type: 'ignored', reason: 'sent_by_us' });
	});

	it('a draft is ignored', () => {
		expect(classify('genuineReply', { labels: ['DRAFT'] })).toMatchObject({ type: 'ignored', reason: 'draft' });
	});

	it('mail from any of our mailboxes is ignored even without the SENT label (e.g. CC to ourselves), case-insensitively', () => {
		expect(classify('ourFollowUp')).toMatchObject({ type: 'ignored', reason: 'from_our_mailbox' });
		const fromSecond = classify('ourFollowUp', {}, (raw) => raw.replace('alice@sender.example>', 'Alice2@Sender.example>'));
		expect(fromSecond).toMatchObject({ type: 'ignored', reason: 'from_our_mailbox' });
	});
});

describe('classifyMessage: auto-replies do not count as replies', () => {
	it('a German out-of-office (encoded subject, Auto-Submitted) is an auto-reply, not an unsubscribe', () => {
		const result = classify('germanOutOfOffice');
		expect(result).toMatchObject({ type: 'auto_replied', ourMessageId: '<ophir.snd_step1@sender.example>' });
		expect(result.evidence).toMatchObject({ signal: 'Auto-Submitted: auto-replied', subject: 'Abwesenheitsnotiz: Re: Kurze Frage' });
	});

	it.each([
		['Abwesenheitsnotiz: Re: Kurze Frage'],
		['Automatische Antwort: Quick question'],
		['Out of Office: Quick question'],
		['Automatic reply: Quick question'],
		['Réponse automatique : Quick question'],
		['Absence du bureau'],
		['Fuera de la oficina: Quick question'],
		['Respuesta automática: Quick question'],
	])('recognises the subject "%s" when no auto-reply header is set', (subject) => {
		const result = classify('germanOutOfOffice', {}, (raw) =>
			raw.replace(/^(Auto-Submitted|X-Auto-Response-Suppress):.*\r\n/gim, '').replace(/^Subject:.*$/im, `Subject: ${subject}`),
		);
		expect(result).toMatchObject({ type: 'auto_replied', evidence: { signal: `Subject: ${subject}` } });
	});

	it.each([['X-Autoreply: yes'], ['Precedence: auto_reply']])('recognises the header %s', (header) => {
		const result = classify('genuineReply', {}, (raw) => raw.replace('MIME-Version: 1.0\r\n', `MIME-Version: 1.0\r\n${header}\r\n`));
		expect(result).toMatchObject({ type: 'auto_replied', evidence: { signal: header } });
	});

	it('Auto-Submitted: no is a human reply', () => {
		const result = classify('genuineReply', {}, (raw) =>
			raw.replace('MIME-Version: 1.0\r\n', 'MIME-Version: 1.0\r\nAuto-Submitted: no\r\n'),
		);
		expect(result.type).toBe('replied');
	});
});

describe('classifyMessage: bounces', () => {
	it('a Gmail DSN is a hard bounce of the original attached to it', () => {
		const result = classify('gmailDsn');
		expect(result).toMatchObject({
			type: 'bounced',
			ourMessageId: '<ophir.snd_bounce@sender.example>',
			bounce: { kind: 'hard', status: '5.1.1', action: 'failed', finalRecipient: 'nobody@lead.example', detectedBy: 'delivery_status' },
		});
		if (result.type !== 'bounced') throw new Error('not a bounce');
		expect(result.bounce.diagnostic).toContain('does not exist');
		expect(result.evidence.signal).toBe('multipart/report delivery-status');
	});

	it('a Postfix DSN (X-Failed-Recipients, original headers as text/rfc822-headers) is a hard bounce', () => {
		expect(classify('postfixDsn')).toMatchObject({
			type: 'bounced',
			ourMessageId: '<ophir.snd_postfix@sender.example>',
			bounce: { kind: 'hard', status: '5.1.1', finalRecipient: 'gone@lead.example' },
		});
	});

	it('a plain-text bounce with only X-Failed-Recipients is a hard bounce found through the quoted original', () => {
		expect(classify('eximPlainBounce')).toMatchObject({
			type: 'bounced',
			ourMessageId: '<ophir.snd_exim@sender.example>',
			bounce: { kind: 'hard', status: null, finalRecipient: 'left@lead.example', detectedBy: 'x_failed_recipients' },
		});
	});

	it('a 4.x.x delay is a soft bounce', () => {
		expect(classify('softBounce')).toMatchObject({
			type: 'bounced',
			ourMessageId: '<ophir.snd_soft@sender.example>',
			bounce: { kind: 'soft', status: '4.2.2', action: 'delayed', finalRecipient: 'full@lead.example' },
		});
	});

	it('a DSN reporting delivery is no bounce', () => {
		const result = classify('softBounce', {}, (raw) =>
			raw.replace('Action: delayed', 'Action: delivered').replace('Status: 4.2.2', 'Status: 2.0.0'),
		);
		expect(result.type).not.toBe('bounced');
	});
});

describe('classifyMessage: complaints from feedback loops (ARF)', () => {
	it('a Yahoo CFL report with the original attached is a complaint by the recipient it names', () => {
		const result = classify('yahooArfComplaint');
		expect(result).toMatchObject({
			type: 'complained',
			ourMessageId: '<ophir.snd_arf@sender.example>',
			complaint: {
				feedbackType: 'abuse',
				recipient: 'dave@lead.example',
				originalMessageId: '<ophir.snd_arf@sender.example>',
				userAgent: 'Yahoo!-Mail-Feedback/2.0',
				reportedDomain: 'sender.example',
				reportedBy: 'arf.mail.yahoo.com',
			},
			evidence: { from: 'feedback@arf.mail.yahoo.com', signal: 'Feedback-Type: abuse' },
		});
	});

	it("a Microsoft JMRP report with the recipient redacted is found through the original headers' Message-ID alone", () => {
		expect(classify('jmrpArfComplaint')).toMatchObject({
			type: 'complained',
			ourMessageId: '<ophir.snd_jmrp@sender.example>',
			complaint: { feedbackType: 'abuse', recipient: null, userAgent: 'Microsoft JMRP/1.0', reportedBy: 'hotmail.com' },
		});
	});

	it('without Original-Rcpt-To the recipient comes from the original, unless redacted', () => {
		const withoutRcptTo = classify('yahooArfComplaint', {}, (raw) => raw.replace(/^Original-Rcpt-To:.*\r\n/m, ''));
		expect(withoutRcptTo).toMatchObject({ type: 'complained', complaint: { recipient: 'dave@lead.example' } });
		const redactedTo = classify('yahooArfComplaint', {}, (raw) =>
			raw.replace(/^Original-Rcpt-To:.*\r\n/m, '').replace('To: dave@lead.example', 'To: xxxxxxxx@lead.example'),
		);
		expect(redactedTo).toMatchObject({ type: 'complained', complaint: { recipient: null } });
		const jmrpUnredacted = classify('jmrpArfComplaint', {}, (raw) =>
			raw.replace('X-HmXmrOriginalRecipient: <redacted>', 'X-HmXmrOriginalRecipient: <frank@lead.example>'),
		);
		expect(jmrpUnredacted).toMatchObject({ type: 'complained', complaint: { recipient: 'frank@lead.example' } });
	});

	it('not-spam, virus and other reports are no complaints; fraud is', () => {
		expect(classify('notSpamArf')).toMatchObject({
			type: 'ignored',
			reason: 'not_a_complaint',
			evidence: { signal: 'Feedback-Type: not-spam' },
		});
		for (const feedbackType of ['virus', 'other']) {
			expect(
				classify('yahooArfComplaint', {}, (raw) => raw.replace('Feedback-Type: abuse', `Feedback-Type: ${feedbackType}`)),
			).toMatchObject({ type: 'ignored', reason: 'not_a_complaint' });
		}
		expect(classify('yahooArfComplaint', {}, (raw) => raw.replace('Feedback-Type: abuse', 'Feedback-Type: fraud')).type).toBe('complained');
	});

	it('a report From one of our own addresses is still our own mail', () => {
		const ours = classify('yahooArfComplaint', {}, (raw) => raw.replace(/^From:.*$/m, 'From: Alice Sender <alice@sender.example>'));
		expect(ours).toMatchObject({ type: 'ignored', reason: 'from_our_mailbox' });
	});

	it('a complaint naming neither our original nor the recipient is not reported', () => {
		const anonymous = classify('jmrpArfComplaint', {}, (raw) =>
			raw.replace('<ophir.snd_jmrp@sender.example>', '<CAF0a1b2c3@mail.gmail.com>'),
		);
		expect(anonymous).toMatchObject({ type: 'complained', ourMessageId: null, complaint: { recipient: null } });
		const watched = {
			providerMessageId: 'm-1',
			threadId: 't-1',
			labels: ['INBOX'],
			receivedAt: '2026-03-11T11:02:12.000Z',
			readAs: 'raw' as const,
			content: null,
		};
		expect(inboundEventOf({ mailboxId: 'mb-1', provider: 'gmail' }, { ...watched, classification: anonymous })).toBeNull();
		expect(
			inboundEventOf({ mailboxId: 'mb-1', provider: 'gmail' }, { ...watched, classification: classify('jmrpArfComplaint') }),
		).toMatchObject({
			type: 'complained',
			inReplyToMessageId: '<ophir.snd_jmrp@sender.example>',
			leadEmail: null,
			threadId: null,
			message: null,
			evidence: { feedbackType: 'abuse', userAgent: 'Microsoft JMRP/1.0' },
		});
	});
});

describe('classifyMessage: unsubscribe requests by reply', () => {
	it('a short German reply asking to be removed is an unsubscribe request', () => {
		expect(classify('unsubscribeReply')).toMatchObject({
			type: 'unsubscribe_request',
			ourMessageId: '<ophir.snd_step1@sender.example>',
			evidence: { signal: 'phrase "austragen"' },
		});
	});

	it.each([['Please remove me from your list.'], ['unsubscribe'], ['STOP'], ['Merci de me désabonner.'], ['Por favor, darme de baja.']])(
		'"%s" is an unsubscribe request',
		(text) => {
			const result = classify('unsubscribeReply', {}, (raw) => raw.replace(/Bitte tragen.*\r\n/, `${text}\r\n`));
			expect(result.type).toBe('unsubscribe_request');
		},
	);

	it('our own unsubscribe link in the quoted text does not make a reply an unsubscribe request', () => {
		expect(classify('genuineReply').type).toBe('replied');
	});

	it('a long reply that mentions unsubscribing in passing stays a reply for a human to read', () => {
		const long = `${'We are evaluating several vendors this quarter and would like to hear more. '.repeat(5)}No need to unsubscribe me.`;
		const result = classify('unsubscribeReply', {}, (raw) => raw.replace(/Bitte tragen.*\r\n/, `${long}\r\n`));
		expect(result.type).toBe('replied');
	});
});

describe('MIME reading', () => {
	it('decodes quoted-printable soft line breaks and UTF-8', () => {
		expect(bodyText(parseMime(inboundMail('genuineReply')))).toContain(
			"sounds interesting – can we talk on Thursday at 10? I'd like to understand the pricing first.",
		);
	});

	it('decodes ISO-8859-1 quoted-printable bodies', () => {
		expect(bodyText(parseMime(inboundMail('colleagueReply')))).toContain('ich bin für Vertrieb zuständig');
	});

	it('falls back to the HTML part with tags removed', () => {
		const htmlOnly = 'Content-Type: text/html; charset=utf-8\r\n\r\n<p>Hello&nbsp;there</p><br>Bob';
		expect(bodyText(parseMime(htmlOnly))).toBe('Hello there\n\nBob');
	});

	it('recognises only our Message-ID format', () => {
		expect(isOurMessageId('<ophir.snd_1@sender.example>')).toBe(true);
		expect(isOurMessageId('<CAJx9Lq1kz8+abc@mail.gmail.com>')).toBe(false);
		expect(isOurMessageId('ophir.snd_1@sender.example')).toBe(false);
	});
});
