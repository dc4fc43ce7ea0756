import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { describeTransportError } from '../shared/http';
import { watchGmail } from './gmailWatch';
import { watchImap } from './imapWatch';
import { inboundEventOf, type InboundEvent } from './inboundEvents';
import { watchOutlook } from './outlookWatch';
import { reportWarmupObservations, reportWatch } from './reportWatch';
import { watchSandbox } from './sandboxWatch';
import { observationsOf } from './warmup';
import type { WarmupObservation } from '../shared/contract';
import { WatchError, type MailboxToWatch, type ProviderWatcher, type WatchSettings } from './watchTypes';

/** One watcher per provider the control plane hands out; each keeps its own kind of cursor. */
const watchers: Record<string, ProviderWatcher> = {
	gmail: watchGmail,
	outlook: watchOutlook,
	smtp: watchImap,
	sandbox: watchSandbox,
};

/** The node's output per mailbox: the inbound-events body plus the cursor move it stands for. */
export interface MailboxWatchOutcome {
	mailboxId: string;
	provider: string;
	email: string;
	previousCursor: string | null;
	/** The cursor after this watch; null when the watch failed (the stored cursor stays). */
	cursor: string | null;
	catchUp: 'incremental' | 'window' | null;
	events: InboundEvent[];
	ignored: Array<{ providerMessageId: string; reason: string }>;
	/** Warm-up messages found (never events): where, and whether they were rescued and marked. */
	warmup: WarmupObservation[];
	/** The control plane's answer when results were reported. */
	report: IDataObject | null;
	warmupReport: IDataObject | null;
	error: { code: string; message: string } | null;
}

function failed(mailbox: MailboxToWatch, error: { code: string; message: string }): MailboxWatchOutcome {
	const { mailboxId, provider, email, cursor } = mailbox;
	return {
		mailboxId,
		provider,
		email,
		previousCursor: cursor,
		cursor: null,
		catchUp: null,
		events: [],
		ignored: [],
		warmup: [],
		report: null,
		warmupReport: null,
		error,
	};
}

/**
 * Watches one mailbox and, when asked, reports what it found (in several requests when it is large);
 * the control plane records the events and only then advances the cursor, so a failed report means
 * the next run sees the same messages again (and their event ids make that harmless).
 */
export async function watchMailbox(
	context: IExecuteFunctions,
	mailbox: MailboxToWatch,
	ourAddresses: string[],
	settings: WatchSettings,
): Promise<MailboxWatchOutcome> {
	const watcher = watchers[mailbox.provider];
	if (!watcher)
		return failed(mailbox, { code: 'provider_not_supported', message: `Inbox Watch cannot read ${mailbox.provider} mailboxes` });
	let watched;
	try {
		watched = await watcher(context, mailbox, ourAddresses, settings);
	} catch (error) {
		if (error instanceof WatchError) return failed(mailbox, { code: error.code, message: error.message });
		return failed(mailbox, { code: `${mailbox.provider}_unreachable`, message: `${mailbox.provider}: ${describeTransportError(error)}` });
	}
	const events = watched.messages
		.map((message) => inboundEventOf(mailbox, message))
		.filter((event): event is InboundEvent => event !== null);
	const ignored = watched.messages.flatMap(({ providerMessageId, classification }) =>
		classification.type === 'ignored' ? [{ providerMessageId, reason: classification.reason }] : [],
	);
	const outcome: MailboxWatchOutcome = {
		mailboxId: mailbox.mailboxId,
		provider: mailbox.provider,
		email: mailbox.email,
		previousCursor: watched.previousCursor,
		cursor: watched.cursor,
		catchUp: watched.catchUp,
		events,
		ignored,
		warmup: observationsOf(mailbox.mailboxId, watched.warmups, new Date(settings.nowMs).toISOString()),
		report: null,
		warmupReport: null,
		error: null,
	};
	if (!settings.reportResults) return outcome;
	if (outcome.warmup.length > 0) {
		const warmupReport = await reportWarmupObservations(context, outcome.warmup, settings.timeoutMs);
		if (!warmupReport.ok) return { ...outcome, error: warmupReport.error };
		outcome.warmupReport = warmupReport.body;
	}
	const report = await reportWatch(
		context,
		{ mailboxId: mailbox.mailboxId, previousCursor: watched.previousCursor, cursor: watched.cursor, events },
		settings.timeoutMs,
	);
	return report.ok ? { ...outcome, report: report.body } : { ...outcome, error: report.error };
}
