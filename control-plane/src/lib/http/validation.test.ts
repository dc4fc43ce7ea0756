// Integration: the error contract of the real app (supertest, real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

function expectProblem(
  response: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
  status: number,
  code: string,
) {
  expect(response.status).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.body).toMatchObject({ status, code, type: `https://ophir.dev/problems/${code}` });
  expect(JSON.stringify(response.body)).not.toMatch(/\bat .+\.(ts|js):\d+/);
}

describe('the error contract', () => {
  it('answers malformed JSON with 400 invalid_json', async () => {
    const response = await t.http.post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": ');
    expectProblem(response, 400, 'invalid_json');
  });

  it('names the field for wrong types', async () => {
    const response = await t.http
      .post('/api/auth/register')
      .send({ email: 'a@b.co', password: 12345678901, name: 'A', organizationName: 'B' });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.issues).toEqual([expect.objectContaining({ path: 'password' })]);
  });

  it('names unknown fields', async () => {
    const response = await t.http.post('/api/auth/login').send({ email: 'a@b.co', password: 'x', isAdmin: true });
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.issues).toEqual([{ path: 'isAdmin', in: 'body', message: 'Unknown field' }]);
  });

  it('answers a body that is not JSON on a JSON route with 415, and a body on a route that takes none with its fields', async () => {
    const text = await t.http.post('/api/auth/login').set('Content-Type', 'text/plain').send('email=a@b.co');
    expectProblem(text, 415, 'unsupported_media_type');
    const owner = await signUp(t.http);
    const bodied = await t.http.get('/api/me').set(owner.auth).send({ organizationId: 'x' });
    expectProblem(bodied, 400, 'validation_failed');
    expect(bodied.body.issues).toEqual([{ path: 'organizationId', in: 'body', message: 'Unknown field: this route takes no body' }]);
    expect((await t.http.get('/api/me').set(owner.auth).send({})).status).toBe(200);
  });

  it('validates query strings', async () => {
    const owner = await signUp(t.http);
    const response = await t.http.get('/api/audit-log?limit=zero').set(owner.auth);
    expectProblem(response, 400, 'validation_failed');
    expect(response.body.issues[0]).toMatchObject({ path: 'limit', in: 'query' });
  });

  it('answers unknown routes with 404 problem+json', async () => {
    expectProblem(await t.http.get('/api/does-not-exist'), 404, 'route_not_found');
    expectProblem(await t.http.delete('/api/me'), 404, 'route_not_found');
  });

  it('answers a malformed id like a missing one', async () => {
    const owner = await signUp(t.http);
    expectProblem(await t.http.delete('/api/api-keys/not-a-uuid').set(owner.auth), 404, 'not_found');
  });

  it('echoes a request id and uses it in problems', async () => {
    const response = await t.http.get('/api/nope').set('X-Request-Id', 'req-123');
    expect(response.headers['x-request-id']).toBe('req-123');
    expect(response.body.requestId).toBe('req-123');
  });
});

describe('probes and documents', () => {
  it('serves liveness, readiness and metrics', async () => {
    expect((await t.http.get('/healthz')).body).toEqual({ status: 'ok' });
    expect((await t.http.get('/readyz?check=database')).body).toEqual({ status: 'ready', checks: { database: { status: 'ok' } } });
    const metrics = await t.http.get('/metrics');
    expect(metrics.text).toContain('http_requests_total');
    expect(metrics.text).toContain('route="/api/auth/login"');
  });

  it('serves an OpenAPI 3.1 document generated from the request schemas', async () => {
    const response = await t.http.get('/api/openapi.json');
    expect(response.body.openapi).toBe('3.1.0');
    const register = response.body.paths['/api/auth/register'].post;
    expect(register.requestBody.content['application/json'].schema.$ref).toBe('#/components/schemas/RegisterRequest');
    expect(response.body.components.schemas.RegisterRequest.required).toEqual(expect.arrayContaining(['email', 'password']));
    expect(response.body.paths['/api/members/{membershipId}'].patch.parameters[0]).toMatchObject({ name: 'membershipId', in: 'path' });
  });
});
