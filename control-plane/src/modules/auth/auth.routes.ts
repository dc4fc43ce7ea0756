import { route, type AnyRoute } from '../../lib/http/route.js';
import { ForbiddenError, UnauthenticatedError } from '../../lib/errors.js';
import {
  changePasswordBody,
  loginBody,
  meSchema,
  refreshBody,
  registerBody,
  sessionSchema,
  updateMeBody,
  userSchema,
} from './auth.schemas.js';
import type { AuthService } from './auth.service.js';
import type { LoginThrottle } from './loginThrottle.js';
import {
  cookieSessionDescription,
  cookieSessionRefused,
  sessionHeaderName,
  sessionHeaderValue,
  refreshCookieName,
  type SessionCookie,
} from './sessionCookie.js';

const tag = 'Auth';

const cookieRefreshDescription =
  `A browser in a cookie session sends no body and the header \`${sessionHeaderName}: ${sessionHeaderValue}\`: the refresh token is read ` +
  `from the \`${refreshCookieName}\` cookie (the header is required with it, against CSRF: 403 csrf_check_failed without it or from another origin). ` +
  'API clients send the refresh token in the body.';

export function authRoutes(deps: { auth: AuthService; loginThrottle: LoginThrottle; sessionCookie: SessionCookie }): AnyRoute[] {
  const { auth, loginThrottle, sessionCookie } = deps;
  return [
    // POST /api/auth/register
    route({
      method: 'post',
      path: '/api/auth/register',
      access: 'public',
      tag,
      summary: 'Create an account and its organization (you become its owner)',
      description: cookieSessionDescription,
      body: registerBody,
      responses: { 201: { description: 'Signed in', schema: sessionSchema }, 403: cookieSessionRefused },
      middleware: [loginThrottle.addressLimit],
      handler: async ({ body, req, res }) => {
        const cookieSession = sessionCookie.requested(req);
        return { status: 201, body: sessionCookie.answer(res, await auth.register(body), cookieSession) };
      },
    }),
    // POST /api/auth/login
    route({
      method: 'post',
      path: '/api/auth/login',
      access: 'public',
      tag,
      summary: 'Sign in with email and password',
      description: cookieSessionDescription,
      body: loginBody,
      responses: { 200: { description: 'Signed in', schema: sessionSchema }, 403: cookieSessionRefused },
      middleware: [loginThrottle.addressLimit],
      handler: async ({ body, req, res }) => {
        const cookieSession = sessionCookie.requested(req);
        await loginThrottle.countAccountAttempt(body.email);
        const session = await auth.login(body);
        await loginThrottle.accountSignedIn(body.email);
        return { body: sessionCookie.answer(res, session, cookieSession) };
      },
    }),
    // POST /api/auth/refresh
    route({
      method: 'post',
      path: '/api/auth/refresh',
      access: 'public',
      tag,
      summary: 'Exchange a refresh token for a new pair; a reused token revokes its whole family',
      description: `${cookieRefreshDescription} The new refresh token replaces the cookie; a refused one clears it.`,
      body: refreshBody,
      responses: { 200: { description: 'New tokens', schema: sessionSchema }, 403: cookieSessionRefused },
      handler: async ({ body, req, res }) => {
        const cookieSession = sessionCookie.requested(req);
        const presented = sessionCookie.requiredToken(req, { bodyToken: body.refreshToken, cookieSession });
        try {
          return { body: sessionCookie.answer(res, await auth.refresh(presented), cookieSession) };
        } catch (error) {
          // A refused token is of no further use; the browser should not keep sending it.
          if (cookieSession && error instanceof UnauthenticatedError) sessionCookie.clear(res);
          throw error;
        }
      },
    }),
    // POST /api/auth/logout
    route({
      method: 'post',
      path: '/api/auth/logout',
      access: 'public',
      tag,
      summary: 'Sign out the login that a refresh token belongs to',
      description: `${cookieRefreshDescription} Signing out revokes the token's whole family and clears the cookie.`,
      body: refreshBody,
      responses: { 204: { description: 'Signed out' }, 403: cookieSessionRefused },
      handler: async ({ body, req, res }) => {
        const cookieSession = sessionCookie.requested(req);
        const presented = sessionCookie.presentedToken(req, { bodyToken: body.refreshToken, cookieSession });
        if (presented !== undefined) await auth.logout(presented);
        if (cookieSession) sessionCookie.clear(res);
      },
    }),
    // GET /api/me
    route({
      method: 'get',
      path: '/api/me',
      access: 'viewer',
      tag,
      summary: 'Who is calling, in which organization, with which role',
      responses: { 200: { description: 'The caller', schema: meSchema } },
      handler: async ({ auth: caller }) => ({ body: await auth.describeCaller(caller) }),
    }),
    // PATCH /api/me
    route({
      method: 'patch',
      path: '/api/me',
      access: 'viewer',
      tag,
      summary: 'Change your name',
      body: updateMeBody,
      responses: { 200: { description: 'Your account', schema: userSchema } },
      handler: async ({ auth: caller, body }) => ({ body: await auth.rename(signedInUser(caller.userId), body.name) }),
    }),
    // POST /api/me/password
    route({
      method: 'post',
      path: '/api/me/password',
      access: 'viewer',
      tag,
      summary: 'Change your password: every session of the account ends, and this one goes on with new tokens',
      description: `A wrong current password is 400 with the issue on \`currentPassword\`. ${cookieSessionDescription}`,
      body: changePasswordBody,
      responses: { 200: { description: 'A new session', schema: sessionSchema }, 403: cookieSessionRefused },
      handler: async ({ auth: caller, body, req, res }) => {
        const cookieSession = sessionCookie.requested(req);
        const session = await auth.changePassword({ userId: signedInUser(caller.userId), organizationId: caller.organizationId, ...body });
        return { body: sessionCookie.answer(res, session, cookieSession) };
      },
    }),
  ];
}

/** Account routes act on a person: an API key has none. */
function signedInUser(userId: string | undefined): string {
  if (!userId) throw new ForbiddenError('An API key has no account to change; sign in as a person');
  return userId;
}
