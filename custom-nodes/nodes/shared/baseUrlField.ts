import type { INodeProperties } from 'n8n-workflow';

/** The control plane's root URL, as both Ophir credentials ask for it. */
export const baseUrlField: INodeProperties = {
	displayName: 'Base URL',
	name: 'baseUrl',
	type: 'string',
	default: 'http://127.0.0.1:3000',
	placeholder: 'https://ophir.example.com',
	description: 'Root URL of the Ophir control plane, without a trailing path',
	required: true,
};
