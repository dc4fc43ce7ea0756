import type { Request, Response } from 'express';
import { AppError, UnauthenticatedError, ValidationError } from '../../lib/errors.js';
import type { Session } from './auth.service.js';

/** The cookie that holds a browser's refresh token; sent back by the browser to the auth routes only. */
export const refreshCookieName = 'ophir_refresh';
/** The request header that asks for a cookie session, and the proof against CSRF that a cookie-authenticated request must carry. */
export const sessionHeaderName = 'X-Ophir-Session';
export const sessionHeaderValue = 'cookie';
const refreshCookiePath = '/api/auth';

/** A session as answered: in a cookie session the refresh token is in the cookie, never in the body. */
export type AnsweredSession = Omit<Session, 'refreshToken'> & { refreshToken?: string };

/**
 * Browser sessions (docs/security.md, "Tenants and accounts"). A browser asks for one with
 * `X-Ophir-Session: cookie`: its refresh token then travels only in an httpOnly, SameSite=Strict cookie
 * scoped to /api/auth, so script on the page never sees it. A cookie is sent by the browser on its own, so
 * a request it authenticates must prove it comes from our page: the custom header cannot be sent
 * cross-site without a CORS preflight, which this API never grants, and an Origin, when the browser sends
 * one, must be ours. API clients keep sending the refresh token in the body and never meet a cookie.
 */
export class SessionCookie {
  private readonly secure: boolean;
  private readonly publicOrigin: string | undefined;

  constructor(options: { publicUrl: string | undefined }) {
    this.secure = options.publicUrl?.startsWith('https:') ?? false;
    this.publicOrigin = options.publicUrl ? new URL(options.publicUrl).origin : undefined;
  }

  /** Whether the request asks for a cookie session; one sent from another origin is refused. */
  requested(req: Request): boolean {
    if (req.get(sessionHeaderName) !== sessionHeaderValue) return false;
    const origin = req.get('Origin');
    if (origin !== undefined && !this.isOwnOrigin(origin, req)) {
      throw new AppError('csrf_check_failed', `A cookie session is refused from ${origin}: it is not this site's origin`);
    }
    return true;
  }

  /** The refresh token presented: the body's, or in a cookie session the cookie's. */
  presentedToken(req: Request, options: { bodyToken: string | undefined; cookieSession: boolean }): string | undefined {
    const cookieToken = readCookie(req, refreshCookieName);
    if (options.cookieSession) {
      if (options.bodyToken !== undefined) {
        throw new ValidationError([
          {
            path: 'refreshToken',
            message: `In a cookie session (${sessionHeaderName}: ${sessionHeaderValue}) the refresh token comes from its cookie: leave it out of the body`,
          },
        ]);
      }
      return cookieToken;
    }
    if (options.bodyToken !== undefined) return options.bodyToken;
    if (cookieToken !== undefined) {
      throw new AppError(
        'csrf_check_failed',
        `The session cookie is accepted only with the ${sessionHeaderName}: ${sessionHeaderValue} header`,
      );
    }
    throw new ValidationError([
      {
        path: 'refreshToken',
        message: `Required: the refresh token, or a session cookie with the ${sessionHeaderName}: ${sessionHeaderValue} header`,
      },
    ]);
  }

  /** The refresh token presented, which must be there: refreshing without one is signing in again. */
  requiredToken(req: Request, options: { bodyToken: string | undefined; cookieSession: boolean }): string {
    const token = this.presentedToken(req, options);
    if (token === undefined) throw new UnauthenticatedError('There is no session cookie: sign in again');
    return token;
  }

  /** The session as the caller gets it: in a cookie session, its refresh token moves from the body into the cookie. */
  answer(res: Response, session: Session, cookieSession: boolean): AnsweredSession {
    if (!cookieSession) return session;
    res.cookie(refreshCookieName, session.refreshToken, {
      httpOnly: true,
      secure: this.secure,
      sameSite: 'strict',
      path: refreshCookiePath,
      expires: new Date(session.refreshTokenExpiresAt),
    });
    const { refreshToken: _inCookie, ...body } = session;
    return body;
  }

  clear(res: Response): void {
    res.clearCookie(refreshCookieName, { httpOnly: true, secure: this.secure, sameSite: 'strict', path: refreshCookiePath });
  }

  private isOwnOrigin(origin: string, req: Request): boolean {
    if (this.publicOrigin) return origin === this.publicOrigin;
    // Without PUBLIC_URL the site is wherever the browser reached it: a browser sets Host itself, so a
    // page elsewhere cannot make the two agree.
    return URL.canParse(origin) && new URL(origin).host === req.get('Host');
  }
}

/** One cookie's value from the Cookie header (RFC 6265: `name=value` pairs separated by `; `). */
function readCookie(req: Request, name: string): string | undefined {
  for (const pair of (req.get('Cookie') ?? '').split(';')) {
    const separator = pair.indexOf('=');
    if (separator !== -1 && pair.slice(0, separator).trim() === name) {
      const value = pair.slice(separator + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

/** How a route that opens a session answers a browser, for its OpenAPI description. */
export const cookieSessionDescription =
  `A browser sends \`${sessionHeaderName}: ${sessionHeaderValue}\` for a cookie session: the refresh token is then set in the httpOnly, ` +
  `SameSite=Strict \`${refreshCookieName}\` cookie (Path=${refreshCookiePath}; Secure when PUBLIC_URL is https) and left out of the body, ` +
  'so script never sees it; keep the access token in memory. Refused with 403 csrf_check_failed when the Origin header names another site. ' +
  'Without the header (API clients), the refresh token is in the body and no cookie is set.';

export const cookieSessionRefused = {
  description: `csrf_check_failed: the session cookie sent without \`${sessionHeaderName}: ${sessionHeaderValue}\`, or a cookie session asked for from another origin`,
};
