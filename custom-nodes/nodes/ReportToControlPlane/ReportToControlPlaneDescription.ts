import type { INodeProperties } from 'n8n-workflow';

import { SEND_RESULTS_PER_REPORT_MAX } from '../shared/contract';

export const reportToControlPlaneProperties: INodeProperties[] = [
	{
		displayName: 'Report',
		name: 'report',
		type: 'options',
		options: [
			{ name: 'Campaign Sends', value: 'campaignSends', description: 'Results of sends claimed as campaign sends' },
			{ name: 'Inbox Replies', value: 'inboxReplies', description: 'Results of replies claimed from the unified inbox' },
			{ name: 'Warm-Up Sends', value: 'warmup', description: 'Results of warm-up messages claimed as warm-up sends' },
		],
		default: 'campaignSends',
		description: 'Which claim the results answer; each kind has its own endpoint',
	},
	{
		displayName: 'Result Field',
		name: 'resultField',
		type: 'string',
		default: 'result',
		description: 'Item field holding the send result (sent, deferred, retryable or failed) to report',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: SEND_RESULTS_PER_REPORT_MAX },
		default: 100,
		description: 'How many results are posted to the control plane in one request',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Max Attempts',
				name: 'maxAttempts',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 20 },
				default: 5,
				description: 'How many times one batch is tried when the control plane is unreachable, rate-limits or answers 5xx',
			},
			{
				displayName: 'Initial Backoff (Ms)',
				name: 'initialBackoffMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 1000,
				description: 'Wait before the second attempt; doubles on every further attempt',
			},
			{
				displayName: 'Max Backoff (Ms)',
				name: 'maxBackoffMs',
				type: 'number',
				typeOptions: { minValue: 0 },
				default: 30000,
				description: 'Upper bound for any single wait between attempts, including a Retry-After from the control plane',
			},
		],
	},
];
