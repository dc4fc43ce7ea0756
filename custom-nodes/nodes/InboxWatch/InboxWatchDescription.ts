import type { INodeProperties } from 'n8n-workflow';

export const inboxWatchProperties: INodeProperties[] = [
	{
		displayName: 'Organization ID',
		name: 'organizationId',
		type: 'string',
		required: true,
		default: '',
		description: 'The organization whose mailboxes are watched (the inbox-watcher workflow is deployed once per organization)',
	},
	{
		displayName: 'Report Results',
		name: 'reportResults',
		type: 'boolean',
		default: true,
		description:
			"Whether to send each mailbox's events to the control plane, which advances the mailbox's cursor only once it accepted them",
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Fallback Window (Hours)',
				name: 'windowHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 720 },
				default: 72,
				description:
					'How far back to look when a mailbox has no usable cursor (first watch, Gmail expired its history, IMAP UIDVALIDITY changed)',
			},
			{
				displayName: 'Fallback Message Limit',
				name: 'maxWindowMessages',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 5000 },
				default: 500,
				description: 'Most messages read by the fallback scan of one mailbox',
			},
			{
				displayName: 'Gmail API Base URL',
				name: 'gmailApiBaseUrl',
				type: 'string',
				default: '',
				description: 'Overrides the URL the token broker names (tests, private gateways)',
			},
			{
				displayName: 'Microsoft Graph Base URL',
				name: 'graphApiBaseUrl',
				type: 'string',
				default: '',
				description: 'Overrides the URL the token broker names (tests, private gateways)',
			},
			{
				displayName: 'Timeout (Ms)',
				name: 'timeoutMs',
				type: 'number',
				typeOptions: { minValue: 1000 },
				default: 30000,
				description: 'Per request to the mail provider or the control plane',
			},
		],
	},
];
