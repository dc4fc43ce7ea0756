import { signPayload } from '../lib/http/signature.js';
import { callbackSigningSecretName } from '../modules/platform/platformSecrets.js';
import type { TestApp } from './testApp.js';

/** Calls a signed /api/internal/n8n endpoint as our n8n nodes do. */
export async function callAsN8n(t: TestApp, path: string, body: unknown) {
  const secret = await t.app.platformSecrets.getOrCreate(callbackSigningSecretName);
  const raw = JSON.stringify(body);
  const timestamp = Math.floor(Date.now() / 1000);
  return t.http
    .post(path)
    .set('content-type', 'application/json')
    .set('X-Ophir-Timestamp', String(timestamp))
    .set('X-Ophir-Signature', signPayload(secret, timestamp, raw))
    .send(raw);
}
