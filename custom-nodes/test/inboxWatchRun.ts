import type { IDataObject } from 'n8n-workflow';

import { InboxWatch } from '../nodes/InboxWatch/InboxWatch.node';
import { fetchHttpRequest, jsonOf, runNode } from './harness';

const node = new InboxWatch();

/** One Inbox Watch run for organization `org-1` with one claimed mailbox: the run and its one output item. */
export async function watchOnce(credentials: { baseUrl: string; signingSecret: string }, parameters: IDataObject = {}) {
	const run = await runNode(node, {
		items: [{}],
		credentials,
		httpRequest: fetchHttpRequest,
		parameters: { organizationId: 'org-1', ...parameters },
	});
	const [outcome] = jsonOf(run);
	if (!outcome) throw new Error('no output item');
	return { run, outcome };
}

export const eventsOf = (outcome: IDataObject) => outcome.events as Array<Record<string, unknown>>;
