import type { CookieOptions } from 'express';
import { sha256Hex } from '../../../lib/crypto.js';

/** A cookie for the route to set or clear; kept as data so the connect flow itself stays free of HTTP. */
export interface ConnectCookie {
  name: string;
  value: string;
  options: CookieOptions;
}

/**
 * Where a connect's browser binding lives: one cookie per connect (named after its state, so two
 * tabs do not overwrite each other), httpOnly, SameSite=Lax (the provider's redirect back is a
 * top-level navigation, which still carries it), Secure on https, and sent only to the callback path.
 */
export class ConnectCookies {
  constructor(private readonly callbackUrl: string) {}

  private options(): CookieOptions {
    const url = new URL(this.callbackUrl);
    return { httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:', path: url.pathname };
  }

  binding(state: string, browserBinding: string, maxAgeMs: number): ConnectCookie {
    return { name: cookieName(state), value: browserBinding, options: { ...this.options(), maxAge: maxAgeMs } };
  }

  cleared(state: string): ConnectCookie {
    return { name: cookieName(state), value: '', options: { ...this.options(), maxAge: 0 } };
  }
}

function cookieName(state: string): string {
  return `ophir_connect_${sha256Hex(state).slice(0, 16)}`;
}

/** The browser binding a callback request carries for this state, if any. */
export function readBrowserBinding(cookieHeader: string | undefined, state: string): string | undefined {
  const name = cookieName(state);
  for (const pair of (cookieHeader ?? '').split(';')) {
    const separator = pair.indexOf('=');
    // Our values are base64url, which cookies carry unencoded.
    if (separator > 0 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}
