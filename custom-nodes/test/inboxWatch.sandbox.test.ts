import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { FakeControlPlane } from './fakes/fakeControlPlane';
import { inboundMail } from './inboundMail';
import { eventsOf, watchOnce } from './inboxWatchRun';

const signingSecret = 'sandbox-inbox-secret';
const step1 = '<ophir.snd_step1@sender.example>';
let controlPlane: FakeControlPlane;
let credentials: { baseUrl: string; signingSecret: string };

beforeAll(async () => {
	controlPlane = new FakeControlPlane({ signingSecret });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});
afterAll(() => controlPlane.stop());

beforeEach(() => {
	controlPlane.watchedMailboxes.length = 0;
	controlPlane.watchedMailboxes.push({ mailboxId: 'mb-sandbox', provider: 'sandbox', email: 'alice@sender.example', cursor: null });
	controlPlane.sandboxInbox.length = 0;
	controlPlane.inboxResults.length = 0;
});

let sequence = 0;
function receive(name: string, threadId: string | null = null) {
	sequence += 1;
	const id = `sim-${sequence}`;
	controlPlane.sandboxInbox.push({
		mailboxId: 'mb-sandbox',
		sequence,
		id,
		threadId,
		receivedAt: new Date(Date.UTC(2026, 11, 4, 12, 0, sequence)).toISOString(),
		raw: inboundMail(name),
	});
	return id;
}

describe('Inbox Watch on a sandbox mailbox (its inbox read from the fake control plane)', () => {
	it('classifies the simulated mail like any inbox, reports it, and moves the cursor to the last sequence read', async () => {
		const reply = receive('genuineReply', 'sandbox-thread-1');
		receive('germanOutOfOffice', 'sandbox-thread-1');
		receive('gmailDsn');
		receive('ourFollowUp', 'sandbox-thread-1');

		const { outcome } = await watchOnce(credentials);

		expect(outcome).toMatchObject({
			provider: 'sandbox',
			previousCursor: null,
			cursor: String(sequence),
			catchUp: 'incremental',
			error: null,
		});
		expect(eventsOf(outcome).map((event) => [event.type, event.inReplyToMessageId, event.leadEmail])).toEqual([
			['replied', step1, null],
			['auto_replied', step1, null],
			['bounced', '<ophir.snd_bounce@sender.example>', 'nobody@lead.example'],
		]);
		expect(eventsOf(outcome)[0]).toMatchObject({
			eventId: `sandbox:mb-sandbox:${reply}`,
			threadId: 'sandbox-thread-1',
			message: expect.objectContaining({ text: expect.any(String) }),
		});
		expect(outcome.ignored).toEqual([{ providerMessageId: `sim-${sequence}`, reason: 'from_our_mailbox' }]);
		expect(controlPlane.inboxResults).toEqual([
			expect.objectContaining({ mailboxId: 'mb-sandbox', previousCursor: null, cursor: String(sequence) }),
		]);
		expect(controlPlane.watchedMailboxes[0]?.cursor).toBe(String(sequence));
	});

	it('reads only what arrived after the cursor, at most the window limit per watch', async () => {
		receive('genuineReply');
		controlPlane.watchedMailboxes[0]!.cursor = String(sequence);
		const first = receive('genuineReply');
		receive('genuineReply');

		const { outcome } = await watchOnce(credentials, { options: { maxWindowMessages: 1 } });

		expect(eventsOf(outcome).map((event) => event.eventId)).toEqual([`sandbox:mb-sandbox:${first}`]);
		expect(outcome.cursor).toBe(String(sequence - 1));
		const next = await watchOnce(credentials);
		expect(eventsOf(next.outcome)).toHaveLength(1);
		expect(next.outcome.cursor).toBe(String(sequence));
	});
});
