// Integration: the control plane serves the built web app on its own origin, and nothing of the API changes for it.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/testApp.js';

let built: TestApp;
let missing: TestApp;
let dir: string;
const indexHtml =
  '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ophir-web-'));
  await mkdir(path.join(dir, 'assets'));
  await writeFile(path.join(dir, 'index.html'), indexHtml);
  await writeFile(path.join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
  built = await createTestApp({ webAppDir: dir });
  missing = await createTestApp({ webAppDir: path.join(dir, 'not-built') });
});
afterAll(async () => {
  await built.close();
  await missing.close();
  await rm(dir, { recursive: true, force: true });
});

describe('the web app on the API origin', () => {
  it('answers index.html, revalidated on every load, at / and at the client routes', async () => {
    for (const page of ['/', '/mailboxes', '/settings/members']) {
      const response = await built.http.get(page).set('Accept', 'text/html');
      expect(response.status, page).toBe(200);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.headers['cache-control']).toBe('no-cache');
      expect(response.text).toBe(indexHtml);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
    }
  });

  it('caches hashed assets for a year as immutable', async () => {
    const response = await built.http.get('/assets/index-abc123.js');
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(response.headers['content-type']).toContain('javascript');
  });

  it('never answers the page for the API, health, metrics, tracking paths or a missing asset', async () => {
    const apiMiss = await built.http.get('/api/no-such-route').set('Accept', 'text/html');
    expect(apiMiss.status).toBe(404);
    expect(apiMiss.body.code).toBe('route_not_found');
    expect((await built.http.get('/healthz').set('Accept', 'text/html')).text).not.toContain('<div id="root">');
    expect((await built.http.get('/metrics').set('Accept', 'text/html')).text).not.toContain('<div id="root">');
    for (const serverPath of ['/u/unknown-token', '/o/unknown-token', '/c/unknown-token', '/assets/index-gone.js']) {
      const response = await built.http.get(serverPath).set('Accept', 'text/html');
      expect(response.text, serverPath).not.toContain('<div id="root">');
    }
    expect((await built.http.get('/assets/index-gone.js')).status).toBe(404);
  });

  it('says to run npm install when the app is not built', async () => {
    const response = await missing.http.get('/').set('Accept', 'text/html');
    expect(response.status).toBe(503);
    expect(response.text).toContain('npm install');
    expect((await missing.http.get('/api/openapi.json')).status).toBe(200);
  });
});
