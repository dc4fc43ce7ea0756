/**
 * The item contract between the control plane and the workflow (README "Item contract").
 * A claim returns one ClaimItem per due send; nodes add fields to it and finally attach a
 * SendResult under `result`, which Report to Control Plane posts back.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type MailboxProvider = 'gmail' | 'smtp' | 'outlook' | 'sandbox';
export const MAILBOX_PROVIDERS: readonly MailboxProvider[] = ['gmail', 'smtp', 'outlook', 'sandbox'];

export interface Lead {
	id: string;
	email: string;
	firstName?: string | null;
	lastName?: string | null;
	company?: string | null;
	/** IANA zone, e.g. "Europe/Berlin"; null when unknown (the campaign's zone applies). */
	timezone?: string | null;
}

export interface CampaignSchedule {
	/** IANA zone used when the lead has none (or when useLeadTimezone is false). */
	timezone: string;
	/** When false, the campaign zone applies even if the lead has a timezone. Default true. */
	useLeadTimezone?: boolean;
	days: Weekday[];
	/** Local wall-clock "HH:MM", inclusive. */
	start: string;
	/** Local wall-clock "HH:MM" (or "24:00"), exclusive; must be after start. */
	end: string;
	/** Local dates "YYYY-MM-DD" (in the zone being evaluated) on which nothing is sent. */
	holidays?: string[];
}

export interface RenderedMessage {
	subject: string;
	text: string;
	html?: string | null;
	/** HTTPS one-click unsubscribe URL (RFC 8058); also linked in the body by the control plane. */
	unsubscribeUrl: string;
	replyTo?: string | null;
}

export interface Threading {
	/** Message-ID of the step-1 message (thread root), angle brackets included. */
	messageId: string;
	/** Message-ID of the latest earlier message in the thread. */
	inReplyTo: string;
	/** All earlier Message-IDs, oldest first. */
	references: string[];
	/** Gmail thread id returned when step 1 was sent (gmail only), else null. */
	gmailThreadId?: string | null;
	/** Mailbox that sent step 1: follow-ups must go out from it. */
	mailboxId: string;
}

export interface MailboxPoolEntry {
	id: string;
	provider: MailboxProvider;
	email: string;
	fromName?: string | null;
	/** Sends this mailbox may still make today (already net of reservations). */
	remainingToday: number;
	/** Minimum seconds between two sends from this mailbox. */
	minGapSeconds: number;
	/** ISO instant of the mailbox's last send, or null. */
	lastSentAt?: string | null;
	/** 0..1; 0 means paused/unhealthy and never assigned. */
	health: number;
	/** Relative share for the weighted strategy (> 0). */
	weight: number;
}

export interface ClaimItem {
	sendId: string;
	/** 1 for the first attempt, incremented by the control plane on every re-claim. */
	attempt: number;
	/** True when an earlier attempt may have reached the provider (lease expired, or a retryable result said so). */
	mayHaveBeenSent?: boolean;
	campaignId: string;
	/** 1-based sequence step. */
	step: number;
	/** The control plane's clock at claim time (ISO UTC). */
	now: string;
	lead: Lead;
	schedule: CampaignSchedule;
	message: RenderedMessage;
	/** null for step 1 (or an unthreaded follow-up). */
	threading?: Threading | null;
	/** Mailboxes this send may use; the same entries repeat on every item of a batch. */
	mailboxes: MailboxPoolEntry[];
}

export interface SentResult {
	status: 'sent';
	sendId: string;
	attempt: number;
	mailboxId: string;
	provider: MailboxProvider;
	/** Provider's id (Gmail message id, sandbox id); null where the provider returns none (SMTP, Graph). */
	providerMessageId: string | null;
	/** Our RFC 5322 Message-ID, angle brackets included. */
	messageId: string;
	/** Provider thread id (Gmail/sandbox), else null. */
	threadId: string | null;
	sentAt: string;
	/** True when no new message was sent because a previous attempt was found in the mailbox. */
	deduplicated: boolean;
}

export type DeferredCode =
	| 'outside_window'
	| 'mailbox_gap'
	| 'capacity_exhausted'
	| 'no_healthy_mailbox'
	| 'thread_mailbox_unavailable';

export interface DeferredResult {
	status: 'deferred';
	sendId: string;
	attempt: number;
	/** Earliest instant worth re-claiming (ISO UTC); null when the control plane must decide (e.g. capacity reset). */
	notBefore: string | null;
	code: DeferredCode;
	reason: string;
}

export interface RetryableResult {
	status: 'retryable';
	sendId: string;
	attempt: number;
	mailboxId: string | null;
	retryAfterSeconds: number;
	/** True when the provider may have accepted the message; the next claim must carry mayHaveBeenSent. */
	mayHaveBeenSent: boolean;
	code: string;
	reason: string;
}

export interface FailedResult {
	status: 'failed';
	sendId: string;
	attempt: number;
	mailboxId: string | null;
	code: string;
	reason: string;
}

export type SendResult = SentResult | DeferredResult | RetryableResult | FailedResult;
