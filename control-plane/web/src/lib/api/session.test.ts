import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const session = (accessToken: string, expiresAt: Date) => ({
  accessToken,
  accessTokenExpiresAt: expiresAt.toISOString(),
  refreshTokenExpiresAt: new Date(expiresAt.getTime() + 86_400_000).toISOString(),
  user: { id: '6f1c1f1e-0000-4000-8000-000000000001', email: 'ada@acme.example', name: 'Ada' },
  organization: { id: '6f1c1f1e-0000-4000-8000-000000000002', name: 'Acme', role: 'owner' as const },
});

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status < 400 ? 'application/json' : 'application/problem+json' },
  });

// The session module keeps its state in memory, so each test loads a fresh copy against its own fake server.
async function loadSession(server: (request: Request) => Promise<Response>) {
  const calls: Request[] = [];
  vi.stubGlobal('fetch', async (input: Request) => {
    calls.push(input.clone());
    return server(input);
  });
  vi.resetModules();
  return { module: await import('./session'), calls };
}

const now = new Date('2026-12-04T12:00:00Z');
beforeEach(() => vi.useFakeTimers({ now, toFake: ['Date'] }));
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the browser session', () => {
  it('sends the access token while it is fresh, without asking the server', async () => {
    const { module, calls } = await loadSession(async () => json(500, {}));
    module.startSession(session('first', new Date(now.getTime() + 15 * 60_000)));
    expect(await module.currentAccessToken()).toBe('first');
    expect(calls).toHaveLength(0);
  });

  it('refreshes once through the session cookie when the token is about to expire, however many requests wait', async () => {
    const { module, calls } = await loadSession(async () => json(200, session('second', new Date(now.getTime() + 15 * 60_000))));
    module.startSession(session('first', new Date(now.getTime() + 10_000)));
    const tokens = await Promise.all([module.currentAccessToken(), module.currentAccessToken(), module.currentAccessToken()]);
    expect(tokens).toEqual(['second', 'second', 'second']);
    expect(calls).toHaveLength(1);
    const [refresh] = calls;
    expect(new URL(refresh!.url).pathname).toBe('/api/auth/refresh');
    expect(refresh!.headers.get('X-Ophir-Session')).toBe('cookie');
    expect(await refresh!.json()).toEqual({});
  });

  it('signs out when the refresh is refused (a reused or revoked token), and tells the app', async () => {
    const { module } = await loadSession(async () =>
      json(401, { type: 'about:blank', title: 'Unauthorized', status: 401, code: 'token_reused', detail: 'reused' }),
    );
    const changes = vi.fn();
    module.startSession(session('first', new Date(now.getTime() + 5_000)));
    module.onSessionChange(changes);
    expect(await module.currentAccessToken()).toBeNull();
    expect(module.isSignedIn()).toBe(false);
    expect(changes).toHaveBeenCalled();
  });

  it('restores a session on load from a still-valid cookie', async () => {
    const { module } = await loadSession(async () => json(200, session('restored', new Date(now.getTime() + 15 * 60_000))));
    expect(module.isSignedIn()).toBe(false);
    await module.restoreSession();
    expect(module.isSignedIn()).toBe(true);
    expect(await module.currentAccessToken()).toBe('restored');
  });
});
