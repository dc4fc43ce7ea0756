/**
 * The one contract between the control plane and the workflow (README "Item contract"), compiled by
 * both packages: the nodes import it, and the control plane's claim items, pool entries, results,
 * inbound events and watch reports are these types (its zod schemas are checked against them), so a
 * field changed here fails the build of both until both are updated. Types and constants only: a
 * community node takes no runtime dependency, and nothing here may import anything.
 *
 * A claim returns one ClaimItem per due send; nodes add fields to it and finally attach a
 * SendResult under `result`, which Report to Control Plane posts back.
 */

// ---- Limits (the control plane refuses more; the nodes never ask for more) ----

/** Most sends (or inbox replies) one claim leases. */
export const CLAIM_BATCH_SIZE_MAX = 500;
/** Sends a campaign claim leases when it names no batch size. */
export const CLAIM_BATCH_SIZE_DEFAULT = 50;
/** Inbox replies a claim leases when it names no batch size. */
export const INBOX_REPLY_CLAIM_BATCH_SIZE_DEFAULT = 20;
/** Most send results one report carries. */
export const SEND_RESULTS_PER_REPORT_MAX = 1000;
/** Most inbound events one report (inbound events, or one request of a watch's results) carries. */
export const INBOUND_EVENTS_PER_REPORT_MAX = 500;
/** Largest JSON body the control plane reads on any route (1 MiB). */
export const REQUEST_BODY_MAX_BYTES = 1_048_576;
/**
 * Largest body of the inbox-watch results route alone (4 MiB): the node reports a watch in requests
 * under REQUEST_BODY_MAX_BYTES, but one event may carry INBOUND_TEXT_MAX_LENGTH characters, which
 * JSON-escaped can take several times that in bytes.
 */
export const INBOX_WATCH_RESULTS_BODY_MAX_BYTES = 4 * REQUEST_BODY_MAX_BYTES;
/** Longest event id (send results and inbound events). */
export const EVENT_ID_MAX_LENGTH = 200;
/** Longest header value kept: a Message-ID, a From, a Subject (RFC 5322's 998-character line). */
export const HEADER_MAX_LENGTH = 998;
/** Longest To header kept (several recipients). */
export const RECIPIENTS_MAX_LENGTH = 4000;
/** Longest provider id (message id, thread id). */
export const PROVIDER_ID_MAX_LENGTH = 500;
/** Most characters of an inbound message's plain-text body kept for the unified inbox. */
export const INBOUND_TEXT_MAX_LENGTH = 100_000;
/** Most characters of a delivery-status diagnostic kept. */
export const BOUNCE_DIAGNOSTIC_MAX_LENGTH = 2000;
/** Longest watch cursor (a Graph delta link is the longest). */
export const WATCH_CURSOR_MAX_LENGTH = 4096;
/** Longest wait a retryable result may ask for (7 days). */
export const RETRY_AFTER_SECONDS_MAX = 7 * 86_400;

// ---- Claims ----

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export type MailboxProvider = 'gmail' | 'smtp' | 'outlook' | 'sandbox';
export const MAILBOX_PROVIDERS: readonly MailboxProvider[] = ['gmail', 'smtp', 'outlook', 'sandbox'];

export interface Lead {
	id: string;
	email: string;
	firstName: string | null;
	lastName: string | null;
	company: string | null;
	/** IANA zone, e.g. "Europe/Berlin"; null when unknown (the campaign's zone applies). */
	timezone: string | null;
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
	html: string | null;
	/** HTTPS one-click unsubscribe URL (RFC 8058); also linked in the body by the control plane. */
	unsubscribeUrl: string;
	replyTo: string | null;
}

export interface Threading {
	/** Message-ID of the step-1 message (thread root), angle brackets included. */
	messageId: string;
	/** Message-ID of the latest earlier message in the thread. */
	inReplyTo: string;
	/** All earlier Message-IDs, oldest first. */
	references: string[];
	/** Gmail thread id returned when step 1 was sent (gmail only), else null. */
	gmailThreadId: string | null;
	/** Mailbox that sent step 1: follow-ups must go out from it. */
	mailboxId: string;
}

export interface MailboxPoolEntry {
	id: string;
	provider: MailboxProvider;
	email: string;
	fromName: string | null;
	/** Sends this mailbox may still make today (already net of reservations). */
	remainingToday: number;
	/** Minimum seconds between two sends from this mailbox. */
	minGapSeconds: number;
	/** ISO instant of the mailbox's last send, or null. */
	lastSentAt: string | null;
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
	mayHaveBeenSent: boolean;
	campaignId: string;
	/** 1-based sequence step. */
	step: number;
	/** The control plane's clock at claim time (ISO UTC). */
	now: string;
	lead: Lead;
	/** The campaign's schedule with every setting spelled out. */
	schedule: Required<CampaignSchedule>;
	message: RenderedMessage;
	/** null for step 1 (or an unthreaded follow-up). */
	threading: Threading | null;
	/** Mailboxes this send may use; the same entries repeat on every item of a batch. */
	mailboxes: MailboxPoolEntry[];
}

/** A reply written in the unified inbox, as Send Email takes it: the thread's mailbox already assigned, never rotated. */
export interface InboxReplyItem {
	kind: 'inbox_reply';
	/** The reply's id. */
	sendId: string;
	attempt: number;
	mayHaveBeenSent: boolean;
	inboxThreadId: string;
	campaignId: string;
	/** Not a sequence step. */
	step: null;
	now: string;
	lead: Lead;
	message: RenderedMessage;
	threading: Threading;
	mailboxId: string;
	mailbox: MailboxPoolEntry;
	mailboxes: MailboxPoolEntry[];
}

/** Warm-up sends a claim leases when it names no batch size. */
export const WARMUP_CLAIM_BATCH_SIZE_DEFAULT = 50;

/** A warm-up message's content: plain text only, no links, no tracking, no unsubscribe headers or footer. */
export interface WarmupMessageContent {
	subject: string;
	/** Ends with `ow-<tag>` (WARMUP_TAG_PATTERN). */
	text: string;
}

/**
 * A warm-up message as Send Email takes it: to another pool mailbox, its sending mailbox already
 * assigned (never rotated), sent with the WARMUP_HEADER carrying `warmupTag`. A reply carries the
 * threading of the message it answers (`threading.gmailThreadId` is the thread at the replying mailbox).
 */
export interface WarmupItem {
	kind: 'warmup';
	sendId: string;
	attempt: number;
	mayHaveBeenSent: boolean;
	warmupTag: string;
	warmupKind: 'initial' | 'reply';
	/** Not a campaign send. */
	campaignId: null;
	step: null;
	now: string;
	/** The receiving mailbox, in the shape every item names its recipient. */
	lead: Lead;
	message: WarmupMessageContent;
	threading: Threading | null;
	mailboxId: string;
	mailbox: MailboxPoolEntry;
	mailboxes: MailboxPoolEntry[];
}

/** The answer to a claim: the leased items (maybe none) and until when they are leased. */
export interface ClaimBatch<Item = ClaimItem> {
	/** The control plane's clock (ISO UTC). */
	now: string;
	leaseExpiresAt: string;
	items: Item[];
}

// ---- Send results ----

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

export type DeferredCode = 'outside_window' | 'mailbox_gap' | 'capacity_exhausted' | 'no_healthy_mailbox' | 'thread_mailbox_unavailable';

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

/** A result as Report to Control Plane posts it: applied once by `eventId` (`<sendId>:<attempt>:<status>`). */
export type ReportedSendResult = SendResult & { eventId: string };

/** Which workflow execution reports (diagnostics only). */
export interface ReportSource {
	workflowId: string | null;
	executionId: string | null;
}

/** The body of a send-results report (campaign sends and inbox replies alike). */
export interface SendResultsReport {
	source?: ReportSource;
	results: ReportedSendResult[];
}

export interface SendResultsOutcome {
	applied: number;
	duplicates: number;
	stale: number;
	/** Results naming a send, or a sending mailbox, that does not exist (any more): nothing was recorded for them. */
	unknown: number;
}

// ---- Inbound mail (Inbox Watch) ----

export type InboundEventType = 'replied' | 'auto_replied' | 'bounced' | 'complained' | 'unsubscribe_request';
export const INBOUND_EVENT_TYPES: readonly InboundEventType[] = ['replied', 'auto_replied', 'bounced', 'complained', 'unsubscribe_request'];

/** What the unified inbox shows of an inbound message. */
export interface InboundMessageContent {
	from: string | null;
	to: string | null;
	subject: string | null;
	/** The inbound message's own Message-ID, which a reply from the inbox answers. */
	messageIdHeader: string | null;
	/** The plain-text body (at most INBOUND_TEXT_MAX_LENGTH); null when the message was decided from its headers alone. */
	text: string | null;
}

export interface BounceDetails {
	kind: 'hard' | 'soft';
	/** Enhanced status code such as 5.1.1. */
	status: string | null;
	/** At most BOUNCE_DIAGNOSTIC_MAX_LENGTH characters. */
	diagnostic: string | null;
}

/** One thing the inbox watcher saw; the body item of inbound-events and inbox-watch results. */
export interface InboundEvent {
	eventId: string;
	type: InboundEventType;
	/** Our Message-ID it answers (angle brackets included). */
	inReplyToMessageId: string | null;
	threadId: string | null;
	leadEmail: string | null;
	mailboxId: string;
	bounce: BounceDetails | null;
	receivedAt: string;
	/** For the unified inbox; bounces and complaints carry none (their evidence is in `bounce` and `evidence`). */
	message: InboundMessageContent | null;
	evidence: Record<string, unknown>;
}

/** The body of POST /api/internal/n8n/inbound-events. */
export interface InboundEventsReport {
	source?: ReportSource;
	events: InboundEvent[];
}

/** One mailbox as the control plane hands it out in a watch claim. */
export interface MailboxToWatch {
	mailboxId: string;
	/** `smtp` is a mailbox whose inbox is read over IMAP; `sandbox` is read from the control plane. */
	provider: MailboxProvider;
	email: string;
	/** Where the last accepted watch stopped, in the provider's terms; null before the first. */
	cursor: string | null;
}

/** The answer to a watch claim. */
export interface InboxWatchWork {
	/** The control plane's clock: it dates the watch's warm-up observations and bounds its windows, as a send claim's `now` does. */
	now: string;
	/** Every mailbox address of the organization: mail from them is never a reply. */
	ourAddresses: string[];
	mailboxes: MailboxToWatch[];
}

/** One request of a mailbox's watch results; every request but the last of a watch has `cursor: null`. */
export interface InboxWatchResults {
	mailboxId: string;
	previousCursor: string | null;
	cursor: string | null;
	events: InboundEvent[];
}

// ---- Warm-up (receiving side) ----

/** The header every warm-up message carries; its value is the message's tag. */
export const WARMUP_HEADER = 'X-Ophir-Warmup';
/**
 * The tag as the body carries it (`ow-<tag>`), for providers that drop unknown headers; a string so
 * that each side builds its own RegExp (group 1 is the tag: 12 characters [a-z0-9]).
 */
export const WARMUP_TAG_PATTERN = '\\bow-([a-z0-9]{12})\\b';

/**
 * One warm-up message Inbox Watch found (the body item of POST /api/internal/n8n/warmup/observations,
 * `{ observations: WarmupObservation[] }`, at most INBOUND_EVENTS_PER_REPORT_MAX per request; applied
 * once by eventId). A warm-up message is never an inbound event.
 */
export interface WarmupObservation {
	eventId: string;
	tag: string;
	receivingMailboxId: string;
	/** Where the message was found, before any rescue. */
	folder: 'inbox' | 'spam';
	/** True when the node moved it from spam/junk to the inbox. */
	rescued: boolean;
	markedImportant: boolean;
	/** ISO instant. */
	observedAt: string;
	providerMessageId: string;
	providerThreadId: string | null;
	/** The message's own Message-ID, which a warm-up reply answers in-thread. */
	messageIdHeader: string | null;
}

/** The body of POST /api/internal/n8n/warmup/observations. */
export interface WarmupObservationsReport {
	observations: WarmupObservation[];
}

/** Every event an outbound webhook subscription may name (docs/integrations.md has a payload of each). */
export const WEBHOOK_EVENT_TYPES = [
	'message.sent',
	'message.bounced',
	'message.failed',
	'lead.replied',
	'lead.auto_replied',
	'lead.unsubscribed',
	'lead.complained',
	'lead.opened',
	'lead.clicked',
	'campaign.started',
	'campaign.paused',
	'campaign.completed',
	'mailbox.paused',
	'mailbox.needs_reauth',
	'inbox.thread_labelled',
	'import.completed',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Bumped when a payload's meaning changes; consumers read `data.version`. */
export const WEBHOOK_PAYLOAD_VERSION = 1;

/** The body of a webhook delivery (Standard Webhooks: type, timestamp, data), signed in its headers. */
export interface WebhookPayload {
	type: WebhookEventType;
	/** When the event happened (ISO UTC). */
	timestamp: string;
	data: {
		version: number;
		organizationId: string;
		campaignId: string | null;
		/** The sequence step (0-based) and A/B variant of the message the event is about, when there is one. */
		step: number | null;
		variantId: string | null;
		mailboxId: string | null;
		leadId: string | null;
		messageId: string | null;
		/** API paths (below the control plane's base URL) for the details. */
		links: { lead?: string; campaign?: string; mailbox?: string };
		/** What the type adds: a thread's label, a URL clicked, an import's counts... */
		[detail: string]: unknown;
	};
}
