import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { EncryptedValue, SecretBox } from '../../lib/crypto.js';

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64, what its libraries take as is. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const boundTo = (endpointId: string) => `webhook_endpoint:${endpointId}`;

export function sealWebhookSecret(box: SecretBox, endpointId: string, secret: string): EncryptedValue {
  return box.seal(secret, boundTo(endpointId));
}

export function openWebhookSecret(box: SecretBox, endpointId: string, sealed: EncryptedValue): string {
  return box.open(sealed, boundTo(endpointId));
}

/**
 * The `webhook-signature` header: one `v1,<base64>` per secret, space-separated, so during a rotation a
 * receiver holding either the old or the new secret finds a signature it can check.
 */
export function signatureHeader(secrets: string[], webhookId: string, timestamp: Date, body: string): string {
  return secrets.map((secret) => new Webhook(secret).sign(webhookId, timestamp, body)).join(' ');
}
