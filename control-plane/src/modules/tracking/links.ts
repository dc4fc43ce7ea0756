import { constantTimeEqual, hmacSha256Hex } from '../../lib/crypto.js';

export const trackingLinkSecretName = 'tracking.link_secret';

/**
 * Signed per-message links (unsubscribe, open pixel, click redirect): the token names the message
 * and proves we issued it, so links cannot be forged or pointed elsewhere.
 */
export class TrackingLinks {
  constructor(private readonly options: { publicUrl: string; secret: () => Promise<string> }) {}

  async token(kind: 'u' | 'o' | 'c', messageId: string): Promise<string> {
    const signature = hmacSha256Hex(await this.options.secret(), `${kind}:${messageId}`).slice(0, 32);
    return `${messageId}.${signature}`;
  }

  /** The message id a token names, or undefined when it was not signed by us. */
  async verify(kind: 'u' | 'o' | 'c', token: string): Promise<string | undefined> {
    const [messageId, signature] = token.split('.');
    if (!messageId || !signature) return undefined;
    const expected = hmacSha256Hex(await this.options.secret(), `${kind}:${messageId}`).slice(0, 32);
    return constantTimeEqual(signature, expected) ? messageId : undefined;
  }

  async unsubscribeUrl(messageId: string): Promise<string> {
    return `${this.options.publicUrl.replace(/\/+$/, '')}/u/${await this.token('u', messageId)}`;
  }
}
