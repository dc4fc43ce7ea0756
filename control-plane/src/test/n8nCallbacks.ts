import { randomBytes } from 'node:crypto';
import { signRequest } from '../lib/http/signature.js';
import { callbackSigningSecretName } from '../modules/platform/platformSecrets.js';
import type { TestApp } from './testApp.js';

/** The signature headers our n8n credential adds (custom-nodes/README.md "Signing"): fresh timestamp and nonce per call. */
export function n8nSignatureHeaders(secret: string, request: { method: string; target: string; rawBody: string }): Record<string, string> {
  const timestamp = Math.floor(Date.now() / 1000);
  const nonce = randomBytes(16).toString('base64url');
  return {
    'X-Ophir-Timestamp': String(timestamp),
    'X-Ophir-Nonce': nonce,
    'X-Ophir-Signature': signRequest(secret, { ...request, timestamp, nonce }),
  };
}

/** Calls a signed /api/internal/n8n endpoint as our n8n nodes do. */
export async function callAsN8n(t: TestApp, path: string, body: unknown) {
  const secret = await t.app.platformSecrets.getOrCreate(callbackSigningSecretName);
  const raw = JSON.stringify(body);
  return t.http
    .post(path)
    .set('content-type', 'application/json')
    .set(n8nSignatureHeaders(secret, { method: 'POST', target: path, rawBody: raw }))
    .send(raw);
}
