import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FakeControlPlane } from './fakes/fakeControlPlane';
import { FakeGraphMail, type StoredGraphMessage } from './fakes/fakeGraphMail';
import { inboundMail } from './inboundMail';
import { eventsOf, watchOnce } from './inboxWatchRun';
import { warmupMail } from './warmupMail';

const signingSecret = 'inbox-outlook-test-secret';
const accessToken = 'ya29.SECRET-ACCESS-TOKEN-do-not-leak';
const step1 = '<ophir.snd_step1@sender.example>';
let controlPlane: FakeControlPlane;
let graph: FakeGraphMail;
let credentials: { baseUrl: string; signingSecret: string };
let ourStep1: StoredGraphMessage;

beforeAll(async () => {
	graph = new FakeGraphMail(accessToken);
	const graphUrl = await graph.start();
	controlPlane = new FakeControlPlane({ signingSecret, apiBaseUrl: graphUrl });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});

afterAll(async () => {
	await graph.stop();
	await controlPlane.stop();
});

/** A mailbox that sent step 1 to each lead (in Sent Items), watched up to now. */
beforeEach(() => {
	graph.messages.length = 0;
	graph.pageSizeCap = 1000;
	ourStep1 = graph.sent(
		`Message-ID: ${step1}\r\nFrom: Alice Sender <alice@sender.example>\r\nTo: bob@lead.example\r\nSubject: Quick question\r\n\r\nHi`,
	);
	controlPlane.watchedMailboxes.length = 0;
	controlPlane.watchedMailboxes.push({ mailboxId: 'mb-1', provider: 'outlook', email: 'alice@sender.example', cursor: graph.deltaLink() });
	controlPlane.inboxResults.length = 0;
	graph.server.requests.length = 0;
	controlPlane.server.requests.length = 0;
});

const watch = (parameters: IDataObject = {}) => watchOnce(credentials, parameters);
const cursor = () => controlPlane.watchedMailboxes[0]?.cursor;
const hoursAgo = (hours: number) => Date.now() - hours * 3_600_000;
/** Graph calls as `kind id`, kind being delta, headers, value or conversation. */
const callsByKind = () =>
	graph.apiCalls().map((request) => {
		const path = decodeURIComponent(request.path);
		if (path.endsWith('/delta')) return 'delta';
		if (path.endsWith('/$value')) return `value ${path.split('/').at(-2)}`;
		if (path === '/v1.0/me/messages') return 'conversation';
		return `${request.query.get('$select')} ${path.split('/').pop()}`;
	});

describe('Inbox Watch on Outlook (fake Microsoft Graph, token broker and control plane on 127.0.0.1)', () => {
	it('classifies every kind of new inbox mail, read or unread, and reports the events with the new delta link', async () => {
		const before = cursor();
		const readReply = graph.deliver(inboundMail('genuineReply'), { isRead: true });
		graph.deliver(inboundMail('colleagueReply'));
		const stranger = graph.deliver(inboundMail('quotedWithoutThread'));
		const followUp = graph.sent(inboundMail('ourFollowUp'));
		graph.deliver(inboundMail('germanOutOfOffice'));
		graph.deliver(inboundMail('gmailDsn'));
		graph.deliver(inboundMail('postfixDsn'));
		graph.deliver(inboundMail('softBounce'));
		graph.deliver(inboundMail('unsubscribeReply'));

		const { outcome } = await watch();

		expect(outcome).toMatchObject({ mailboxId: 'mb-1', provider: 'outlook', previousCursor: before, catchUp: 'incremental', error: null });
		expect(outcome.cursor).toMatch(/\/v1\.0\/me\/mailFolders\('inbox'\)\/messages\/delta\?\$deltatoken=/);
		expect(outcome.cursor).not.toBe(before);
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
		// Our follow-up sits in Sent Items: a delta on the inbox never even lists it.
		expect(outcome.ignored).toEqual([{ providerMessageId: stranger.immutableId, reason: 'not_in_our_threads' }]);
		expect(JSON.stringify(graph.server.requests.map((request) => request.path))).not.toContain(encodeURIComponent(followUp.immutableId));

		const [reply] = eventsOf(outcome);
		expect(reply).toMatchObject({
			eventId: `outlook:mb-1:${readReply.immutableId}`,
			mailboxId: 'mb-1',
			threadId: ourStep1.conversationId,
			receivedAt: readReply.receivedDateTime,
			evidence: { from: 'bob@lead.example', readAs: 'raw', labels: ['INBOX'], providerMessageId: readReply.immutableId },
		});
		expect(reply?.message).toMatchObject({
			from: 'Bob Lead <bob@lead.example>',
			to: 'Alice Sender <alice@sender.example>',
			subject: 'Re: Quick question',
			messageIdHeader: '<CAJx9Lq1kz8+abc@mail.gmail.com>',
		});
		expect((reply?.message as IDataObject).text).toMatch(/^Hi Alice,/);
		expect(eventsOf(outcome).find((event) => event.type === 'auto_replied')?.message).toMatchObject({
			subject: 'Abwesenheitsnotiz: Re: Kurze Frage',
			text: null,
		});

		expect(controlPlane.inboxResults).toEqual([
			{ mailboxId: 'mb-1', previousCursor: before, cursor: outcome.cursor, events: outcome.events },
		]);
		expect(cursor()).toBe(outcome.cursor);
	});

	it('reads only what each message needs: headers for an out-of-office, a conversation check for a stranger, the MIME source for bounces and replies', async () => {
		const ooo = graph.deliver(inboundMail('germanOutOfOffice'));
		const stranger = graph.deliver(inboundMail('quotedWithoutThread'));
		const dsn = graph.deliver(inboundMail('postfixDsn'));
		const reply = graph.deliver(inboundMail('genuineReply'));
		const ours = graph.deliver(inboundMail('ourFollowUp').replace('Message-ID: <ophir.snd_step2', 'Message-ID: <ophir.snd_copy'));

		const { outcome } = await watch();

		expect(callsByKind()).toEqual([
			'delta',
			`internetMessageHeaders ${ooo.immutableId}`,
			`internetMessageHeaders ${stranger.immutableId}`,
			'conversation',
			// A mailer daemon's mail is a bounce candidate from the listing alone: straight to its source.
			`value ${dsn.immutableId}`,
			`internetMessageHeaders ${reply.immutableId}`,
			`value ${reply.immutableId}`,
			// Plain-text mail from one of our own mailboxes may be a warm-up message whose provider dropped the header.
			`internetMessageHeaders ${ours.immutableId}`,
			`value ${ours.immutableId}`,
			// Junk Email, listed once per watch for warm-up messages only.
			'id,conversationId,receivedDateTime,internetMessageId,internetMessageHeaders,body,isRead,flag messages',
		]);
		// Mail from one of our own mailboxes that is not a warm-up message stays ignored.
		expect(outcome.ignored).toEqual([
			{ providerMessageId: stranger.immutableId, reason: 'not_in_our_threads' },
			{ providerMessageId: ours.immutableId, reason: 'from_our_mailbox' },
		]);
		const [delta] = graph.apiCalls(/\/delta$/);
		expect(delta?.headers.prefer).toMatch(/IdType="ImmutableId"/);
		expect(delta?.headers.prefer).toMatch(/odata\.maxpagesize=\d+/);
		expect(graph.apiCalls(/^\/v1\.0\/me\/messages$/)[0]?.query.get('$filter')).toBe(`conversationId eq '${stranger.conversationId}'`);
	});

	it('selects only what the first pass needs on a new sync', async () => {
		controlPlane.watchedMailboxes[0]!.cursor = null;
		graph.deliver(inboundMail('genuineReply'));

		await watch();

		const [delta] = graph.apiCalls(/\/delta$/);
		expect(delta?.query.get('$select')?.split(',').sort()).toEqual([
			'conversationId',
			'flag',
			'from',
			'id',
			'internetMessageId',
			'isDraft',
			'isRead',
			'receivedDateTime',
			'subject',
		]);
	});

	it('finds a reply without threading headers through its Graph conversation', async () => {
		const raw = inboundMail('genuineReply').replace(/^(In-Reply-To|References):.*\r\n/gim, '');
		graph.deliver(raw, { conversationId: ourStep1.conversationId });

		const { outcome } = await watch();

		expect(eventsOf(outcome)).toMatchObject([
			{ type: 'replied', inReplyToMessageId: null, threadId: ourStep1.conversationId, mailboxId: 'mb-1' },
		]);
		expect(graph.apiCalls(/^\/v1\.0\/me\/messages$/)).toHaveLength(1);
	});

	it('rescues warm-up messages from Junk Email (header or body tag), marks them read and flagged, reports them, and leaves other junk alone', async () => {
		const byHeader = graph.deliver(warmupMail({ from: 'bob@peer.example', tag: 'junkheader01', header: true }), { folder: 'junkemail' });
		const byBody = graph.deliver(warmupMail({ from: 'carol@peer.example', tag: 'junkbody0001', header: false }), { folder: 'junkemail' });
		const junkReply = graph.deliver(inboundMail('genuineReply'), { folder: 'junkemail' });
		// From one of our own mailboxes, in the inbox, its header dropped on the way.
		const fromOurs = graph.deliver(warmupMail({ from: 'alice@sender.example', tag: 'inboxbody001', header: false }));

		const { outcome } = await watch();

		expect(eventsOf(outcome)).toEqual([]);
		for (const message of [byHeader, byBody]) expect(message).toMatchObject({ folder: 'inbox', isRead: true, flagStatus: 'flagged' });
		expect(fromOurs).toMatchObject({ folder: 'inbox', isRead: true, flagStatus: 'flagged' });
		expect(junkReply).toMatchObject({ folder: 'junkemail', isRead: false, flagStatus: 'notFlagged' });
		const observations = controlPlane.warmupObservations.flatMap((report) => report.observations);
		expect(observations).toEqual(
			expect.arrayContaining([
				expect.objectContaining({
					tag: 'junkheader01',
					folder: 'spam',
					rescued: true,
					markedImportant: true,
					providerMessageId: byHeader.immutableId,
				}),
				expect.objectContaining({ tag: 'junkbody0001', folder: 'spam', rescued: true, markedImportant: true }),
				expect.objectContaining({
					tag: 'inboxbody001',
					folder: 'inbox',
					rescued: false,
					markedImportant: true,
					receivingMailboxId: 'mb-1',
					providerThreadId: fromOurs.conversationId,
					messageIdHeader: '<warmup.inboxbody001@peer.example>',
				}),
			]),
		);
		expect(observations).toHaveLength(3);
		expect(outcome.warmup).toEqual(observations);
		// Observations first: when they fail, the results (and the cursor) wait for the next watch.
		const posted = controlPlane.server.requests.map((request) => request.path).filter((path) => /warmup|inbox-watch\/results/.test(path));
		expect(posted).toEqual(['/api/internal/n8n/warmup/observations', '/api/internal/n8n/inbox-watch/results']);

		// The next watch sees the rescued messages in the inbox delta: already read and flagged, nothing is changed again.
		controlPlane.warmupObservations.length = 0;
		graph.server.requests.length = 0;
		await watch();
		expect(graph.server.requests.filter((request) => request.method !== 'GET')).toEqual([]);
		const again = controlPlane.warmupObservations.flatMap((report) => report.observations).map((observation) => observation.eventId);
		expect(again).toContain('warmup:mb-1:junkheader01');
		expect(again.every((eventId) => observations.some((observation) => observation.eventId === eventId))).toBe(true);
	});

	it('costs exactly two Graph calls, the delta link and the Junk Email listing, when nothing arrived', async () => {
		const before = cursor();
		const { outcome } = await watch();

		expect(graph.apiCalls().map((request) => [decodeURIComponent(request.path), [...request.query.keys()]])).toEqual([
			["/v1.0/me/mailFolders('inbox')/messages/delta", ['$deltatoken']],
			["/v1.0/me/mailFolders('junkemail')/messages", ['$select', '$filter', '$orderby', '$top']],
		]);
		expect(outcome).toMatchObject({ events: [], ignored: [], previousCursor: before, catchUp: 'incremental', error: null });
		// Graph hands out a fresh delta link on every sync; the control plane keeps the newest.
		expect(cursor()).toBe(outcome.cursor);
	});

	it('follows @odata.nextLink pages to the final @odata.deltaLink', async () => {
		graph.pageSizeCap = 2;
		const replies = [1, 2, 3, 4, 5].map((n) => graph.deliver(inboundMail('genuineReply').replace('<CAJx9Lq1kz8+abc@', `<reply-${n}@`)));

		const { outcome } = await watch();

		const deltas = graph.apiCalls(/\/delta$/);
		expect(deltas.map((request) => [...request.query.keys()])).toEqual([['$deltatoken'], ['$skiptoken'], ['$skiptoken']]);
		expect(deltas.every((request) => /IdType="ImmutableId"/.test(String(request.headers.prefer)))).toBe(true);
		expect(eventsOf(outcome).map((event) => event.eventId)).toEqual(replies.map((reply) => `outlook:mb-1:${reply.immutableId}`));
		expect(outcome.cursor).toMatch(/\$deltatoken=/);

		// The next watch starts where the last page ended: nothing new, one delta call (and the junk listing).
		graph.server.requests.length = 0;
		const next = await watch();
		expect(eventsOf(next.outcome)).toEqual([]);
		expect(graph.apiCalls(/delta$/)).toHaveLength(1);
		expect(graph.apiCalls()).toHaveLength(2);
	});

	it('keeps immutable ids: a message moved out of the inbox is not reported again, a message read is reported with the same event id', async () => {
		const reply = graph.deliver(inboundMail('genuineReply'));
		const colleague = graph.deliver(inboundMail('colleagueReply'));
		const first = await watch();

		graph.move(reply, 'archive');
		graph.markRead(colleague);
		const second = await watch();

		expect(eventsOf(second.outcome).map((event) => event.eventId)).toEqual([`outlook:mb-1:${colleague.immutableId}`]);
		expect(eventsOf(first.outcome).map((event) => event.eventId)).toContain(`outlook:mb-1:${colleague.immutableId}`);
		expect(second.outcome.ignored).toEqual([]);
	});

	it('resyncs over the bounded window when Graph forgot the delta link (410 SyncStateNotFound)', async () => {
		const before = cursor();
		graph.deliver(inboundMail('genuineReply'), { receivedAt: hoursAgo(100) });
		const recent = graph.deliver(inboundMail('colleagueReply'), { receivedAt: hoursAgo(2) });
		graph.expireDeltaTokens();

		const { outcome } = await watch({ options: { windowHours: 24, maxWindowMessages: 50 } });

		expect(outcome).toMatchObject({ catchUp: 'window', previousCursor: before, error: null });
		expect(eventsOf(outcome).map((event) => event.eventId)).toEqual([`outlook:mb-1:${recent.immutableId}`]);
		const [expired, resync] = graph.apiCalls(/\/delta$/);
		expect(expired?.query.has('$deltatoken')).toBe(true);
		const since = /^receivedDateTime ge (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$/.exec(resync?.query.get('$filter') ?? '')?.[1];
		expect(Date.now() - Date.parse(since ?? '')).toBeGreaterThanOrEqual(24 * 3_600_000 - 60_000);
		expect(Date.now() - Date.parse(since ?? '')).toBeLessThan(24 * 3_600_000 + 60_000);
		expect(cursor()).toBe(outcome.cursor);

		// The new link works: the next watch is incremental again.
		const next = await watch();
		expect(next.outcome).toMatchObject({ catchUp: 'incremental', events: [] });
	});

	it('also resyncs when Graph answers 400 with a sync-state error', async () => {
		graph.deliver(inboundMail('genuineReply'));
		graph.expireDeltaTokens({ status: 400, body: { error: { code: 'SyncStateInvalid', message: 'The sync state is invalid.' } } });

		const { outcome } = await watch();

		expect(outcome).toMatchObject({ catchUp: 'window', error: null });
		expect(eventsOf(outcome).map((event) => event.type)).toEqual(['replied']);
	});

	it('starts with the window when the mailbox has never been watched, classifying at most the newest maxWindowMessages', async () => {
		controlPlane.watchedMailboxes[0]!.cursor = null;
		graph.pageSizeCap = 2;
		const replies = [5, 4, 3, 2, 1].map((hours) =>
			graph.deliver(inboundMail('genuineReply').replace('<CAJx9Lq1kz8+abc@', `<reply-${hours}h@`), { receivedAt: hoursAgo(hours) }),
		);

		const { outcome } = await watch({ options: { maxWindowMessages: 2 } });

		expect(outcome).toMatchObject({ catchUp: 'window', previousCursor: null, error: null });
		expect(eventsOf(outcome).map((event) => event.eventId)).toEqual(replies.slice(3).map((reply) => `outlook:mb-1:${reply.immutableId}`));
		expect(graph.apiCalls(/\/\$value$/)).toHaveLength(2);
		expect(cursor()).toBe(outcome.cursor);
	});

	it('does not follow a stored delta link of another host: the token goes to the Graph the broker names only', async () => {
		controlPlane.watchedMailboxes[0]!.cursor = "https://graph.example.invalid/v1.0/me/mailFolders('inbox')/messages/delta?$deltatoken=abc";
		graph.deliver(inboundMail('genuineReply'));

		const { outcome } = await watch();

		expect(outcome).toMatchObject({ catchUp: 'window', error: null });
		expect(eventsOf(outcome).map((event) => event.type)).toEqual(['replied']);
	});

	it('a replayed watch reports the same event ids, so the control plane applies them once', async () => {
		graph.deliver(inboundMail('genuineReply'));
		graph.deliver(inboundMail('gmailDsn'));
		const first = await watch({ reportResults: false });
		const second = await watch({ reportResults: false });

		expect(eventsOf(first.outcome)).toHaveLength(2);
		expect(eventsOf(second.outcome).map((event) => event.eventId)).toEqual(eventsOf(first.outcome).map((event) => event.eventId));
		expect(controlPlane.inboxResults).toEqual([]);
	});

	it('reports a Graph failure on the mailbox item without a new cursor, and never leaks the access token', async () => {
		const before = cursor();
		graph.deliver(inboundMail('genuineReply'));
		graph.script.push('value', { status: 500, body: { error: { code: 'ErrorInternalServerError', message: 'Something went wrong.' } } });

		const { run, outcome } = await watch();

		expect(outcome).toMatchObject({ cursor: null, events: [], error: { code: 'outlook_500' } });
		expect(controlPlane.inboxResults).toEqual([]);
		expect(cursor()).toBe(before);
		expect(JSON.stringify(run.output)).not.toContain(accessToken);
	});

	it('names throttling (429 with Retry-After) with its own code, and the cursor stays', async () => {
		const before = cursor();
		graph.script.push('delta', {
			status: 429,
			headers: { 'retry-after': '30' },
			body: { error: { code: 'ApplicationThrottled', message: 'Application is over its MailboxConcurrency limit.' } },
		});

		const { run, outcome } = await watch();

		expect(outcome).toMatchObject({
			cursor: null,
			error: { code: 'outlook_throttled', message: expect.stringContaining('retry after 30 s') },
		});
		expect(cursor()).toBe(before);
		expect(JSON.stringify(run.output)).not.toContain(accessToken);
	});

	it('says outlook_unreachable when Graph cannot be reached, without the token', async () => {
		const { run, outcome } = await watch({ options: { graphApiBaseUrl: 'http://127.0.0.1:9' } });

		expect(outcome).toMatchObject({ cursor: null, error: { code: 'outlook_unreachable' } });
		expect(JSON.stringify(run.output)).not.toContain(accessToken);
	});

	it('asks the token broker for an Outlook token and the claim for the organization', async () => {
		await watch();
		const bodies = controlPlane.server.requests.map((request) => [request.path, JSON.parse(request.rawBody || 'null')]);
		expect(bodies.slice(0, 2)).toEqual([
			['/api/internal/n8n/inbox-watch/claims', { organizationId: 'org-1' }],
			['/api/internal/n8n/mailboxes/mb-1/access-token', { provider: 'outlook', purpose: 'watch' }],
		]);
		expect(graph.apiCalls()[0]?.headers.authorization).toBe(`Bearer ${accessToken}`);
	});
});
