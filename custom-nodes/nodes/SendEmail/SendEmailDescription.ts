import type { INodeProperties } from 'n8n-workflow';

export const sendEmailProperties: INodeProperties[] = [
	{
		displayName:
			'Sends each item as defined by the Ophir item contract: recipient `lead.email`, content `message`, threading `threading`, and the mailbox assigned by Mailbox Rotation (`mailbox`). Tokens and SMTP passwords are fetched from the control plane per send.',
		name: 'contractNotice',
		type: 'notice',
		default: '',
	},
	{
		displayName: 'Check Mailbox Before Resending',
		name: 'checkBeforeResend',
		type: 'boolean',
		default: true,
		description:
			'Whether to search the mailbox for our Message-ID before sending an item that may already have gone out (`attempt` > 1 or `mayHaveBeenSent`), so a crash between send and report never sends twice (Gmail and Outlook)',
	},
	{
		displayName: 'SMTP: Possibly Delivered Before',
		name: 'smtpUncertainDelivery',
		type: 'options',
		options: [
			{
				name: 'Report as Failed (Never Send Twice)',
				value: 'fail',
				description: 'SMTP cannot look into the Sent folder, so give up on this send',
			},
			{
				name: 'Send Again (at Least Once)',
				value: 'resend',
				description: 'Accept a possible duplicate rather than a possibly lost message',
			},
		],
		default: 'fail',
		description: 'What to do with an SMTP send whose earlier attempt may have been delivered',
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Concurrency',
				name: 'concurrency',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 50 },
				default: 5,
				description: 'How many items are sent at the same time',
			},
			{
				displayName: 'Gmail API Base URL',
				name: 'gmailApiBaseUrl',
				type: 'string',
				default: '',
				placeholder: 'https://gmail.googleapis.com',
				description:
					'Overrides where Gmail requests go (tests, sandboxed demos). Empty: the URL the token broker returns, else https://gmail.googleapis.com.',
			},
			{
				displayName: 'Microsoft Graph Base URL',
				name: 'graphApiBaseUrl',
				type: 'string',
				default: '',
				placeholder: 'https://graph.microsoft.com',
				description: 'Overrides where Outlook requests go. Empty: the URL the token broker returns, else https://graph.microsoft.com.',
			},
			{
				displayName: 'Request Timeout (Seconds)',
				name: 'timeoutSeconds',
				type: 'number',
				typeOptions: { minValue: 1 },
				default: 30,
				description: 'How long to wait for the provider or the control plane before treating the attempt as retryable',
			},
		],
	},
];
