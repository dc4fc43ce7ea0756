import createClient, { type Middleware } from 'openapi-fetch';
import { ApiError, isProblem, unreachableProblem } from './problem';
import type { paths } from './schema';
import { cookieSessionHeaders, currentAccessToken, sessionRejected } from './session';

const authRoutePrefix = '/api/auth/';

const authorize: Middleware = {
  async onRequest({ request }) {
    if (new URL(request.url).pathname.startsWith(authRoutePrefix)) {
      // Signing in or registering opens a cookie session: the refresh token is set as an httpOnly cookie, never given to script.
      for (const [name, value] of Object.entries(cookieSessionHeaders)) request.headers.set(name, value);
      return request;
    }
    const token = await currentAccessToken();
    if (token !== null) request.headers.set('Authorization', `Bearer ${token}`);
    return request;
  },
  onResponse({ request, response }) {
    if (response.status === 401 && !new URL(request.url).pathname.startsWith(authRoutePrefix)) sessionRejected();
    return undefined;
  },
};

/** The one API client: typed from the control plane's OpenAPI document (schema.ts is generated). */
export const api = createClient<paths>();
api.use(authorize);

/** The data of a successful call, or an ApiError carrying the problem document. */
export async function dataOf<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok && data !== undefined) return data;
  throw new ApiError(isProblem(error) ? error : unreachableProblem(response.status));
}

/** For calls answered 204 No Content: resolves when done, or throws an ApiError carrying the problem document. */
export async function doneOf(call: Promise<{ error?: unknown; response: Response }>): Promise<void> {
  const { error, response } = await call;
  if (response.ok) return;
  throw new ApiError(isProblem(error) ? error : unreachableProblem(response.status));
}
