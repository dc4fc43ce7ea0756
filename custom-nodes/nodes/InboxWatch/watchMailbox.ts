import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { assertSignatureAccepted, controlPlaneError, controlPlanePaths, controlPlaneRequest } from '../shared/controlPlane';
import { describeTransportError, FULL_RESPONSE_OPTIONS, isSuccess, toHttpResult, trimTrailingSlash, type HttpResult } from '../shared/http';
import { GmailApiError, watchGmailMailbox, type GmailGet, type GmailWatchLimits } from './gmailWatch';
import { inboundEventOf, type InboundEvent } from './inboundEvents';

export const GMAIL_DEFAULT_BASE_URL = 'https://gmail.googleapis.com';

/** One mailbox as the control plane hands it out in a watch claim. */
export interface MailboxToWatch {
	mailboxId: string;
	provider: string;
	email: string;
	historyId: string | null;
}

export interface WatchSettings extends GmailWatchLimits {
	gmailApiBaseUrl: string;
	timeoutMs: number;
	reportResults: boolean;
}

/** The node's output per mailbox: the inbound-events body plus the cursor move it stands for. */
export interface MailboxWatchOutcome {
	mailboxId: string;
	provider: string;
	email: string;
	previousHistoryId: string | null;
	/** The cursor after this watch; null when the watch failed (the stored cursor stays). */
	historyId: string | null;
	catchUp: 'history' | 'window' | null;
	events: InboundEvent[];
	ignored: Array<{ gmailMessageId: string; reason: string }>;
	/** The control plane's answer when results were reported. */
	report: IDataObject | null;
	error: { code: string; message: string } | null;
}

type Step<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

async function signedCall(context: IExecuteFunctions, path: string, body: IDataObject, timeoutMs: number): Promise<Step<IDataObject>> {
	let response: HttpResult;
	try {
		response = await controlPlaneRequest(context, { method: 'POST', path, body, timeoutMs });
	} catch (error) {
		return { ok: false, error: { code: 'control_plane_unreachable', message: describeTransportError(error) } };
	}
	assertSignatureAccepted(context, response);
	if (!isSuccess(response)) return { ok: false, error: controlPlaneError(response) };
	return { ok: true, value: response.body ?? {} };
}

/** Gmail GETs with the brokered token; the token stays in this closure, never in output or errors. */
function gmailGetter(context: IExecuteFunctions, baseUrl: string, accessToken: string, timeoutMs: number): GmailGet {
	return async (path, qs) =>
		toHttpResult(
			await context.helpers.httpRequest({
				method: 'GET',
				url: `${baseUrl}/gmail/v1/users/me${path}`,
				qs,
				arrayFormat: 'repeat',
				headers: { Authorization: `Bearer ${accessToken}`, Accept: 'application/json' },
				timeout: timeoutMs,
				...FULL_RESPONSE_OPTIONS,
			}),
		);
}

function failed(mailbox: MailboxToWatch, error: { code: string; message: string }): MailboxWatchOutcome {
	const { mailboxId, provider, email, historyId } = mailbox;
	return { mailboxId, provider, email, previousHistoryId: historyId, historyId: null, catchUp: null, events: [], ignored: [], report: null, error };
}

/**
 * Watches one mailbox and, when asked, reports what it found; the control plane records the
 * events and only then advances the cursor, so a failed report means the next run sees the
 * same messages again (and their event ids make that harmless).
 */
export async function watchMailbox(context: IExecuteFunctions, mailbox: MailboxToWatch, ourAddresses: string[], settings: WatchSettings): Promise<MailboxWatchOutcome> {
	if (mailbox.provider !== 'gmail') return failed(mailbox, { code: 'provider_not_supported', message: `Inbox Watch reads Gmail mailboxes; ${mailbox.provider} is not supported yet` });
	const token = await signedCall(context, controlPlanePaths.accessToken(mailbox.mailboxId), { provider: 'gmail' }, settings.timeoutMs);
	if (!token.ok) return failed(mailbox, token.error);
	const accessToken = String(token.value.accessToken ?? '');
	const brokeredBase = typeof token.value.apiBaseUrl === 'string' ? token.value.apiBaseUrl : '';
	const baseUrl = trimTrailingSlash(settings.gmailApiBaseUrl || brokeredBase || GMAIL_DEFAULT_BASE_URL);

	let watched;
	try {
		watched = await watchGmailMailbox(gmailGetter(context, baseUrl, accessToken, settings.timeoutMs), mailbox, ourAddresses, settings);
	} catch (error) {
		if (error instanceof GmailApiError) return failed(mailbox, { code: `gmail_${error.statusCode}`, message: error.message });
		return failed(mailbox, { code: 'gmail_unreachable', message: `Gmail: ${describeTransportError(error)}` });
	}
	const events = watched.messages.map((message) => inboundEventOf(mailbox.mailboxId, message)).filter((event): event is InboundEvent => event !== null);
	const ignored = watched.messages.flatMap(({ gmailMessageId, classification }) => (classification.type === 'ignored' ? [{ gmailMessageId, reason: classification.reason }] : []));
	const outcome: MailboxWatchOutcome = {
		mailboxId: mailbox.mailboxId,
		provider: mailbox.provider,
		email: mailbox.email,
		previousHistoryId: watched.previousHistoryId,
		historyId: watched.historyId,
		catchUp: watched.catchUp,
		events,
		ignored,
		report: null,
		error: null,
	};
	if (!settings.reportResults) return outcome;
	const report = await signedCall(
		context,
		controlPlanePaths.inboxWatchResults,
		{ mailboxId: mailbox.mailboxId, previousHistoryId: watched.previousHistoryId, historyId: watched.historyId, events: events as unknown as IDataObject[] },
		settings.timeoutMs,
	);
	return report.ok ? { ...outcome, report: report.value } : { ...outcome, error: report.error };
}
