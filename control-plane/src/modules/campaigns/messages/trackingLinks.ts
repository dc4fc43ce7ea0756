import { constantTimeEqual, hmacSha256Hex } from '../../../lib/crypto.js';
import { linkTargets, rewriteHtmlForTracking } from './htmlTracking.js';

export const trackingLinkSecretName = 'tracking.link_secret';

const signatureLength = 32;

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
export class TrackingLinks {
  private readonly baseUrl: string;

  constructor(private readonly options: { publicUrl: string; secret: () => Promise<string> }) {
    this.baseUrl = options.publicUrl.replace(/\/+$/, '');
  }

  private async sign(payload: string): Promise<string> {
    return hmacSha256Hex(await this.options.secret(), payload).slice(0, signatureLength);
  }

  async token(kind: 'u' | 'o', messageId: string): Promise<string> {
    return `${messageId}.${await this.sign(`${kind}:${messageId}`)}`;
  }

  /** The message id a token names, or undefined when it was not signed by us. */
  async verify(kind: 'u' | 'o', token: string): Promise<string | undefined> {
    const [messageId, signature, ...rest] = token.split('.');
    if (!messageId || !signature || rest.length > 0) return undefined;
    return constantTimeEqual(signature, await this.sign(`${kind}:${messageId}`)) ? messageId : undefined;
  }

  async clickToken(messageId: string, url: string): Promise<string> {
    return `${messageId}.${Buffer.from(url, 'utf8').toString('base64url')}.${await this.sign(`c:${messageId}:${url}`)}`;
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
    return `${this.baseUrl}/u/${await this.token('u', messageId)}`;
  }

  async openPixelUrl(messageId: string): Promise<string> {
    return `${this.baseUrl}/o/${await this.token('o', messageId)}`;
  }

  async clickUrl(messageId: string, url: string): Promise<string> {
    return `${this.baseUrl}/c/${await this.clickToken(messageId, url)}`;
  }

  /** Our own links (unsubscribe, already-tracked links) are never wrapped: a scanner's click must not look like engagement. */
  isOwnUrl(url: string): boolean {
    return url === this.baseUrl || url.startsWith(`${this.baseUrl}/`);
  }

  /**
   * The HTML body with an open pixel and/or wrapped links, as the campaign asks. Plain-text bodies
   * are never passed here: rewriting them would put long tracking URLs in front of the reader.
   */
  async applyTracking(options: { html: string; messageId: string; trackOpens: boolean; trackClicks: boolean }): Promise<string> {
    const { html, messageId } = options;
    if (!options.trackOpens && !options.trackClicks) return html;
    const clickTargets = new Map<string, string>();
    if (options.trackClicks) {
      for (const url of linkTargets(html)) {
        if (isTrackableUrl(url) && !this.isOwnUrl(url) && !clickTargets.has(url))
          clickTargets.set(url, await this.clickUrl(messageId, url));
      }
    }
    return rewriteHtmlForTracking(html, {
      pixelUrl: options.trackOpens ? await this.openPixelUrl(messageId) : undefined,
      wrapLink: (url) => clickTargets.get(url),
    });
  }
}
