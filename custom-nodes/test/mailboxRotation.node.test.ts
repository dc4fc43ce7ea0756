import type { IDataObject } from 'n8n-workflow';
import { describe, expect, it } from 'vitest';

import { MailboxRotation } from '../nodes/MailboxRotation/MailboxRotation.node';
import { asJson, claimItem, mailbox } from './fixtures';
import { jsonOf, runNode } from './harness';

const node = new MailboxRotation();
const pool = [
	mailbox({ id: 'a', email: 'a@s.example' }),
	mailbox({ id: 'b', email: 'b@s.example' }),
	mailbox({ id: 'c', email: 'c@s.example' }),
];
const batch = (count: number, offset = 0) =>
	Array.from({ length: count }, (_, index) => asJson(claimItem({ sendId: `s-${offset + index}`, mailboxes: pool })));

describe('Mailbox Rotation node', () => {
	it('keeps the round-robin pointer in workflow static data across executions', async () => {
		const staticData: IDataObject = {};
		const first = await runNode(node, { items: batch(2), staticData });
		const second = await runNode(node, { items: batch(2, 2), staticData });
		expect([...jsonOf(first, 0), ...jsonOf(second, 0)].map((json) => json.mailboxId)).toEqual(['a', 'b', 'c', 'a']);
		expect(staticData.lastAssignedMailboxId).toBe('a');
		expect(jsonOf(first, 0)[0]?.mailbox).toMatchObject({ id: 'a', provider: 'gmail', email: 'a@s.example' });
	});

	it('keeps follow-ups on the step-1 mailbox and sends the unplaceable to the second output', async () => {
		const threading = {
			messageId: '<ophir.s-0@s.example>',
			inReplyTo: '<ophir.s-0@s.example>',
			references: ['<ophir.s-0@s.example>'],
			gmailThreadId: 't-1',
			mailboxId: 'c',
		};
		const followUp = asJson(claimItem({ sendId: 'f-1', step: 2, threading, mailboxes: pool }));
		const orphan = asJson(claimItem({ sendId: 'f-2', step: 2, threading: { ...threading, mailboxId: 'gone' }, mailboxes: pool }));
		const run = await runNode(node, { items: [followUp, orphan] });
		expect(jsonOf(run, 0).map((json) => [json.sendId, json.mailboxId])).toEqual([['f-1', 'c']]);
		expect(jsonOf(run, 1)[0]?.result).toMatchObject({
			status: 'deferred',
			sendId: 'f-2',
			code: 'thread_mailbox_unavailable',
			notBefore: null,
		});
		expect(run.output[1]?.[0]?.pairedItem).toEqual({ item: 1 });
	});

	it('honours capacity shared by all items of the batch', async () => {
		const tight = [mailbox({ id: 'only', remainingToday: 2 })];
		const items = [0, 1, 2].map((index) => asJson(claimItem({ sendId: `t-${index}`, mailboxes: tight })));
		const run = await runNode(node, { items, parameters: { strategy: 'sequential' } });
		expect(jsonOf(run, 0)).toHaveLength(2);
		expect(jsonOf(run, 1)[0]?.result).toMatchObject({ sendId: 't-2', code: 'capacity_exhausted' });
	});

	it('rejects an item without a pool', async () => {
		const item = { ...asJson(claimItem()), mailboxes: undefined };
		await expect(runNode(node, { items: [item] })).rejects.toThrow('Item field "mailboxes" must be an array of mailbox entries');
	});
});
