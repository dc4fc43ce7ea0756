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
import { mapWithConcurrency } from '../shared/mapWithConcurrency';
import {
	readAssignedMailbox,
	readAttempt,
	readLeadEmail,
	readMessage,
	readNow,
	readSendId,
	readThreading,
	readWarmup,
} from '../shared/readItem';
import { sendEmailProperties } from './SendEmailDescription';
import { buildMessageId, composeMime } from './compose';
import { sendWithGmail } from './providers/gmail';
import { sendWithOutlook } from './providers/outlook';
import { sendToSandbox } from './providers/sandbox';
import { sendWithSmtp } from './providers/smtp';
import type { OutgoingSend, ProviderContext, ProviderSend, SendSettings } from './providers/types';

const providers: Record<MailboxProvider, ProviderSend> = {
	gmail: sendWithGmail,
	smtp: sendWithSmtp,
	outlook: sendWithOutlook,
	sandbox: sendToSandbox,
};

type ItemOutcome = { ok: true; data: INodeExecutionData } | { ok: false; error: NodeOperationError };

export class SendEmail implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ophir Send Email',
		name: 'ophirSendEmail',
		icon: { light: 'file:sendEmail.svg', dark: 'file:sendEmail.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: 'Through the assigned mailbox',
		description: "Sends each item's message through its assigned mailbox (Gmail, SMTP, Outlook or sandbox)",
		defaults: { name: 'Send Email' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ophirControlPlaneApi', required: true }],
		properties: sendEmailProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const settings: SendSettings = {
			gmailApiBaseUrl: typeof options.gmailApiBaseUrl === 'string' ? options.gmailApiBaseUrl : '',
			graphApiBaseUrl: typeof options.graphApiBaseUrl === 'string' ? options.graphApiBaseUrl : '',
			checkBeforeResend: this.getNodeParameter('checkBeforeResend', 0, true) as boolean,
			smtpUncertainDelivery: this.getNodeParameter('smtpUncertainDelivery', 0, 'fail') as 'fail' | 'resend',
			timeoutMs: (typeof options.timeoutSeconds === 'number' ? options.timeoutSeconds : 30) * 1000,
		};
		const concurrency = typeof options.concurrency === 'number' ? options.concurrency : 5;
		const provider: ProviderContext = {
			context: this,
			settings,
			session: { accessTokens: new Map(), smtpTransports: new Map(), mailboxLocks: new Map() },
		};
		const realNowMs = Date.now();

		let outcomes: ItemOutcome[];
		try {
			outcomes = await mapWithConcurrency(items, concurrency, async (item, itemIndex): Promise<ItemOutcome> => {
				const json = item.json;
				try {
					const send = await prepareSend(json, realNowMs);
					const result = await providers[send.mailbox.provider](send, provider);
					const output: IDataObject = {
						sendId: send.sendId,
						campaignId: json.campaignId ?? null,
						step: json.step ?? null,
						mailboxId: send.mailbox.id,
						result: { ...result },
					};
					return { ok: true, data: { json: output, pairedItem: { item: itemIndex } } };
				} catch (error) {
					const nodeError =
						error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
					if (!this.continueOnFail()) return { ok: false, error: nodeError };
					const output: IDataObject = { sendId: json.sendId ?? null, error: nodeError.message };
					return { ok: true, data: { json: output, pairedItem: { item: itemIndex } } };
				}
			});
		} finally {
			for (const transport of provider.session.smtpTransports.values()) transport.close();
		}

		// Every item finished (sent or not) before an error stops the node, so nothing is left half-done.
		const failure = outcomes.find((outcome) => !outcome.ok);
		if (failure !== undefined && !failure.ok) throw failure.error;
		return [outcomes.flatMap((outcome) => (outcome.ok ? [outcome.data] : []))];
	}
}

async function prepareSend(json: IDataObject, realNowMs: number): Promise<OutgoingSend> {
	const sendId = readSendId(json);
	const attempt = readAttempt(json);
	const mailbox = readAssignedMailbox(json);
	const to = readLeadEmail(json);
	const threading = readThreading(json);
	const nowMs = readNow(json, realNowMs);
	const messageId = buildMessageId(sendId, mailbox.email);
	const mayHaveBeenSent = json.mayHaveBeenSent === true;
	const common = { sendId, messageId, mailbox, to, threading, date: new Date(nowMs) };
	// A warm-up message is plain text with its tag and no unsubscribe headers; everything else is campaign mail.
	const warmup = readWarmup(json);
	const raw = await composeMime(warmup === null ? { ...common, message: readMessage(json) } : { ...common, ...warmup });
	return {
		sendId,
		attempt,
		mayHaveBeenSent,
		checkPrevious: attempt > 1 || mayHaveBeenSent,
		nowMs,
		to,
		messageId,
		mailbox,
		threading,
		raw,
	};
}
