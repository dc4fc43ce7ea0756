import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FakeControlPlane } from './fakes/fakeControlPlane';
import { LocalImapServer } from './fakes/localImapServer';
import { inboundMail } from './inboundMail';
import { eventsOf, watchOnce } from './inboxWatchRun';
import { warmupMail } from './warmupMail';

const signingSecret = 'inbox-junk-test-secret';
const password = 'imap-junk-password';
const account = { username: 'alice@sender.example', password };
const withMove = new LocalImapServer(account, { junk: true });
const withoutMove = new LocalImapServer(account, { junk: true, move: false });
const login = { host: '127.0.0.1', port: 0, ...account };
const ports = new Map<LocalImapServer, number>();
let controlPlane: FakeControlPlane;
let credentials: { baseUrl: string; signingSecret: string };

beforeAll(async () => {
	for (const server of [withMove, withoutMove]) ports.set(server, (await server.start()).port);
	controlPlane = new FakeControlPlane({ signingSecret, imap: login });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});

afterAll(async () => {
	await Promise.all([withMove.stop(), withoutMove.stop()]);
	await controlPlane.stop();
});

describe('Inbox Watch over IMAP: warm-up messages in Junk', () => {
	for (const [server, how] of [
		[withMove, 'MOVE'],
		[withoutMove, 'COPY, STORE \\Deleted and EXPUNGE'],
	] as const) {
		it(`moves warm-up messages from Junk to INBOX with ${how}, \\Seen and \\Flagged, and leaves other junk and campaign mail as before`, async () => {
			login.port = ports.get(server)!;
			controlPlane.watchedMailboxes.length = 0;
			controlPlane.watchedMailboxes.push({
				mailboxId: 'mb-1',
				provider: 'smtp',
				email: 'alice@sender.example',
				cursor: `${server.uidValidity}:${server.uidNext - 1}`,
			});
			controlPlane.warmupObservations.length = 0;
			server.commands.length = 0;
			server.append(warmupMail({ from: 'bob@peer.example', tag: 'junkheader01', header: true }), { mailbox: 'Junk' });
			server.append(warmupMail({ from: 'carol@peer.example', tag: 'junkbody0001', header: false }), { mailbox: 'Junk' });
			const junkReply = server.append(inboundMail('genuineReply'), { mailbox: 'Junk' });
			const inboxReply = server.append(inboundMail('genuineReply').replace('<CAJx9Lq1kz8+abc@', '<inbox-reply@'));
			// From our own mailbox to the INBOX, its header dropped on the way: the body tag says what it is.
			const fromOurs = server.append(warmupMail({ from: 'alice@sender.example', tag: 'inboxbody001', header: false }));

			// The control plane's clock runs a little ahead of n8n's: the observations are dated by it.
			const claimedNow = new Date(Date.now() + 60_000).toISOString();
			controlPlane.watchNow = claimedNow;
			const { outcome } = await watchOnce(credentials);
			controlPlane.watchNow = null;

			expect(outcome.error).toBeNull();
			expect(eventsOf(outcome).map((event) => event.type)).toEqual(['replied']);
			expect(server.messagesIn('Junk').map((message) => message.uid)).toEqual([junkReply]);
			expect(server.messagesIn('Junk')[0]?.flags).toEqual([]);
			const rescued = server.messagesIn('INBOX').filter((message) => /ow-junk/.test(message.raw));
			expect(rescued).toHaveLength(2);
			for (const message of rescued) expect(message.flags).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged']));
			expect(server.flagsOf(fromOurs)).toEqual(expect.arrayContaining(['\\Seen', '\\Flagged']));
			expect(server.flagsOf(inboxReply)).toEqual([]);
			expect(server.commandsNamed(/MOVE/)).toHaveLength(how === 'MOVE' ? 1 : 0);
			const observations = controlPlane.warmupObservations.flatMap((report) => report.observations);
			expect(
				observations.map((observation) => [observation.tag, observation.folder, observation.rescued, observation.markedImportant]),
			).toEqual([
				['inboxbody001', 'inbox', false, true],
				['junkheader01', 'spam', true, true],
				['junkbody0001', 'spam', true, true],
			]);
			expect(observations.map((observation) => observation.observedAt)).toEqual([claimedNow, claimedNow, claimedNow]);

			// The next watch meets the rescued messages in INBOX under new UIDs: already marked, nothing is stored or moved again.
			// (In the INBOX only mail from our own mailboxes is read for a body tag, so the header-tagged one is seen again.)
			server.commands.length = 0;
			controlPlane.warmupObservations.length = 0;
			const next = await watchOnce(credentials);
			expect(eventsOf(next.outcome)).toEqual([]);
			expect(server.commandsNamed(/STORE|MOVE|COPY/)).toEqual([]);
			expect(
				controlPlane.warmupObservations
					.flatMap((report) => report.observations)
					.map((observation) => observation.eventId)
					.sort(),
			).toEqual(['warmup:mb-1:junkheader01']);
		});
	}
});
