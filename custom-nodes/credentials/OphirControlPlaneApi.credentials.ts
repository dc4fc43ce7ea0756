import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { baseUrlField } from '../nodes/shared/baseUrlField';
import { buildSignatureHeaders } from '../nodes/shared/signing';

/**
 * The path and query the control plane will see on the request line: query parameters are written
 * into the URL here, so the signed string is the one sent rather than a serialiser's later choice.
 */
function requestTarget(requestOptions: IHttpRequestOptions): string {
	const url = new URL(requestOptions.url, 'http://control-plane.invalid');
	for (const [name, value] of Object.entries(requestOptions.qs ?? {})) url.searchParams.append(name, String(value));
	return `${url.pathname}${url.search}`;
}

/**
 * Base URL and signing secret of the Ophir control plane. Every request made with it is signed
 * (see README "Signing"); mailbox tokens are brokered per send, never stored here.
 */
export class OphirControlPlaneApi implements ICredentialType {
	name = 'ophirControlPlaneApi';

	displayName = 'Ophir Control Plane API';

	icon: Icon = { light: 'file:ophir.svg', dark: 'file:ophir.dark.svg' };

	documentationUrl = 'https://github.com/ophir-email/ophir/tree/main/custom-nodes#credential';

	properties: INodeProperties[] = [
		baseUrlField,
		{
			displayName: 'Signing Secret',
			name: 'signingSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			description: 'Shared secret used to sign every request with HMAC-SHA256; the same value as the control plane setting for n8n',
			required: true,
		},
	];

	async authenticate(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
		// Sign the exact string that goes on the wire: objects are serialised here, once.
		const rawBody =
			requestOptions.body === undefined || requestOptions.body === null
				? ''
				: typeof requestOptions.body === 'string'
					? requestOptions.body
					: JSON.stringify(requestOptions.body);
		const target = requestTarget(requestOptions);
		const method = requestOptions.method ?? 'GET';
		return {
			...requestOptions,
			method,
			baseURL: String(credentials.baseUrl).replace(/\/+$/, ''),
			url: target,
			qs: undefined,
			body: rawBody === '' ? requestOptions.body : rawBody,
			headers: {
				...requestOptions.headers,
				...buildSignatureHeaders(String(credentials.signingSecret), { method, target, rawBody }),
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl.replace(/\\/+$/, "")}}',
			url: '/api/internal/n8n/ping',
			method: 'GET',
		},
	};
}
