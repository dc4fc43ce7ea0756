import type { INodeProperties } from 'n8n-workflow';

const weekdayOptions = [
	{ name: 'Monday', value: 'mon' },
	{ name: 'Tuesday', value: 'tue' },
	{ name: 'Wednesday', value: 'wed' },
	{ name: 'Thursday', value: 'thu' },
	{ name: 'Friday', value: 'fri' },
	{ name: 'Saturday', value: 'sat' },
	{ name: 'Sunday', value: 'sun' },
];

const definedHere = { show: { scheduleSource: ['parameters'] } };

export const businessHoursGateProperties: INodeProperties[] = [
	{
		displayName: 'Schedule Source',
		name: 'scheduleSource',
		type: 'options',
		noDataExpression: true,
		options: [
			{
				name: 'From Item (Claim)',
				value: 'item',
				description: "Use the campaign schedule in each item's `schedule` field, as sent by the control plane",
			},
			{
				name: 'Defined Here',
				value: 'parameters',
				description: 'Use the window set on this node for every item',
			},
		],
		default: 'item',
		description: 'Where the sending window comes from',
	},
	{
		displayName: 'Timezone',
		name: 'timezone',
		type: 'string',
		default: 'UTC',
		placeholder: 'Europe/Berlin',
		description: 'IANA timezone used when the lead has none',
		displayOptions: definedHere,
	},
	{
		displayName: "Use Lead's Timezone",
		name: 'useLeadTimezone',
		type: 'boolean',
		default: true,
		description: "Whether to evaluate the window in the lead's timezone (item field `lead.timezone`) when it is known",
		displayOptions: definedHere,
	},
	{
		displayName: 'Days',
		name: 'days',
		type: 'multiOptions',
		options: weekdayOptions,
		default: ['mon', 'tue', 'wed', 'thu', 'fri'],
		description: 'Days of the week on which sending is allowed',
		displayOptions: definedHere,
	},
	{
		displayName: 'Start Time',
		name: 'start',
		type: 'string',
		default: '09:00',
		placeholder: 'HH:MM',
		description: 'Local time the window opens (24-hour "HH:MM", inclusive)',
		displayOptions: definedHere,
	},
	{
		displayName: 'End Time',
		name: 'end',
		type: 'string',
		default: '17:00',
		placeholder: 'HH:MM',
		description: 'Local time the window closes (24-hour "HH:MM" or "24:00", exclusive); must be after the start',
		displayOptions: definedHere,
	},
	{
		displayName: 'Holidays',
		name: 'holidays',
		type: 'string',
		default: '',
		placeholder: '2026-12-24, 2026-12-25',
		description: 'Comma-separated local dates (YYYY-MM-DD) on which nothing is sent',
		displayOptions: definedHere,
	},
];
