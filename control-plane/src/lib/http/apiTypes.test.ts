import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { apiTypesPath, buildStandaloneOpenApiDocument, renderApiTypes } from './apiTypes.js';

describe("the web app's generated API types", () => {
  it('match the routes as they are now (run `npm run generate:api -w @ophir/control-plane` after changing a route)', async () => {
    const committed = await readFile(apiTypesPath, 'utf8');
    const current = await renderApiTypes(await buildStandaloneOpenApiDocument());
    expect(
      committed === current,
      'control-plane/web/src/lib/api/schema.ts is stale: run `npm run generate:api -w @ophir/control-plane`',
    ).toBe(true);
  });

  it('describe the routes the web app calls', async () => {
    const document = await buildStandaloneOpenApiDocument();
    const rendered = await renderApiTypes(document);
    for (const route of ['/api/auth/login', '/api/auth/register', '/api/me', '/api/mailboxes']) {
      expect(document.paths?.[route]).toBeDefined();
      expect(rendered).toContain(`"${route}": {`);
    }
  });
});
