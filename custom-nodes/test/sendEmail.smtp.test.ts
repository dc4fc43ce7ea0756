import { simpleParser } from 'mailparser';
import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { SendEmail } from '../nodes/SendEmail/SendEmail.node';
import { FakeControlPlane } from './fakes/fakeControlPlane';
import { SmtpSink } from './fakes/smtpSink';
import { assignedItem, mailbox } from './fixtures';
import { fetchHttpRequest, jsonOf, runNode, type HarnessOptions } from './harness';
import { headerLines } from './mime';

const node = new SendEmail();
const signingSecret = 'smtp-test-secret';
const smtpAccount = { username: 'alice@sender.example', password: 'smtp-password-do-not-leak' };
const smtpMailbox = mailbox({ id: 'mb-smtp', provider: 'smtp', email: 'alice@sender.example' });
let sink: SmtpSink;
let smtpPort: number;
let controlPlane: FakeControlPlane;
let credentials: { baseUrl: string; signingSecret: string };

beforeAll(async () => {
	sink = new SmtpSink(smtpAccount, ['nobody@lead.example']);
	smtpPort = await sink.start();
	controlPlane = new FakeControlPlane({ signingSecret, smtp: { host: '127.0.0.1', port: smtpPort, ...smtpAccount } });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});

afterAll(async () => {
	await sink.stop();
	await controlPlane.stop();
});

beforeEach(() => {
	sink.received.length = 0;
	controlPlane.server.requests.length = 0;
});

const send = (items: IDataObject[], options: Partial<HarnessOptions> = {}) =>
	runNode(node, { items, credentials, httpRequest: fetchHttpRequest, ...options });

describe('Send Email via SMTP (real smtp-server on 127.0.0.1)', () => {
	it('delivers the composed MIME with every header intact', async () => {
		const threading = {
			messageId: '<ophir.s1@sender.example>',
			inReplyTo: '<ophir.s1@sender.example>',
			references: ['<ophir.s1@sender.example>'],
			gmailThreadId: null,
			mailboxId: 'mb-smtp',
		};
		const item = assignedItem({ sendId: 's2', step: 2, threading }, smtpMailbox);
		(item.message as IDataObject).replyTo = 'replies@sender.example';
		(item.message as IDataObject).subject = 'Re: Quick question, Bob — ça va?';
		const run = await send([item]);

		expect(jsonOf(run)[0]?.result).toEqual({
			status: 'sent',
			sendId: 's2',
			attempt: 1,
			mailboxId: 'mb-smtp',
			provider: 'smtp',
			providerMessageId: null,
			messageId: '<ophir.s2@sender.example>',
			threadId: null,
			sentAt: '2026-03-10T14:00:00.000Z',
			deduplicated: false,
		});
		expect(sink.received).toHaveLength(1);
		const [mail] = sink.received;
		expect(mail?.from).toBe('alice@sender.example');
		expect(mail?.to).toEqual(['bob@lead.example']);

		const parsed = await simpleParser(mail?.raw ?? '');
		expect(parsed.messageId).toBe('<ophir.s2@sender.example>');
		expect(parsed.from?.text).toBe('"Alice Sender" <alice@sender.example>');
		expect(parsed.to && !Array.isArray(parsed.to) ? parsed.to.text : '').toBe('bob@lead.example');
		expect(parsed.replyTo?.text).toBe('replies@sender.example');
		expect(parsed.subject).toBe('Re: Quick question, Bob — ça va?');
		expect(parsed.inReplyTo).toBe('<ophir.s1@sender.example>');
		expect(parsed.references).toBe('<ophir.s1@sender.example>');
		expect(parsed.date?.toISOString()).toBe('2026-03-10T14:00:00.000Z');
		expect(parsed.text?.trim()).toBe('Hi Bob,\n\nShort note.\n\nUnsubscribe: https://ophir.example/u/tok-1');
		expect(parsed.html).toContain('<a href="https://ophir.example/u/tok-1">Unsubscribe</a>');
		expect(headerLines(parsed, 'List-Unsubscribe')).toEqual([
			'List-Unsubscribe: <https://ophir.example/u/tok-1?list=camp-1&lead=lead-1&sig=abcdef0123456789abcdef0123456789abcdef0123456789>',
		]);
		expect(headerLines(parsed, 'List-Unsubscribe-Post')).toEqual(['List-Unsubscribe-Post: List-Unsubscribe=One-Click']);
		expect(parsed.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
		expect(parsed.headers.get('x-ophir-send-id')).toBe('s2');
		expect(headerLines(parsed, 'Bcc')).toEqual([]);
		expect(JSON.stringify(run.output)).not.toContain(smtpAccount.password);
	});

	it('opens one SMTP session per mailbox for a batch and sends each item once', async () => {
		const items = ['a', 'b', 'c', 'd'].map((id) => assignedItem({ sendId: id }, smtpMailbox));
		const run = await send(items);
		expect(jsonOf(run).map((json) => (json.result as IDataObject).status)).toEqual(['sent', 'sent', 'sent', 'sent']);
		expect(sink.received.map((mail) => /Message-ID: (\S+)/i.exec(mail.raw)?.[1]).sort()).toEqual([
			'<ophir.a@sender.example>',
			'<ophir.b@sender.example>',
			'<ophir.c@sender.example>',
			'<ophir.d@sender.example>',
		]);
		expect(controlPlane.server.requestsTo('/api/internal/n8n/mailboxes/mb-smtp/smtp-credentials')).toHaveLength(1);
	});

	it('a recipient refused with 550 -> failed invalid_recipient', async () => {
		const item = assignedItem(
			{ lead: { id: 'l', email: 'nobody@lead.example', firstName: null, lastName: null, company: null, timezone: null } },
			smtpMailbox,
		);
		expect(jsonOf(await send([item]))[0]?.result).toMatchObject({ status: 'failed', code: 'invalid_recipient' });
	});

	it('a wrong SMTP password -> failed smtp_auth_failed, the password never shown', async () => {
		controlPlane.script.push('smtp-credentials', {
			status: 200,
			body: { host: '127.0.0.1', port: smtpPort, secure: false, username: smtpAccount.username, password: 'wrong-password' },
		});
		const result = jsonOf(await send([assignedItem({}, smtpMailbox)]))[0]?.result as IDataObject;
		expect(result).toMatchObject({ status: 'failed', code: 'smtp_auth_failed' });
		expect(JSON.stringify(result)).not.toContain('wrong-password');
	});

	it('an SMTP server that cannot be reached -> retryable', async () => {
		controlPlane.script.push('smtp-credentials', {
			status: 200,
			body: { host: '127.0.0.1', port: 9, secure: false, username: 'x', password: 'y' },
		});
		expect(jsonOf(await send([assignedItem({}, smtpMailbox)]))[0]?.result).toMatchObject({ status: 'retryable', code: 'network_error' });
	});

	it('a possibly delivered earlier attempt is failed by default and resent only when configured', async () => {
		const uncertain = assignedItem({ attempt: 2, mayHaveBeenSent: true }, smtpMailbox);
		expect(jsonOf(await send([uncertain]))[0]?.result).toMatchObject({ status: 'failed', code: 'delivery_uncertain' });
		expect(sink.received).toHaveLength(0);
		const resent = jsonOf(await send([uncertain], { parameters: { smtpUncertainDelivery: 'resend' } }))[0]?.result;
		expect(resent).toMatchObject({ status: 'sent', attempt: 2 });
		expect(sink.received).toHaveLength(1);
		// A plain retry (attempt 2 after a clean refusal) is sent normally.
		expect(jsonOf(await send([assignedItem({ attempt: 2 }, smtpMailbox)]))[0]?.result).toMatchObject({ status: 'sent' });
	});
});
