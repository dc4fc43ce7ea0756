// Integration: every route of the OpenAPI document, sent a wrong body (and a wrong query where it takes one),
// answers the one error shape: problem+json with a stable code and issues[] whose paths are relative to the body.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorStatus } from '../errors.js';
import { problemTitles } from './problem.js';
import { callbackSigningSecretName } from '../../modules/platform/platformSecrets.js';
import { n8nSignatureHeaders } from '../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../test/testApp.js';

interface SchemaObject {
  $ref?: string;
  type?: string | string[];
  format?: string;
  enum?: unknown[];
  pattern?: string;
  maxLength?: number;
  properties?: Record<string, SchemaObject>;
  anyOf?: SchemaObject[];
  oneOf?: SchemaObject[];
  allOf?: SchemaObject[];
}
interface Parameter {
  name: string;
  in: string;
  schema: SchemaObject;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: SchemaObject }> };
  responses: Record<string, { content?: Record<string, { schema: SchemaObject }> }>;
  security?: Array<Record<string, string[]>>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, SchemaObject> };
}

let t: TestApp;
let owner: SignedUp;
let document: OpenApiDocument;
let signingSecret: string;

beforeAll(async () => {
  t = await createTestApp();
  owner = await signUp(t.http);
  document = (await t.http.get('/api/openapi.json')).body;
  signingSecret = await t.app.platformSecrets.getOrCreate(callbackSigningSecretName);
});
afterAll(() => t.close());

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

function operations(): Array<{ method: (typeof methods)[number]; path: string; operation: Operation }> {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    methods.flatMap((method) => (item[method] ? [{ method, path, operation: item[method]! }] : [])),
  );
}

function resolve(schema: SchemaObject): SchemaObject {
  if (schema.$ref) return resolve(document.components.schemas[schema.$ref.split('/').at(-1)!]!);
  const merged = schema.allOf?.map(resolve).find((part) => part.properties);
  return merged ?? schema;
}

/** A value no schema of this kind accepts: the other JSON type, or a string outside the format, set or length. */
function wrongValue(raw: SchemaObject): unknown {
  const schema = resolve(raw);
  const variants = schema.anyOf ?? schema.oneOf;
  if (variants) return variants.some((variant) => resolve(variant).type === 'object') ? 12345 : { not: 'this' };
  const type = Array.isArray(schema.type) ? schema.type.find((kind) => kind !== 'null') : schema.type;
  if (type === 'string') return 12345;
  if (type === 'object') return 'not an object';
  return 'not a number, boolean or list';
}

/** A query value this parameter refuses, or undefined when any text is accepted. */
function wrongQueryValue(raw: SchemaObject): string | undefined {
  const schema = resolve(raw);
  const type = Array.isArray(schema.type) ? schema.type.find((kind) => kind !== 'null') : schema.type;
  if (type === 'integer' || type === 'number') return 'not-a-number';
  if (schema.enum) return 'not-one-of-them';
  if (schema.format) return 'not-a-valid-value';
  if (schema.maxLength !== undefined) return 'x'.repeat(schema.maxLength + 1);
  return undefined;
}

function wrongBody(operation: Operation): unknown {
  const json = operation.requestBody?.content['application/json'];
  if (!json) return { unexpectedField: true };
  const schema = resolve(json.schema);
  return {
    ...Object.fromEntries(Object.entries(schema.properties ?? {}).map(([name, property]) => [name, wrongValue(property)])),
    unexpectedField: true,
  };
}

function send(method: (typeof methods)[number], target: string, operation: Operation, body: unknown) {
  const raw = JSON.stringify(body);
  const request = t.http[method](target).set('Content-Type', 'application/json');
  const security = operation.security?.[0];
  if (security?.bearer) request.set(owner.auth);
  if (security?.n8nSignature) request.set(n8nSignatureHeaders(signingSecret, { method: method.toUpperCase(), target, rawBody: raw }));
  return request.send(raw);
}

function expectOneErrorShape(label: string, response: { status: number; headers: Record<string, string>; body: Record<string, unknown> }) {
  expect(response.status, `${label}: ${JSON.stringify(response.body)}`).toBeGreaterThanOrEqual(400);
  expect(response.status, label).toBeLessThan(500);
  expect(response.headers['content-type'], label).toContain('application/problem+json');
  const code = response.body.code as keyof typeof errorStatus;
  expect(errorStatus[code], `${label}: unknown code ${code}`).toBe(response.status);
  expect(response.body).toMatchObject({ type: `https://ophir.dev/problems/${code}`, status: response.status, detail: expect.any(String) });
}

type Issue = { path: string; in: string; message: string };

describe('the one error shape', () => {
  it('titles every status an error code answers with', () => {
    expect(
      Object.entries(errorStatus)
        .filter(([, status]) => !problemTitles[status])
        .map(([code, status]) => `${code}: ${status}`),
    ).toEqual([]);
  });

  it('is documented on every route: 400 and the default answer are the Problem schema, as are the declared error statuses without a page of their own', () => {
    const problem = document.components.schemas.Problem!;
    expect(Object.keys(problem.properties!)).toEqual(expect.arrayContaining(['type', 'title', 'status', 'code', 'detail', 'issues']));
    expect(resolve(document.components.schemas.ProblemIssue!).properties).toHaveProperty('path');
    const all = operations();
    expect(all.length).toBeGreaterThan(90);
    for (const { method, path, operation } of all) {
      const label = `${method.toUpperCase()} ${path}`;
      for (const status of ['400', 'default']) {
        expect(operation.responses[status]?.content?.['application/problem+json']?.schema, `${label} ${status}`).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400 || !response.content || response.content['text/html']) continue;
        expect(response.content['application/problem+json']?.schema, `${label} ${status}`).toEqual({
          $ref: '#/components/schemas/Problem',
        });
      }
    }
  });

  it('answers a wrong body and a wrong query on every route with problem+json, a stable code and issues relative to the body, never a 500', async () => {
    let walked = 0;
    for (const { method, path, operation } of operations()) {
      const label = `${method.toUpperCase()} ${path}`;
      const target = path.replace(/\{(\w+)\}/g, () => randomUUID());
      const wrongQuery = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'query')
        .flatMap((parameter) => {
          const value = wrongQueryValue(parameter.schema);
          return value === undefined ? [] : [[parameter.name, value] as const];
        });
      const url = wrongQuery.length > 0 ? `${target}?${new URLSearchParams(Object.fromEntries(wrongQuery)).toString()}` : target;
      const body = wrongBody(operation);
      const response = await send(method, url, operation, body);
      walked += 1;
      expectOneErrorShape(label, response);

      const takesJson = !operation.requestBody || operation.requestBody.content['application/json'];
      if (!takesJson) {
        // A file upload or a form: a JSON body is refused with how to send it instead.
        expect(response.status, label).toBe(415);
        continue;
      }
      expect(response.body.code, `${label}: ${JSON.stringify(response.body)}`).toBe('validation_failed');
      const issues = response.body.issues as Issue[];
      expect(issues.length, label).toBeGreaterThan(0);
      const sentFields = new Set(Object.keys(body as object));
      for (const issue of issues) {
        expect(issue, label).toEqual(
          expect.objectContaining({ path: expect.any(String), in: expect.stringMatching(/^(body|query)$/), message: expect.any(String) }),
        );
        expect(issue.message.length, label).toBeGreaterThan(0);
        expect(issue.path, label).not.toMatch(/^(body|query)(\.|$)/);
        const root = issue.path.split('.')[0]!;
        if (issue.in === 'body') expect(root === '' || sentFields.has(root), `${label}: body issue at ${issue.path}`).toBe(true);
        else
          expect(
            wrongQuery.map(([name]) => name),
            `${label}: query issue at ${issue.path}`,
          ).toContain(root);
      }
      expect(
        issues.some((issue) => issue.in === 'body'),
        `${label}: the wrong body is named`,
      ).toBe(true);
      if (wrongQuery.length > 0)
        expect(
          issues.some((issue) => issue.in === 'query'),
          `${label}: the wrong query is named`,
        ).toBe(true);
    }
    expect(walked).toBe(operations().length);
  });

  it('answers a cursor it did not issue with 400 on every route that pages by cursor', async () => {
    const forged = Buffer.from(JSON.stringify({ email: 42 })).toString('base64url');
    const paged = operations().filter(
      ({ method, operation }) =>
        method === 'get' && operation.parameters?.some((parameter) => parameter.in === 'query' && parameter.name === 'cursor'),
    );
    expect(paged.map(({ path }) => path).sort()).toEqual(
      expect.arrayContaining([
        '/api/audit-log',
        '/api/campaigns/{campaignId}/enrollments',
        '/api/inbox/threads',
        '/api/lead-imports',
        '/api/leads',
        '/api/mailboxes/{mailboxId}/sandbox-messages',
        '/api/suppressions',
      ]),
    );
    for (const { path } of paged) {
      for (const cursor of ['garbage', forged]) {
        const response = await t.http
          .get(path.replace(/\{(\w+)\}/g, () => randomUUID()))
          .query({ cursor })
          .set(owner.auth);
        expectOneErrorShape(`${path} cursor=${cursor}`, response);
        expect(response.status, path).toBe(400);
        expect(response.body.issues, path).toEqual([
          { path: 'cursor', in: 'query', message: expect.stringContaining('not a cursor this API returned') },
        ]);
      }
    }
  });
});
