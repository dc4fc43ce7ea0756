import type { IDataObject } from 'n8n-workflow';

import { controlPlanePaths, postToControlPlane } from '../shared/controlPlane';
import { classifyMessage } from './classifyInboundMail';
import { contentOf } from './messageContent';
import { parseMime } from './mime';
import { WatchError, type ProviderWatcher, type WatchedMessage } from './watchTypes';

function watchedOf(entry: IDataObject, ourAddresses: string[]): WatchedMessage {
	if (typeof entry.id !== 'string' || typeof entry.raw !== 'string' || typeof entry.receivedAt !== 'string') {
		throw new WatchError('sandbox_inbox_invalid', 'The control plane answered a sandbox message without id, raw or receivedAt');
	}
	const threadId = typeof entry.threadId === 'string' ? entry.threadId : null;
	const message = parseMime(entry.raw);
	// A thread id is only handed out for a conversation one of our sends started, as Gmail's would be.
	const view = { ourAddresses, labels: [], threadIsOurs: threadId !== null };
	return {
		providerMessageId: entry.id,
		threadId,
		labels: [],
		receivedAt: entry.receivedAt,
		readAs: 'raw',
		classification: classifyMessage(message, view),
		content: contentOf(message),
	};
}

/**
 * A sandbox mailbox's inbox lives in the control plane (the replies, bounces and out-of-office
 * messages simulated for its captured sends). The raw messages are classified here exactly as a
 * Gmail or IMAP inbox's are; the cursor is the last sequence read, and a watch reads at most the
 * window's message limit, the rest on the next watch.
 */
export const watchSandbox: ProviderWatcher = async (context, mailbox, ourAddresses, settings) => {
	const answer = await postToControlPlane(
		context,
		controlPlanePaths.sandboxInbox(mailbox.mailboxId),
		{ cursor: mailbox.cursor, limit: settings.maxWindowMessages },
		settings.timeoutMs,
	);
	if (!answer.ok) throw new WatchError(answer.error.code, answer.error.message);
	if (typeof answer.body.cursor !== 'string' || !Array.isArray(answer.body.messages)) {
		throw new WatchError('sandbox_inbox_invalid', 'The control plane answered the sandbox inbox without cursor or messages');
	}
	const messages = (answer.body.messages as IDataObject[]).map((entry) => watchedOf(entry, ourAddresses));
	return { previousCursor: mailbox.cursor, cursor: answer.body.cursor, catchUp: 'incremental', messages, warmups: [] };
};
