import {
	NodeApiError,
	NodeConnectionTypes,
	type IDataObject,
	type IHookFunctions,
	type IHttpRequestMethods,
	type INodeType,
	type INodeTypeDescription,
	type IWebhookFunctions,
	type IWebhookResponseData,
	type JsonObject,
} from 'n8n-workflow';

import { WEBHOOK_EVENT_TYPES, type WebhookPayload } from '../shared/contract';
import { FULL_RESPONSE_OPTIONS, isSuccess, toHttpResult, type HttpResult } from '../shared/http';
import { refuseSignature } from './verifySignature';

const CREDENTIAL = 'ophirApi';

/** What the workflow keeps between activation and deactivation: its subscription and the secret shown once. */
interface Subscription {
	endpointId?: string;
	secret?: string;
}

const eventLabels: Record<(typeof WEBHOOK_EVENT_TYPES)[number], string> = {
	'message.sent': 'Message Sent',
	'message.bounced': 'Message Bounced',
	'message.failed': 'Message Failed',
	'lead.replied': 'Lead Replied',
	'lead.auto_replied': 'Lead Auto-Replied',
	'lead.unsubscribed': 'Lead Unsubscribed',
	'lead.complained': 'Lead Complained',
	'lead.opened': 'Lead Opened (People Only)',
	'lead.clicked': 'Lead Clicked (People Only)',
	'campaign.started': 'Campaign Started',
	'campaign.paused': 'Campaign Paused',
	'campaign.completed': 'Campaign Completed',
	'mailbox.paused': 'Mailbox Paused',
	'mailbox.needs_reauth': 'Mailbox Needs Reconnecting',
	'inbox.thread_labelled': 'Inbox Thread Labelled',
	'import.completed': 'Import Completed',
};

/** Calls the organization's Ophir API with the trigger's credential (an admin API key). */
async function ophirApi(context: IHookFunctions, method: IHttpRequestMethods, path: string, body?: IDataObject): Promise<HttpResult> {
	const credentials = await context.getCredentials(CREDENTIAL);
	const baseUrl = String(credentials.baseUrl).replace(/\/+$/, '');
	const response: unknown = await context.helpers.httpRequestWithAuthentication.call(context, CREDENTIAL, {
		method,
		url: `${baseUrl}${path}`,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
		json: false,
		timeout: 30_000,
		...FULL_RESPONSE_OPTIONS,
	});
	return toHttpResult(response);
}

function apiError(context: IHookFunctions, result: HttpResult, action: string): NodeApiError {
	const detail = typeof result.body?.detail === 'string' ? result.body.detail : `Ophir answered ${result.statusCode}`;
	return new NodeApiError(context.getNode(), (result.body ?? {}) as JsonObject, {
		message: `Could not ${action} the Ophir webhook subscription`,
		description: detail,
		httpCode: String(result.statusCode),
	});
}

export class OphirTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Ophir Trigger',
		name: 'ophirTrigger',
		icon: { light: 'file:ophirTrigger.svg', dark: 'file:ophirTrigger.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["events"].join(", ")}}',
		description: 'Starts the workflow when something happens in Ophir: a reply, a bounce, a send, a campaign or mailbox change',
		defaults: { name: 'Ophir Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: CREDENTIAL, required: true }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: WEBHOOK_EVENT_TYPES.map((type) => ({ name: eventLabels[type], value: type })),
				default: ['lead.replied'],
				description: 'The events that start the workflow, one execution per event',
			},
			{
				displayName: 'Campaign ID',
				name: 'campaignId',
				type: 'string',
				default: '',
				description: "Only this campaign's events (and those that name no campaign, such as a mailbox's); empty for every campaign",
			},
		],
	};

	webhookMethods = {
		default: {
			/** The subscription this workflow registered, if Ophir still has it. */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				const subscription = this.getWorkflowStaticData('node') as Subscription;
				if (!subscription.endpointId) return false;
				const result = await ophirApi(this, 'GET', `/api/webhooks/endpoints/${encodeURIComponent(subscription.endpointId)}`);
				if (result.statusCode === 404) {
					delete subscription.endpointId;
					delete subscription.secret;
					return false;
				}
				if (!isSuccess(result)) throw apiError(this, result, 'check');
				return result.body?.url === this.getNodeWebhookUrl('default') && result.body?.enabled === true;
			},

			/** Registers this workflow's URL for the chosen events; the secret, shown once, is kept to check signatures. */
			async create(this: IHookFunctions): Promise<boolean> {
				const subscription = this.getWorkflowStaticData('node') as Subscription;
				if (subscription.endpointId)
					await ophirApi(this, 'DELETE', `/api/webhooks/endpoints/${encodeURIComponent(subscription.endpointId)}`);
				const campaignId = String(this.getNodeParameter('campaignId', '')).trim();
				const result = await ophirApi(this, 'POST', '/api/webhooks/endpoints', {
					url: this.getNodeWebhookUrl('default'),
					eventTypes: this.getNodeParameter('events', []) as string[],
					description: `n8n workflow "${this.getWorkflow().name ?? this.getWorkflow().id}"`,
					campaignId: campaignId === '' ? null : campaignId,
				});
				if (!isSuccess(result)) throw apiError(this, result, 'create');
				subscription.endpointId = String(result.body?.id);
				subscription.secret = String(result.body?.secret);
				return true;
			},

			/** Removes the subscription when the workflow is deactivated; one already gone is fine. */
			async delete(this: IHookFunctions): Promise<boolean> {
				const subscription = this.getWorkflowStaticData('node') as Subscription;
				if (subscription.endpointId) {
					const result = await ophirApi(this, 'DELETE', `/api/webhooks/endpoints/${encodeURIComponent(subscription.endpointId)}`);
					if (!isSuccess(result) && result.statusCode !== 404) return false;
				}
				delete subscription.endpointId;
				delete subscription.secret;
				return true;
			},
		},
	};

	/** One delivery is one event: checked against the secret, then emitted as one item. */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const { secret } = this.getWorkflowStaticData('node') as Subscription;
		const request = this.getRequestObject() as ReturnType<IWebhookFunctions['getRequestObject']> & { rawBody?: Buffer };
		const body = this.getBodyData();
		const rawBody = request.rawBody?.toString('utf8') ?? JSON.stringify(body);
		const headers = this.getHeaderData();
		const header = (name: string) => (typeof headers[name] === 'string' ? (headers[name] as string) : undefined);
		const refused = secret
			? refuseSignature(
					secret,
					{ id: header('webhook-id'), timestamp: header('webhook-timestamp'), signature: header('webhook-signature') },
					rawBody,
					Math.floor(Date.now() / 1000),
				)
			: 'this workflow has no subscription secret: deactivate and activate it again';
		if (refused) {
			this.getResponseObject()
				.status(401)
				.json({ error: `Signature refused: ${refused}` });
			return { noWebhookResponse: true };
		}
		const payload = body as unknown as WebhookPayload;
		return { workflowData: [[{ json: { webhookId: header('webhook-id') ?? null, ...payload } as unknown as IDataObject }]] };
	}
}
