import { describe, expect, it } from 'vitest';
import { ConnectCookies, readBrowserBinding } from './connectCookie.js';

describe('connect cookies', () => {
  it('are Secure when the callback is served over https, and scoped to its path', () => {
    const cookie = new ConnectCookies('https://ophir.example/prefix/api/oauth2/google/callback').binding('state-1', 'binding-1', 600_000);
    expect(cookie.options).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/prefix/api/oauth2/google/callback',
      maxAge: 600_000,
    });
    expect(new ConnectCookies('http://127.0.0.1:3000/api/oauth2/google/callback').binding('s', 'b', 1).options.secure).toBe(false);
  });

  it("are read back by the state's own name only", () => {
    const cookies = new ConnectCookies('http://127.0.0.1:3000/api/oauth2/google/callback');
    const mine = cookies.binding('state-1', 'binding-1', 1);
    const other = cookies.binding('state-2', 'binding-2', 1);
    const header = `${other.name}=${other.value}; theme=dark; ${mine.name}=${mine.value}`;
    expect(readBrowserBinding(header, 'state-1')).toBe('binding-1');
    expect(readBrowserBinding(header, 'state-3')).toBeUndefined();
    expect(readBrowserBinding(undefined, 'state-1')).toBeUndefined();
  });
});
