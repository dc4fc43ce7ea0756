import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { MailboxProvider } from '../shared/contract';
import { assertSignatureAccepted, controlPlaneError, controlPlanePaths, controlPlaneRequest } from '../shared/controlPlane';
import { describeTransportError, isSuccess, type HttpResult } from '../shared/http';
import { readNow } from '../shared/readItem';
import { inboxWatchProperties } from './InboxWatchDescription';
import { watchMailbox } from './watchMailbox';
import type { MailboxToWatch, WatchSettings } from './watchTypes';

function readMailboxes(body: IDataObject | null): MailboxToWatch[] | null {
	if (!Array.isArray(body?.mailboxes)) return null;
	return (body.mailboxes as IDataObject[]).map((mailbox) => ({
		mailboxId: String(mailbox.mailboxId),
		// An unknown provider is answered per mailbox by watchMailbox (a newer control plane may know more).
		provider: String(mailbox.provider) as MailboxProvider,
		email: String(mailbox.email),
		cursor: typeof mailbox.cursor === 'string' ? mailbox.cursor : null,
	}));
}

export class InboxWatch implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Inbox Watch',
		name: 'inboxWatch',
		icon: { light: 'file:inboxWatch.svg', dark: 'file:inboxWatch.dark.svg' },
		group: ['input'],
		version: 1,
		subtitle: 'Replies, auto-replies and bounces',
		description:
			"Reads what arrived in an organization's mailboxes since the last watch and reports replies, auto-replies, bounces and unsubscribe requests; rescues warm-up messages from spam",
		defaults: { name: 'Inbox Watch' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ophirControlPlaneApi', required: true }],
		properties: inboxWatchProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		// One watch per execution, whatever the trigger emitted: a second pass would read the same history.
		const organizationId = this.getNodeParameter('organizationId', 0) as string;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const settings: WatchSettings = {
			reportResults: this.getNodeParameter('reportResults', 0, true) as boolean,
			gmailApiBaseUrl: typeof options.gmailApiBaseUrl === 'string' ? options.gmailApiBaseUrl : '',
			graphApiBaseUrl: typeof options.graphApiBaseUrl === 'string' ? options.graphApiBaseUrl : '',
			timeoutMs: typeof options.timeoutMs === 'number' ? options.timeoutMs : 30_000,
			windowHours: typeof options.windowHours === 'number' ? options.windowHours : 72,
			maxWindowMessages: typeof options.maxWindowMessages === 'number' ? options.maxWindowMessages : 500,
			nowMs: Date.now(),
		};
		let response: HttpResult;
		try {
			response = await controlPlaneRequest(this, {
				method: 'POST',
				path: controlPlanePaths.inboxWatchClaims,
				body: { organizationId },
				timeoutMs: settings.timeoutMs,
			});
		} catch (error) {
			throw new NodeOperationError(this.getNode(), `Control plane unreachable: ${describeTransportError(error)}`, {
				description: 'No mailbox was watched; the next run watches from the same cursors.',
			});
		}
		assertSignatureAccepted(this, response);
		if (!isSuccess(response)) {
			const { code, message } = controlPlaneError(response);
			throw new NodeOperationError(this.getNode(), `Watch claim failed (${response.statusCode} ${code}): ${message}`);
		}
		const mailboxes = readMailboxes(response.body);
		if (mailboxes === null) throw new NodeOperationError(this.getNode(), 'Watch claim response has no "mailboxes" array');
		// The control plane's clock, as for sends: an observation is dated, and a window bounded, by the one clock.
		settings.nowMs = readNow(response.body as IDataObject, settings.nowMs);
		const ourAddresses = Array.isArray(response.body?.ourAddresses)
			? (response.body.ourAddresses as unknown[]).map(String)
			: mailboxes.map((mailbox) => mailbox.email);

		// Mailboxes one after another: each costs a few provider calls, and providers' quotas are per mailbox anyway.
		const output: INodeExecutionData[] = [];
		for (const mailbox of mailboxes) {
			const outcome = await watchMailbox(this, mailbox, ourAddresses, settings);
			output.push({ json: outcome as unknown as IDataObject, pairedItem: { item: 0 } });
		}
		return [output];
	}
}
