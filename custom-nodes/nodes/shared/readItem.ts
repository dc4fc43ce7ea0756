import type { IDataObject } from 'n8n-workflow';

import {
	MAILBOX_PROVIDERS,
	WEEKDAYS,
	type CampaignSchedule,
	type ClaimItem,
	type InboxReplyItem,
	type Lead,
	type MailboxPoolEntry,
	type MailboxProvider,
	type RenderedMessage,
	type Threading,
	type WarmupItem,
	type WarmupMessageContent,
	type Weekday,
} from './contract';

/** Thrown when an item does not follow the contract; nodes wrap it in a NodeOperationError. */
export class ContractError extends Error {
	constructor(path: string, expectation: string) {
		super(`Item field "${path}" ${expectation}`);
		this.name = 'ContractError';
	}
}

type Json = IDataObject | undefined;

/**
 * Fields are read by their names in the shared contract (`'sendId' satisfies ItemField`): renaming a
 * field there stops this package compiling until the reading here follows (the values themselves are
 * still checked at run time, below). ItemField: what every claimed item has, campaign send or inbox reply.
 */
type ItemField = keyof ClaimItem & keyof InboxReplyItem;

function field(object: Json, key: string): unknown {
	return object === undefined ? undefined : object[key];
}

export function readObject(object: Json, path: string, key: string): IDataObject {
	const value = field(object, key);
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ContractError(path, 'must be an object');
	}
	return value as IDataObject;
}

export function readOptionalObject(object: Json, path: string, key: string): IDataObject | null {
	const value = field(object, key);
	return value === undefined || value === null ? null : readObject(object, path, key);
}

export function readString(object: Json, path: string, key: string): string {
	const value = field(object, key);
	if (typeof value !== 'string' || value === '') throw new ContractError(path, 'must be a non-empty string');
	return value;
}

export function readOptionalString(object: Json, path: string, key: string): string | null {
	const value = field(object, key);
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string') throw new ContractError(path, 'must be a string or null');
	return value;
}

export function readNumber(object: Json, path: string, key: string): number {
	const value = field(object, key);
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new ContractError(path, 'must be a number');
	return value;
}

export function readInstant(object: Json, path: string, key: string): number {
	const value = readString(object, path, key);
	const ms = Date.parse(value);
	if (Number.isNaN(ms)) throw new ContractError(path, 'must be an ISO 8601 instant');
	return ms;
}

/** Send ids end up inside Message-IDs and URLs, so only a conservative character set is accepted. */
export function readSendId(json: IDataObject): string {
	const sendId = readString(json, 'sendId', 'sendId' satisfies ItemField);
	if (!/^[A-Za-z0-9._-]{1,128}$/.test(sendId)) {
		throw new ContractError('sendId', 'may only contain letters, digits, ".", "_" and "-" (max 128)');
	}
	return sendId;
}

export function readAttempt(json: IDataObject): number {
	const value = field(json, 'attempt' satisfies ItemField);
	if (value === undefined || value === null) return 1;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new ContractError('attempt', 'must be an integer >= 1');
	}
	return value;
}

/** "now" from the control plane's clock when the item carries it, else the real time. */
export function readNow(json: IDataObject, realNowMs: number): number {
	const now = 'now' satisfies ItemField;
	return field(json, now) === undefined || field(json, now) === null ? realNowMs : readInstant(json, now, now);
}

const WALL_TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function readSchedule(json: IDataObject): CampaignSchedule {
	const schedule = readObject(json, 'schedule', 'schedule' satisfies keyof ClaimItem);
	const timezone = readString(schedule, 'schedule.timezone', 'timezone');
	const days = field(schedule, 'days');
	if (!Array.isArray(days) || !days.every((day) => WEEKDAYS.includes(day as Weekday))) {
		throw new ContractError('schedule.days', `must be an array of ${WEEKDAYS.join(', ')}`);
	}
	const start = readString(schedule, 'schedule.start', 'start');
	const end = readString(schedule, 'schedule.end', 'end');
	if (!WALL_TIME.test(start) || start === '24:00') throw new ContractError('schedule.start', 'must be "HH:MM"');
	if (!WALL_TIME.test(end)) throw new ContractError('schedule.end', 'must be "HH:MM" or "24:00"');
	if (end <= start) throw new ContractError('schedule.end', 'must be after schedule.start (overnight windows are not supported)');
	const holidays = field(schedule, 'holidays') ?? [];
	if (!Array.isArray(holidays) || !holidays.every((day) => typeof day === 'string' && LOCAL_DATE.test(day))) {
		throw new ContractError('schedule.holidays', 'must be an array of "YYYY-MM-DD" dates');
	}
	const useLeadTimezone = field(schedule, 'useLeadTimezone');
	return {
		timezone,
		useLeadTimezone: useLeadTimezone !== false,
		days: days as Weekday[],
		start,
		end,
		holidays: holidays as string[],
	};
}

export function readLeadTimezone(json: IDataObject): string | null {
	const lead = readOptionalObject(json, 'lead', 'lead' satisfies ItemField);
	return lead === null ? null : readOptionalString(lead, 'lead.timezone', 'timezone' satisfies keyof Lead);
}

export function readLeadEmail(json: IDataObject): string {
	const lead = readObject(json, 'lead', 'lead' satisfies ItemField);
	return readString(lead, 'lead.email', 'email' satisfies keyof Lead);
}

export function readMessage(json: IDataObject): RenderedMessage {
	const message = readObject(json, 'message', 'message' satisfies ItemField);
	return {
		subject: readString(message, 'message.subject', 'subject'),
		text: readString(message, 'message.text', 'text'),
		html: readOptionalString(message, 'message.html', 'html'),
		unsubscribeUrl: readString(message, 'message.unsubscribeUrl', 'unsubscribeUrl'),
		replyTo: readOptionalString(message, 'message.replyTo', 'replyTo'),
	};
}

const WARMUP_TAG = /^[a-z0-9]{12}$/;

/** A warm-up item's tag and plain-text content; null for any other item. */
export function readWarmup(json: IDataObject): { warmupTag: string; message: WarmupMessageContent } | null {
	if (field(json, 'kind' satisfies keyof WarmupItem) !== ('warmup' satisfies WarmupItem['kind'])) return null;
	const warmupTag = readString(json, 'warmupTag', 'warmupTag' satisfies keyof WarmupItem);
	if (!WARMUP_TAG.test(warmupTag)) throw new ContractError('warmupTag', 'must be 12 characters a-z or 0-9');
	const message = readObject(json, 'message', 'message' satisfies keyof WarmupItem);
	return {
		warmupTag,
		message: {
			subject: readString(message, 'message.subject', 'subject' satisfies keyof WarmupMessageContent),
			text: readString(message, 'message.text', 'text' satisfies keyof WarmupMessageContent),
		},
	};
}

export function readThreading(json: IDataObject): Threading | null {
	const threading = readOptionalObject(json, 'threading', 'threading' satisfies ItemField);
	if (threading === null) return null;
	const references = field(threading, 'references') ?? [];
	if (!Array.isArray(references) || !references.every((id) => typeof id === 'string')) {
		throw new ContractError('threading.references', 'must be an array of Message-IDs');
	}
	return {
		messageId: readString(threading, 'threading.messageId', 'messageId'),
		inReplyTo: readString(threading, 'threading.inReplyTo', 'inReplyTo'),
		references: references as string[],
		gmailThreadId: readOptionalString(threading, 'threading.gmailThreadId', 'gmailThreadId'),
		mailboxId: readString(threading, 'threading.mailboxId', 'mailboxId'),
	};
}

export function readMailboxEntry(entry: IDataObject, path: string): MailboxPoolEntry {
	const provider = readString(entry, `${path}.provider`, 'provider');
	if (!MAILBOX_PROVIDERS.includes(provider as MailboxProvider)) {
		throw new ContractError(`${path}.provider`, `must be one of ${MAILBOX_PROVIDERS.join(', ')}`);
	}
	const lastSentAt = readOptionalString(entry, `${path}.lastSentAt`, 'lastSentAt');
	if (lastSentAt !== null && Number.isNaN(Date.parse(lastSentAt))) {
		throw new ContractError(`${path}.lastSentAt`, 'must be an ISO 8601 instant or null');
	}
	return {
		id: readString(entry, `${path}.id`, 'id'),
		provider: provider as MailboxProvider,
		email: readString(entry, `${path}.email`, 'email'),
		fromName: readOptionalString(entry, `${path}.fromName`, 'fromName'),
		remainingToday: readNumber(entry, `${path}.remainingToday`, 'remainingToday'),
		minGapSeconds: readNumber(entry, `${path}.minGapSeconds`, 'minGapSeconds'),
		lastSentAt,
		health: readNumber(entry, `${path}.health`, 'health'),
		weight: readNumber(entry, `${path}.weight`, 'weight'),
	};
}

export function readMailboxPool(json: IDataObject): MailboxPoolEntry[] {
	const pool = field(json, 'mailboxes' satisfies ItemField);
	if (!Array.isArray(pool)) throw new ContractError('mailboxes', 'must be an array of mailbox entries');
	return pool.map((entry, index) => {
		if (typeof entry !== 'object' || entry === null) {
			throw new ContractError(`mailboxes[${index}]`, 'must be an object');
		}
		return readMailboxEntry(entry as IDataObject, `mailboxes[${index}]`);
	});
}

/** The mailbox Mailbox Rotation assigned (`mailbox`), required by Send Email. */
export function readAssignedMailbox(json: IDataObject): MailboxPoolEntry {
	return readMailboxEntry(readObject(json, 'mailbox', 'mailbox' satisfies keyof InboxReplyItem), 'mailbox');
}
