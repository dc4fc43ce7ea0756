import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FakeControlPlane } from './fakes/fakeControlPlane';
import { FakeGmail } from './fakes/fakeGmail';
import { REPORT_CHUNK_BYTES } from '../nodes/InboxWatch/reportWatch';
import { inboundMail } from './inboundMail';
import { eventsOf, watchOnce } from './inboxWatchRun';
import { warmupMail } from './warmupMail';

const signingSecret = 'inbox-test-secret';
const accessToken = 'ya29.SECRET-ACCESS-TOKEN-do-not-leak';
const step1 = '<ophir.snd_step1@sender.example>';
let controlPlane: FakeControlPlane;
let gmail: FakeGmail;
let credentials: { baseUrl: string; signingSecret: string };

beforeAll(async () => {
	gmail = new FakeGmail(accessToken);
	const gmailUrl = await gmail.start();
	controlPlane = new FakeControlPlane({ signingSecret, apiBaseUrl: gmailUrl });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});

afterAll(async () => {
	await gmail.stop();
	await controlPlane.stop();
});

/** A mailbox that sent step 1 (and later its follow-up) to each lead, watched from the current history id. */
beforeEach(() => {
	gmail.messages.length = 0;
	gmail.seed({
		id: 'sent-1',
		threadId: 'thread-ours',
		raw: `Message-ID: ${step1}\r\nFrom: alice@sender.example\r\n\r\nHi`,
		messageId: step1,
		labelIds: ['SENT'],
	});
	controlPlane.watchedMailboxes.length = 0;
	controlPlane.watchedMailboxes.push({ mailboxId: 'mb-1', provider: 'gmail', email: 'alice@sender.example', cursor: gmail.historyId });
	controlPlane.inboxResults.length = 0;
	controlPlane.warmupObservations.length = 0;
	gmail.server.requests.length = 0;
	controlPlane.server.requests.length = 0;
});

const watch = (parameters: IDataObject = {}) => watchOnce(credentials, parameters);
/** A reply to step 1 with about 96 KB of text (a lead quoting a long thread): 14 of them are over 1 MB of results. */
const longReply = (index: number) =>
	[
		`From: Lead ${index} <lead${index}@lead.example>`,
		'To: <alice@sender.example>',
		'Subject: Re: Quick question',
		`Message-ID: <long-${index}@lead.example>`,
		`In-Reply-To: ${step1}`,
		`References: ${step1}`,
		'Content-Type: text/plain; charset=UTF-8',
		'',
		`> ${'An earlier message, quoted in full. '.repeat(2)}\r\n`.repeat(1250),
	].join('\r\n');
const cursor = () => controlPlane.watchedMailboxes[0]?.cursor;

describe('Inbox Watch on Gmail (fake Gmail API, token broker and control plane on 127.0.0.1)', () => {
	it('rescues warm-up messages from SPAM by header or body tag, marks them read and important, reports them, never as events', async () => {
		const byHeader = gmail.deliver(warmupMail({ from: 'bob@peer.example', tag: 'spamheader01', header: true }), ['SPAM', 'UNREAD']);
		const byBody = gmail.deliver(warmupMail({ from: 'bob@peer.example', tag: 'spambody0001', header: false }), ['SPAM', 'UNREAD']);
		// A warm-up reply in the campaign's thread, in the inbox: still not a reply.
		const inThread = gmail.deliver(warmupMail({ from: 'bob@peer.example', tag: 'threadreply1', header: true, inReplyTo: step1 }));
		// A lead's reply that Gmail put in spam is handled exactly as before (history lists spam).
		gmail.deliver(inboundMail('genuineReply'), ['SPAM', 'UNREAD']);

		const { outcome } = await watch();

		expect(eventsOf(outcome).map((event) => event.type)).toEqual(['replied']);
		expect(byHeader.labelIds?.sort()).toEqual(['IMPORTANT', 'INBOX']);
		expect(byBody.labelIds?.sort()).toEqual(['IMPORTANT', 'INBOX']);
		expect(inThread.labelIds?.sort()).toEqual(['IMPORTANT', 'INBOX']);
		expect(gmail.apiCalls(/\/modify$/).map((request) => JSON.parse(request.rawBody))).toEqual([
			{ addLabelIds: ['INBOX', 'IMPORTANT'], removeLabelIds: ['SPAM', 'UNREAD'] },
			{ addLabelIds: ['INBOX', 'IMPORTANT'], removeLabelIds: ['SPAM', 'UNREAD'] },
			{ addLabelIds: ['IMPORTANT'], removeLabelIds: ['UNREAD'] },
		]);
		const observations = controlPlane.warmupObservations.flatMap((report) => report.observations);
		expect(observations).toEqual([
			expect.objectContaining({
				tag: 'spamheader01',
				folder: 'spam',
				rescued: true,
				markedImportant: true,
				providerMessageId: byHeader.id,
			}),
			expect.objectContaining({ tag: 'spambody0001', folder: 'spam', rescued: true, markedImportant: true }),
			expect.objectContaining({
				tag: 'threadreply1',
				folder: 'inbox',
				rescued: false,
				providerThreadId: 'thread-ours',
				messageIdHeader: '<warmup.threadreply1@peer.example>',
			}),
		]);
	});

	it('looks in spam for warm-up messages alone when the cursor is gone, and takes nothing else from there', async () => {
		controlPlane.watchedMailboxes[0]!.cursor = null;
		const inSpam = gmail.deliver(
			'From: <bob@peer.example>\r\nSubject: Hi\r\nX-Ophir-Warmup: windowspam01\r\nContent-Type: text/plain\r\n\r\nHello\r\n\r\now-windowspam01',
			['SPAM', 'UNREAD'],
		);
		gmail.deliver(inboundMail('genuineReply'), ['SPAM', 'UNREAD']);

		const { outcome } = await watch();

		expect(outcome).toMatchObject({ catchUp: 'window', events: [] });
		expect(gmail.apiCalls(/\/messages$/).map((request) => request.query.get('q'))).toEqual([
			expect.stringMatching(/^after:\d+$/),
			expect.stringMatching(/^in:spam after:\d+$/),
		]);
		expect(inSpam.labelIds?.sort()).toEqual(['IMPORTANT', 'INBOX']);
		expect(controlPlane.warmupObservations.flatMap((report) => report.observations).map((observation) => observation.tag)).toEqual([
			'windowspam01',
		]);
	});

	it('classifies every kind of new mail, read or unread, and reports the events with the new cursor', async () => {
		const before = cursor();
		const readReply = gmail.deliver(inboundMail('genuineReply'), ['INBOX']);
		gmail.deliver(inboundMail('colleagueReply'));
		const stranger = gmail.deliver(inboundMail('quotedWithoutThread'));
		gmail.seed({
			id: 'sent-2',
			threadId: 'thread-ours',
			raw: inboundMail('ourFollowUp'),
			messageId: '<ophir.snd_step2@sender.example>',
			labelIds: ['SENT'],
		});
		gmail.deliver(inboundMail('germanOutOfOffice'));
		gmail.deliver(inboundMail('gmailDsn'));
		gmail.deliver(inboundMail('postfixDsn'));
		gmail.deliver(inboundMail('softBounce'));
		gmail.deliver(inboundMail('unsubscribeReply'));

		const { outcome } = await watch();

		expect(outcome).toMatchObject({
			mailboxId: 'mb-1',
			previousCursor: before,
			cursor: gmail.historyId,
			catchUp: 'incremental',
			error: null,
		});
		expect(
			eventsOf(outcome).map((event) => [
				event.type,
				event.inReplyToMessageId,
				event.leadEmail,
				(event.bounce as IDataObject | null)?.kind ?? null,
			]),
		).toEqual([
			['replied', step1, null, null],
			['replied', step1, null, null],
			['auto_replied', step1, null, null],
			['bounced', '<ophir.snd_bounce@sender.example>', 'nobody@lead.example', 'hard'],
			['bounced', '<ophir.snd_postfix@sender.example>', 'gone@lead.example', 'hard'],
			['bounced', '<ophir.snd_soft@sender.example>', 'full@lead.example', 'soft'],
			['unsubscribe_request', step1, null, null],
		]);
		expect(outcome.ignored).toEqual([
			{ providerMessageId: stranger.id, reason: 'not_in_our_threads' },
			{ providerMessageId: 'sent-2', reason: 'sent_by_us' },
		]);
		const [reply] = eventsOf(outcome);
		expect(reply).toMatchObject({
			eventId: `gmail:mb-1:${readReply.id}`,
			mailboxId: 'mb-1',
			threadId: 'thread-ours',
			evidence: { from: 'bob@lead.example', readAs: 'raw', labels: ['INBOX'] },
		});
		expect(Date.parse(String(reply?.receivedAt))).not.toBeNaN();
		// What the unified inbox shows: the reply's own headers and its text.
		expect(reply?.message).toMatchObject({
			from: 'Bob Lead <bob@lead.example>',
			to: 'Alice Sender <alice@sender.example>',
			subject: 'Re: Quick question',
			messageIdHeader: '<CAJx9Lq1kz8+abc@mail.gmail.com>',
		});
		expect((reply?.message as IDataObject).text).toMatch(/^Hi Alice,/);
		expect(eventsOf(outcome).find((event) => event.type === 'bounced')?.message).toBeNull();

		expect(controlPlane.inboxResults).toEqual([
			{ mailboxId: 'mb-1', previousCursor: before, cursor: gmail.historyId, events: outcome.events },
		]);
		expect(cursor()).toBe(gmail.historyId);
	});

	it('reads headers first: our Sent mail costs no read, an out-of-office and mail outside our threads no full read', async () => {
		gmail.seed({
			id: 'sent-2',
			threadId: 'thread-ours',
			raw: inboundMail('ourFollowUp'),
			messageId: '<ophir.snd_step2@sender.example>',
			labelIds: ['SENT'],
		});
		const ooo = gmail.deliver(inboundMail('germanOutOfOffice'));
		const stranger = gmail.deliver(inboundMail('quotedWithoutThread'));

		await watch();

		const reads = gmail.apiCalls(/\/messages\//).map((request) => `${request.path.split('/').pop()} ${request.query.get('format')}`);
		expect(reads).toEqual([`${ooo.id} metadata`, `${stranger.id} metadata`]);
		expect(gmail.apiCalls(/\/messages\/in-/)[0]?.query.getAll('metadataHeaders')).toContain('Auto-Submitted');
	});

	it('reads feedback-loop reports in full and reports complaints by our original and the recipient the provider names', async () => {
		const yahoo = gmail.deliver(inboundMail('yahooArfComplaint'));
		const jmrp = gmail.deliver(inboundMail('jmrpArfComplaint'));
		const notSpam = gmail.deliver(inboundMail('notSpamArf'));

		const { outcome } = await watch();

		expect(eventsOf(outcome)).toMatchObject([
			{
				eventId: `gmail:mb-1:${yahoo.id}`,
				type: 'complained',
				inReplyToMessageId: '<ophir.snd_arf@sender.example>',
				leadEmail: 'dave@lead.example',
				threadId: null,
				message: null,
				evidence: { feedbackType: 'abuse', reportedBy: 'arf.mail.yahoo.com', readAs: 'raw' },
			},
			{ eventId: `gmail:mb-1:${jmrp.id}`, type: 'complained', inReplyToMessageId: '<ophir.snd_jmrp@sender.example>', leadEmail: null },
		]);
		expect(outcome.ignored).toEqual([{ providerMessageId: notSpam.id, reason: 'not_a_complaint' }]);
		const reads = gmail.apiCalls(/\/messages\//).map((request) => `${request.path.split('/').pop()} ${request.query.get('format')}`);
		expect(reads).toEqual([yahoo, jmrp, notSpam].flatMap(({ id }) => [`${id} metadata`, `${id} raw`]));
		expect(controlPlane.inboxResults[0]?.events).toEqual(outcome.events);
	});

	it('finds a reply without threading headers through its Gmail thread', async () => {
		const raw = inboundMail('genuineReply').replace(/^(In-Reply-To|References):.*\r\n/gim, '');
		gmail.seed({ id: 'in-bare', threadId: 'thread-ours', raw, messageId: '<CAJx9Lq1kz8+abc@mail.gmail.com>', labelIds: ['INBOX'] });

		const { outcome } = await watch();

		expect(eventsOf(outcome)).toMatchObject([{ type: 'replied', inReplyToMessageId: null, threadId: 'thread-ours', mailboxId: 'mb-1' }]);
		expect(gmail.apiCalls(/\/threads\//)).toHaveLength(1);
	});

	it('costs one history.list call when nothing arrived (O(new messages) quota), and the cursor stays', async () => {
		const before = cursor();
		const { outcome } = await watch();

		expect(gmail.apiCalls().map((request) => request.path)).toEqual(['/gmail/v1/users/me/history']);
		expect(outcome).toMatchObject({ events: [], ignored: [], cursor: before, catchUp: 'incremental' });
		expect(cursor()).toBe(before);
	});

	it('falls back to a bounded messages.list window when Gmail expired the history id', async () => {
		gmail.expireHistory();
		gmail.deliver(inboundMail('genuineReply'));
		gmail.deliver(inboundMail('ourFollowUp').replace('Message-ID: <ophir.snd_step2', 'Message-ID: <ophir.snd_other'), ['SENT']);

		const { outcome } = await watch({ options: { windowHours: 24, maxWindowMessages: 50 } });

		expect(outcome).toMatchObject({ catchUp: 'window', cursor: gmail.historyId });
		expect(eventsOf(outcome).map((event) => event.type)).toEqual(['replied']);
		const list = gmail.apiCalls(/\/messages$/)[0];
		expect(list?.query.get('q')).toMatch(/^after:\d+$/);
		expect(Number(list?.query.get('maxResults'))).toBeLessThanOrEqual(50);
		expect(gmail.apiCalls(/\/profile$/)).toHaveLength(1);
		expect(cursor()).toBe(gmail.historyId);
	});

	it('starts with the window when the mailbox has never been watched', async () => {
		controlPlane.watchedMailboxes[0]!.cursor = null;
		gmail.deliver(inboundMail('gmailDsn'));

		const { outcome } = await watch();

		expect(outcome).toMatchObject({ catchUp: 'window', previousCursor: null, cursor: gmail.historyId });
		expect(eventsOf(outcome).map((event) => event.type)).toEqual(['bounced']);
	});

	it('a replayed watch reports the same event ids, so the control plane applies them once', async () => {
		gmail.deliver(inboundMail('genuineReply'));
		const first = await watch({ reportResults: false });
		const second = await watch({ reportResults: false });
		expect(eventsOf(second.outcome).map((event) => event.eventId)).toEqual(eventsOf(first.outcome).map((event) => event.eventId));
		expect(controlPlane.inboxResults).toEqual([]);
	});

	it('keeps the cursor when the control plane does not accept the results', async () => {
		const before = cursor();
		gmail.deliver(inboundMail('genuineReply'));
		controlPlane.script.push('/api/internal/n8n/inbox-watch/results', {
			status: 503,
			body: { code: 'unavailable', detail: 'database restarting' },
		});

		const { outcome } = await watch();

		expect(outcome.error).toEqual({ code: 'unavailable', message: 'database restarting' });
		expect(cursor()).toBe(before);
	});

	it('reports a watch larger than the 1 MB body limit in requests under it, and only the last one moves the cursor', async () => {
		const before = cursor();
		const replies = Array.from({ length: 14 }, (_, index) => gmail.deliver(longReply(index)));

		const { outcome } = await watch();

		const requests = controlPlane.server.requestsTo('/api/internal/n8n/inbox-watch/results');
		const sizes = requests.map((request) => Buffer.byteLength(request.rawBody, 'utf8'));
		expect(sizes.reduce((sum, size) => sum + size, 0)).toBeGreaterThan(1_048_576);
		expect(sizes.length).toBeGreaterThan(1);
		for (const size of sizes) expect(size).toBeLessThanOrEqual(REPORT_CHUNK_BYTES);
		expect(controlPlane.inboxResults.map((result) => [result.previousCursor, result.cursor])).toEqual([
			...Array.from({ length: sizes.length - 1 }, () => [before, null]),
			[before, gmail.historyId],
		]);
		expect(controlPlane.inboxResults.flatMap((result) => result.events.map((event) => event.eventId))).toEqual(
			replies.map((reply) => `gmail:mb-1:${reply.id}`),
		);
		expect(outcome).toMatchObject({
			cursor: gmail.historyId,
			error: null,
			report: { applied: 14, cursorAdvanced: true, requests: sizes.length },
		});
		expect(cursor()).toBe(gmail.historyId);
	});

	it('a large watch whose second request fails keeps the cursor, so the next watch reports all of it again', async () => {
		const before = cursor();
		Array.from({ length: 14 }, (_, index) => gmail.deliver(longReply(index)));
		controlPlane.failInboxResultsRequest(2);

		const failed = await watch();
		expect(failed.outcome.error).toMatchObject({ code: 'internal_error' });
		expect(controlPlane.inboxResults.map((result) => result.cursor)).toEqual([null]);
		expect(cursor()).toBe(before);

		const retried = await watch();
		expect(retried.outcome).toMatchObject({ previousCursor: before, cursor: gmail.historyId, error: null, report: { applied: 14 } });
		expect(cursor()).toBe(gmail.historyId);
	});

	it('reports a Gmail failure on the mailbox item without a new cursor, and never leaks the access token', async () => {
		gmail.script.push('history', { status: 500, body: { error: { code: 500, message: 'Backend Error' } } });

		const { run, outcome } = await watch();

		expect(outcome).toMatchObject({ cursor: null, error: { code: 'gmail_500' } });
		expect(controlPlane.inboxResults).toEqual([]);
		expect(JSON.stringify(run.output)).not.toContain(accessToken);
	});

	it('asks the token broker for a Gmail token and the claim for the organization', async () => {
		await watch();
		const bodies = controlPlane.server.requests.map((request) => [request.path, JSON.parse(request.rawBody || 'null')]);
		expect(bodies.slice(0, 2)).toEqual([
			['/api/internal/n8n/inbox-watch/claims', { organizationId: 'org-1' }],
			['/api/internal/n8n/mailboxes/mb-1/access-token', { provider: 'gmail', purpose: 'watch' }],
		]);
	});
});
