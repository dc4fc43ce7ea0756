import type { IDataObject } from 'n8n-workflow';

import type { ClaimItem, MailboxPoolEntry } from '../nodes/shared/contract';

export function mailbox(overrides: Partial<MailboxPoolEntry> = {}): MailboxPoolEntry {
	return {
		id: 'mb-1',
		provider: 'gmail',
		email: 'alice@sender.example',
		fromName: 'Alice Sender',
		remainingToday: 50,
		minGapSeconds: 0,
		lastSentAt: null,
		health: 1,
		weight: 1,
		...overrides,
	};
}

/** A claim item as the control plane sends it (README "Item contract"). */
export function claimItem(overrides: Partial<ClaimItem> = {}): ClaimItem {
	return {
		sendId: 'send-1',
		attempt: 1,
		mayHaveBeenSent: false,
		campaignId: 'camp-1',
		step: 1,
		now: '2026-03-10T14:00:00.000Z',
		lead: { id: 'lead-1', email: 'bob@lead.example', firstName: 'Bob', lastName: null, company: null, timezone: 'America/New_York' },
		schedule: {
			timezone: 'Europe/Berlin',
			useLeadTimezone: true,
			days: ['mon', 'tue', 'wed', 'thu', 'fri'],
			start: '09:00',
			end: '17:00',
			holidays: [],
		},
		message: {
			subject: 'Quick question, Bob',
			text: 'Hi Bob,\n\nShort note.\n\nUnsubscribe: https://ophir.example/u/tok-1',
			html: '<p>Hi Bob,</p><p>Short note.</p><p><a href="https://ophir.example/u/tok-1">Unsubscribe</a></p>',
			unsubscribeUrl: 'https://ophir.example/u/tok-1?list=camp-1&lead=lead-1&sig=abcdef0123456789abcdef0123456789abcdef0123456789',
			replyTo: null,
		},
		threading: null,
		mailboxes: [mailbox()],
		...overrides,
	};
}

/** A claim item after Mailbox Rotation: `mailboxId` and `mailbox` set. */
export function assignedItem(overrides: Partial<ClaimItem> = {}, assigned: MailboxPoolEntry = mailbox()): IDataObject {
	return { ...claimItem(overrides), mailboxId: assigned.id, mailbox: { ...assigned } } as unknown as IDataObject;
}

export function asJson(item: ClaimItem): IDataObject {
	return item as unknown as IDataObject;
}

/** A reply from the unified inbox as the inbox-replies claim hands it out: the thread's mailbox already assigned, no schedule. */
export function inboxReplyItem(sendId: string, assigned: MailboxPoolEntry): IDataObject {
	return {
		kind: 'inbox_reply',
		sendId,
		attempt: 1,
		mayHaveBeenSent: false,
		inboxThreadId: 'thread-1',
		campaignId: 'camp-1',
		step: null,
		now: '2026-03-10T14:00:00.000Z',
		lead: { id: 'lead-1', email: 'bob@lead.example', firstName: 'Bob', lastName: null, company: null, timezone: null },
		message: {
			subject: 'Re: Quick question, Bob',
			text: 'Tuesday works.',
			html: null,
			unsubscribeUrl: 'https://ophir.example/u/tok-1',
			replyTo: null,
		},
		threading: {
			messageId: `<ophir.step1@${assigned.email.split('@')[1]}>`,
			inReplyTo: '<bob-1@lead.example>',
			references: [`<ophir.step1@${assigned.email.split('@')[1]}>`, '<bob-1@lead.example>'],
			gmailThreadId: null,
			mailboxId: assigned.id,
		},
		mailboxId: assigned.id,
		mailbox: { ...assigned },
		mailboxes: [{ ...assigned }],
	};
}
