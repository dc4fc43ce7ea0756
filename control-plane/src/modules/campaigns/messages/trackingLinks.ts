import { createSecretKey, type KeyObject } from 'node:crypto';
import { constantTimeEqual, hmacSha256Hex } from '../../../lib/crypto.js';
import { rewriteHtmlForTracking } from './htmlTracking.js';

export const trackingLinkSecretName = 'tracking.link_secret';

const signatureLength = 32;

const signatureOf = (key: KeyObject, payload: string) => hmacSha256Hex(key, payload).slice(0, signatureLength);

/** Only web links are wrapped or followed: a signed token can never redirect to javascript: or data:. */
export function isTrackableUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Signed per-message links (unsubscribe, open pixel, click redirect): the token names the message
 * and proves we issued it, so links cannot be forged or pointed elsewhere. A click token also signs
 * its target URL, so the redirect only ever goes where our own message pointed.
 */
/** A message's links signed without waiting: what a claim uses for hundreds of messages after one key read. */
export interface MessageLinkSigner {
  unsubscribeUrl(messageId: string): string;
  applyTracking(options: { html: string; messageId: string; trackOpens: boolean; trackClicks: boolean }): string;
}

export class TrackingLinks {
  private readonly baseUrl: string;
  /** The HMAC key of the secret last read: a claim signs several links per message, all with one secret. */
  private signingKey: { secret: string; key: KeyObject } | undefined;

  constructor(private readonly options: { publicUrl: string; secret: () => Promise<string> }) {
    this.baseUrl = options.publicUrl.replace(/\/+$/, '');
  }

  private async key(): Promise<KeyObject> {
    const secret = await this.options.secret();
    if (this.signingKey?.secret !== secret) this.signingKey = { secret, key: createSecretKey(secret, 'utf8') };
    return this.signingKey.key;
  }

  private async sign(payload: string): Promise<string> {
    return signatureOf(await this.key(), payload);
  }

  private tokenWith(key: KeyObject, kind: 'u' | 'o', messageId: string): string {
    return `${messageId}.${signatureOf(key, `${kind}:${messageId}`)}`;
  }

  private clickTokenWith(key: KeyObject, messageId: string, url: string): string {
    return `${messageId}.${Buffer.from(url, 'utf8').toString('base64url')}.${signatureOf(key, `c:${messageId}:${url}`)}`;
  }

  private openPixelUrl(key: KeyObject, messageId: string): string {
    return `${this.baseUrl}/o/${this.tokenWith(key, 'o', messageId)}`;
  }

  private clickUrl(key: KeyObject, messageId: string, url: string): string {
    return `${this.baseUrl}/c/${this.clickTokenWith(key, messageId, url)}`;
  }

  async token(kind: 'u' | 'o', messageId: string): Promise<string> {
    return this.tokenWith(await this.key(), kind, messageId);
  }

  /** The message id a token names, or undefined when it was not signed by us. */
  async verify(kind: 'u' | 'o', token: string): Promise<string | undefined> {
    const [messageId, signature, ...rest] = token.split('.');
    if (!messageId || !signature || rest.length > 0) return undefined;
    return constantTimeEqual(signature, await this.sign(`${kind}:${messageId}`)) ? messageId : undefined;
  }

  async clickToken(messageId: string, url: string): Promise<string> {
    return this.clickTokenWith(await this.key(), messageId, url);
  }

  /** The message and target a click token names, or undefined when either was not signed by us. */
  async verifyClick(token: string): Promise<{ messageId: string; url: string } | undefined> {
    const [messageId, encodedUrl, signature, ...rest] = token.split('.');
    if (!messageId || !encodedUrl || !signature || rest.length > 0) return undefined;
    const url = Buffer.from(encodedUrl, 'base64url').toString('utf8');
    if (!constantTimeEqual(signature, await this.sign(`c:${messageId}:${url}`))) return undefined;
    return isTrackableUrl(url) ? { messageId, url } : undefined;
  }

  async unsubscribeUrl(messageId: string): Promise<string> {
    return this.unsubscribeUrlWith(await this.key(), messageId);
  }

  private unsubscribeUrlWith(key: KeyObject, messageId: string): string {
    return `${this.baseUrl}/u/${this.tokenWith(key, 'u', messageId)}`;
  }

  /** Signs with the secret as read now: one read for a whole claim instead of a promise per link. */
  async signer(): Promise<MessageLinkSigner> {
    const key = await this.key();
    return {
      unsubscribeUrl: (messageId) => this.unsubscribeUrlWith(key, messageId),
      applyTracking: (options) => this.trackedHtml(key, options),
    };
  }

  /** Our own links (unsubscribe, already-tracked links) are never wrapped: a scanner's click must not look like engagement. */
  isOwnUrl(url: string): boolean {
    return url === this.baseUrl || url.startsWith(`${this.baseUrl}/`);
  }

  /**
   * The HTML body with an open pixel and/or wrapped links, as the campaign asks (the signer's
   * applyTracking). Plain-text bodies are never passed here: rewriting them would put long tracking URLs
   * in front of the reader. One key for the message's links: signing needs no waiting, so each link is
   * wrapped as the rewrite reaches it (once per distinct target), in a single pass over the body.
   */
  private trackedHtml(key: KeyObject, options: { html: string; messageId: string; trackOpens: boolean; trackClicks: boolean }): string {
    const { html, messageId } = options;
    if (!options.trackOpens && !options.trackClicks) return html;
    const clickTargets = new Map<string, string | undefined>();
    const wrapLink = (url: string) => {
      if (!clickTargets.has(url))
        clickTargets.set(url, isTrackableUrl(url) && !this.isOwnUrl(url) ? this.clickUrl(key, messageId, url) : undefined);
      return clickTargets.get(url);
    };
    return rewriteHtmlForTracking(html, {
      pixelUrl: options.trackOpens ? this.openPixelUrl(key, messageId) : undefined,
      wrapLink: options.trackClicks ? wrapLink : () => undefined,
    });
  }
}
