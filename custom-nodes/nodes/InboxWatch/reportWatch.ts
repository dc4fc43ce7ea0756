import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { controlPlanePaths, postToControlPlane } from '../shared/controlPlane';
import {
	INBOUND_EVENTS_PER_REPORT_MAX,
	type InboundEvent,
	type InboxWatchResults,
	type WarmupObservation,
	type WarmupObservationsReport,
} from '../shared/contract';

/**
 * Most bytes one results request carries: under the 1 MiB that the control plane's other routes and
 * common reverse proxies accept (REQUEST_BODY_MAX_BYTES), with room to spare. One event larger than
 * this still goes alone (the results route accepts more, INBOX_WATCH_RESULTS_BODY_MAX_BYTES).
 */
export const REPORT_CHUNK_BYTES = 900_000;
/** Most events one results request carries (the control plane's schema limit). */
export const REPORT_CHUNK_EVENTS = INBOUND_EVENTS_PER_REPORT_MAX;

export interface WatchReport {
	mailboxId: string;
	previousCursor: string | null;
	cursor: string;
	events: InboundEvent[];
}

export type WatchReportOutcome = { ok: true; body: IDataObject } | { ok: false; error: { code: string; message: string } };

/**
 * Splits a watch's events, in order, into chunks of at most `maxBytes` of JSON and `maxEvents` events.
 * There is always at least one chunk (maybe empty): the last one is the one that moves the cursor.
 */
export function chunkEvents(events: InboundEvent[], maxBytes = REPORT_CHUNK_BYTES, maxEvents = REPORT_CHUNK_EVENTS): InboundEvent[][] {
	// Room for the envelope: ids, two cursors (a Graph delta link may be 4 KB), brackets.
	const envelopeBytes = 10_000;
	const chunks: InboundEvent[][] = [[]];
	let size = envelopeBytes;
	for (const event of events) {
		const bytes = Buffer.byteLength(JSON.stringify(event), 'utf8') + 1;
		const current = chunks[chunks.length - 1] as InboundEvent[];
		if (current.length > 0 && (size + bytes > maxBytes || current.length >= maxEvents)) {
			chunks.push([event]);
			size = envelopeBytes + bytes;
		} else {
			current.push(event);
			size += bytes;
		}
	}
	return chunks;
}

/**
 * Reports one mailbox's watch in requests that fit the control plane's body limit. Every chunk but
 * the last is sent with `cursor: null` (its events are recorded, the cursor stays); the last carries
 * the cursor. Exactly once: a failure or crash between chunks leaves the cursor where it was, so the
 * next watch reads the same messages again and the events already recorded come back as duplicates
 * (event ids are the provider's message ids), nothing lost and nothing counted twice.
 */
export async function reportWatch(context: IExecuteFunctions, report: WatchReport, timeoutMs: number): Promise<WatchReportOutcome> {
	const chunks = chunkEvents(report.events);
	const totals = { applied: 0, duplicates: 0, unknown: 0 };
	const outcomes: IDataObject[] = [];
	let last: IDataObject = {};
	for (const [index, events] of chunks.entries()) {
		const isLast = index === chunks.length - 1;
		const body: InboxWatchResults = {
			mailboxId: report.mailboxId,
			previousCursor: report.previousCursor,
			cursor: isLast ? report.cursor : null,
			events,
		};
		const answer = await postToControlPlane(context, controlPlanePaths.inboxWatchResults, body as unknown as IDataObject, timeoutMs);
		if (!answer.ok) return answer;
		for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += Number(answer.body[key] ?? 0);
		if (Array.isArray(answer.body.events)) outcomes.push(...(answer.body.events as IDataObject[]));
		last = answer.body;
	}
	return { ok: true, body: { ...last, ...totals, events: outcomes, requests: chunks.length } };
}

/**
 * Posts a watch's warm-up observations, INBOUND_EVENTS_PER_REPORT_MAX per request (a few hundred
 * bytes each, far under the body limit). Sent before the watch's results: when this fails the cursor
 * stays, the next watch finds the same messages (in the inbox now, if they were rescued) and their
 * event ids make the repeat harmless.
 */
export async function reportWarmupObservations(
	context: IExecuteFunctions,
	observations: WarmupObservation[],
	timeoutMs: number,
): Promise<WatchReportOutcome> {
	const totals = { applied: 0, duplicates: 0, requests: 0 };
	for (let start = 0; start < observations.length; start += INBOUND_EVENTS_PER_REPORT_MAX) {
		const body: WarmupObservationsReport = { observations: observations.slice(start, start + INBOUND_EVENTS_PER_REPORT_MAX) };
		const answer = await postToControlPlane(context, controlPlanePaths.warmupObservations, body as unknown as IDataObject, timeoutMs);
		if (!answer.ok) return answer;
		totals.applied += Number(answer.body.applied ?? 0);
		totals.duplicates += Number(answer.body.duplicates ?? 0);
		totals.requests += 1;
	}
	return { ok: true, body: totals };
}
