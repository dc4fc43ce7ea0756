import type { IAuthenticateGeneric, ICredentialTestRequest, ICredentialType, INodeProperties, Icon } from 'n8n-workflow';

import { baseUrlField } from '../nodes/shared/baseUrlField';

/**
 * An organization's access to the Ophir API: the control plane's base URL and an API key (`ophir_…`) of an
 * admin, which the Ophir Trigger uses to register and remove its webhook subscription.
 */
export class OphirApi implements ICredentialType {
	name = 'ophirApi';

	displayName = 'Ophir API';

	icon: Icon = { light: 'file:ophir.svg', dark: 'file:ophir.dark.svg' };

	documentationUrl = 'https://github.com/ophir-email/ophir/blob/main/docs/integrations.md#the-ophir-trigger-node';

	properties: INodeProperties[] = [
		baseUrlField,
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'An API key of your organization with the admin role (Settings > API keys)',
			required: true,
		},
	];

	authenticate: IAuthenticateGeneric = {
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiKey}}' } },
	};

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/webhooks/endpoints',
			method: 'GET',
		},
	};
}
