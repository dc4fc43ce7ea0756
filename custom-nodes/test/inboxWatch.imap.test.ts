import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FakeControlPlane } from './fakes/fakeControlPlane';
import { LocalImapServer } from './fakes/localImapServer';
import { inboundMail } from './inboundMail';
import { eventsOf, watchOnce } from './inboxWatchRun';

const signingSecret = 'inbox-test-secret';
const password = 'imap-SECRET-password-do-not-leak';
const step1 = '<ophir.snd_step1@sender.example>';
const imap = new LocalImapServer({ username: 'alice@sender.example', password });
const login = { host: '127.0.0.1', port: 0, username: 'alice@sender.example', password };
let imapPort: number;
let controlPlane: FakeControlPlane;
let credentials: { baseUrl: string; signingSecret: string };

beforeAll(async () => {
	imapPort = (await imap.start()).port;
	controlPlane = new FakeControlPlane({ signingSecret, imap: login });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});

afterAll(async () => {
	await imap.stop();
	await controlPlane.stop();
});

const cursorNow = () => `${imap.uidValidity}:${imap.uidNext - 1}`;

/** An SMTP mailbox with IMAP settings, watched up to the INBOX's current end. */
beforeEach(() => {
	imap.clear();
	Object.assign(login, { password, port: imapPort });
	controlPlane.watchedMailboxes.length = 0;
	controlPlane.watchedMailboxes.push({ mailboxId: 'mb-1', provider: 'smtp', email: 'alice@sender.example', cursor: cursorNow() });
	controlPlane.inboxResults.length = 0;
	controlPlane.server.requests.length = 0;
});

const watch = (parameters: IDataObject = {}) => watchOnce(credentials, parameters);
const cursor = () => controlPlane.watchedMailboxes[0]?.cursor;
/** The commands that touch the mailbox's content (the login and folder listing are imapflow's own). */
const mailboxCommands = () =>
	imap.commands.filter((command) => /EXAMINE|SELECT|STATUS|FETCH|SEARCH|STORE/.test(command.name)).map((command) => command.name);

describe('Inbox Watch on IMAP (a real IMAP server and the fake control plane on 127.0.0.1)', () => {
	it('classifies every kind of new mail, read or unread, and reports the events with the new cursor', async () => {
		const before = cursor();
		const readReply = imap.append(inboundMail('genuineReply'), { flags: ['\\Seen'] });
		imap.append(inboundMail('colleagueReply'));
		const stranger = imap.append(inboundMail('quotedWithoutThread'));
		const ours = imap.append(inboundMail('ourFollowUp'), { flags: ['\\Seen'] });
		imap.append(inboundMail('germanOutOfOffice'));
		imap.append(inboundMail('gmailDsn'));
		imap.append(inboundMail('postfixDsn'));
		imap.append(inboundMail('softBounce'));
		imap.append(inboundMail('unsubscribeReply'));

		const { outcome } = await watch();

		expect(outcome).toMatchObject({
			mailboxId: 'mb-1',
			provider: 'smtp',
			previousCursor: before,
			cursor: cursorNow(),
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
		const uidValidity = imap.uidValidity;
		expect(outcome.ignored).toEqual([
			{ providerMessageId: `${uidValidity}.${stranger}`, reason: 'not_in_our_threads' },
			{ providerMessageId: `${uidValidity}.${ours}`, reason: 'from_our_mailbox' },
		]);
		const [reply] = eventsOf(outcome);
		expect(reply).toMatchObject({
			eventId: `smtp:mb-1:${uidValidity}.${readReply}`,
			mailboxId: 'mb-1',
			threadId: null,
			evidence: { from: 'bob@lead.example', readAs: 'raw', labels: ['\\Seen'], providerMessageId: `${uidValidity}.${readReply}` },
		});
		expect(Date.parse(String(reply?.receivedAt))).not.toBeNaN();
		expect(reply?.message).toMatchObject({
			from: 'Bob Lead <bob@lead.example>',
			to: 'Alice Sender <alice@sender.example>',
			subject: 'Re: Quick question',
			messageIdHeader: '<CAJx9Lq1kz8+abc@mail.gmail.com>',
		});
		expect((reply?.message as IDataObject).text).toMatch(/^Hi Alice,/);

		expect(controlPlane.inboxResults).toEqual([{ mailboxId: 'mb-1', previousCursor: before, cursor: cursorNow(), events: outcome.events }]);
		expect(cursor()).toBe(cursorNow());
	});

	it('reads headers first with PEEK, the full source only of bounces, replies and plain text from our mailboxes, and leaves every flag as it was', async () => {
		const unreadReply = imap.append(inboundMail('genuineReply'));
		const readDsn = imap.append(inboundMail('postfixDsn'), { flags: ['\\Seen'] });
		imap.append(inboundMail('germanOutOfOffice'));
		imap.append(inboundMail('quotedWithoutThread'));
		// Plain text from one of our mailboxes: a warm-up message may carry its tag only in the body.
		const ours = imap.append(inboundMail('ourFollowUp'));

		await watch();

		const fetches = imap.commandsNamed(/FETCH/).map((command) => command.line.replace(/^\S+ /, ''));
		expect(fetches).toHaveLength(2);
		expect(fetches[0]).toMatch(/^UID FETCH \d+:\* \(.*BODY\.PEEK\[HEADER\.FIELDS \(.*Auto-Submitted.*\)\]/i);
		expect(fetches[1]).toMatch(new RegExp(`^UID FETCH ${unreadReply},${readDsn},${ours} \\(UID BODY\\.PEEK\\[\\]\\)$`, 'i'));
		expect(imap.commands.every((command) => !/^STORE|UID STORE|^SELECT$/.test(command.name))).toBe(true);
		expect(imap.flagsOf(unreadReply)).toEqual([]);
		expect(imap.flagsOf(readDsn)).toEqual(['\\Seen']);
	});

	it('costs one EXAMINE and no FETCH when nothing arrived, and the cursor stays', async () => {
		imap.append(inboundMail('genuineReply'));
		controlPlane.watchedMailboxes[0]!.cursor = cursorNow();
		const before = cursor();

		const { outcome } = await watch();

		expect(mailboxCommands()).toEqual(['EXAMINE']);
		expect(imap.commands.at(-1)).toMatchObject({ name: 'LOGOUT', status: 'OK' });
		expect(outcome).toMatchObject({ events: [], ignored: [], cursor: before, catchUp: 'incremental', error: null });
		expect(cursor()).toBe(before);
	});

	it('filters the last message that UID FETCH n:* returns even when it is older than n', async () => {
		imap.append(inboundMail('genuineReply'));
		const last = imap.append(inboundMail('unsubscribeReply'));
		controlPlane.watchedMailboxes[0]!.cursor = cursorNow();
		// UIDNEXT moves on, but the message is gone by the time of the watch.
		imap.expunge(imap.append(inboundMail('germanOutOfOffice')));

		const { outcome } = await watch();

		expect(imap.commandsNamed(/FETCH/).map((command) => command.line)).toEqual([expect.stringContaining(`UID FETCH ${last + 1}:*`)]);
		expect(outcome).toMatchObject({ events: [], ignored: [], cursor: `${imap.uidValidity}:${last}`, catchUp: 'incremental' });
	});

	it('a new UIDVALIDITY means the old UIDs mean nothing: a bounded window scan, and the cursor restarts at UIDNEXT-1', async () => {
		imap.append(inboundMail('genuineReply'), { flags: ['\\Seen'] });
		imap.append(inboundMail('gmailDsn'));
		imap.append(inboundMail('unsubscribeReply'), { receivedAt: new Date(Date.now() - 5 * 86_400_000) });
		const uidValidity = imap.changeUidValidity();
		const stale = cursor();

		const { outcome } = await watch({ options: { windowHours: 24, maxWindowMessages: 50 } });

		expect(outcome).toMatchObject({ catchUp: 'window', previousCursor: stale, cursor: `${uidValidity}:3`, error: null });
		// Newest first within the window; the five-day-old message is outside it.
		expect(eventsOf(outcome).map((event) => [event.type, event.eventId])).toEqual([
			['bounced', `smtp:mb-1:${uidValidity}.2`],
			['replied', `smtp:mb-1:${uidValidity}.1`],
		]);
		expect(imap.commandsNamed(/SEARCH/)[0]?.line).toMatch(/UID SEARCH SINCE \d{1,2}-[A-Z][a-z]{2}-\d{4}/);
		expect(cursor()).toBe(`${uidValidity}:3`);
	});

	it('a window reads at most maxWindowMessages, the newest', async () => {
		controlPlane.watchedMailboxes[0]!.cursor = null;
		imap.append(inboundMail('genuineReply'));
		imap.append(inboundMail('colleagueReply'));
		const newest = imap.append(inboundMail('unsubscribeReply'));

		const { outcome } = await watch({ options: { maxWindowMessages: 1 } });

		expect(outcome).toMatchObject({ catchUp: 'window', previousCursor: null, cursor: cursorNow() });
		expect(eventsOf(outcome).map((event) => [event.type, event.eventId])).toEqual([
			['unsubscribe_request', `smtp:mb-1:${imap.uidValidity}.${newest}`],
		]);
	});

	it('a replayed watch reports the same event ids, so the control plane applies them once', async () => {
		imap.append(inboundMail('genuineReply'));
		imap.append(inboundMail('softBounce'));
		const first = await watch({ reportResults: false });
		const second = await watch({ reportResults: false });
		expect(eventsOf(second.outcome).map((event) => event.eventId)).toEqual(eventsOf(first.outcome).map((event) => event.eventId));
		expect(eventsOf(first.outcome)).toHaveLength(2);
		expect(controlPlane.inboxResults).toEqual([]);
	});

	it('a refused login is imap_auth_failed, keeps the cursor and never shows a password', async () => {
		const before = cursor();
		imap.append(inboundMail('genuineReply'));
		login.password = 'wrong-SECRET-password';

		const { run, outcome } = await watch();

		expect(outcome).toMatchObject({ cursor: null, catchUp: null, events: [], error: { code: 'imap_auth_failed' } });
		expect((outcome.error as IDataObject).message).toContain(`127.0.0.1:${login.port}`);
		expect(controlPlane.inboxResults).toEqual([]);
		expect(cursor()).toBe(before);
		const printed = JSON.stringify(run.output);
		expect(printed).not.toContain('wrong-SECRET-password');
		expect(printed).not.toContain(password);
	});

	it('an unreachable server is imap_unreachable', async () => {
		login.port = 1;
		const { outcome } = await watch();
		expect(outcome).toMatchObject({ cursor: null, error: { code: 'imap_unreachable' } });
		expect((outcome.error as IDataObject).message).toMatch(/ECONNREFUSED/);
	});

	it('passes on the control plane refusing the IMAP login (no IMAP settings)', async () => {
		controlPlane.script.push('imap-credentials', {
			status: 409,
			body: { code: 'mailbox_unavailable', detail: 'Mailbox alice@sender.example has no IMAP settings' },
		});
		const { outcome } = await watch();
		expect(outcome).toMatchObject({
			cursor: null,
			error: { code: 'mailbox_unavailable', message: 'Mailbox alice@sender.example has no IMAP settings' },
		});
		expect(imap.commands).toEqual([]);
	});

	it('asks the control plane for the IMAP login of the claimed mailbox, and logs out', async () => {
		const { run } = await watch();
		const bodies = controlPlane.server.requests.map((request) => [request.path, JSON.parse(request.rawBody || 'null')]);
		expect(bodies.slice(0, 2)).toEqual([
			['/api/internal/n8n/inbox-watch/claims', { organizationId: 'org-1' }],
			['/api/internal/n8n/mailboxes/mb-1/imap-credentials', { provider: 'smtp' }],
		]);
		expect(imap.commands.map((command) => command.name)).toContain('LOGOUT');
		expect(JSON.stringify(run.output)).not.toContain(password);
	});
});
