import { randomBytes } from 'node:crypto';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';
import { createApp, type App } from '../../app.js';
import { systemClock } from '../clock.js';
import { loadConfig } from '../config.js';
import { createPrismaClient } from '../db/prisma.js';
import { createLogger } from '../logger.js';
import { repoRoot } from '../paths.js';

/** The web app's API types, generated from this document with openapi-typescript and committed. */
export const apiTypesPath = path.join(repoRoot, 'control-plane', 'web', 'src', 'lib', 'api', 'schema.ts');

const header = "// Generated from the control plane's OpenAPI document by `npm run generate:api -w @ophir/control-plane`. Do not edit.\n\n";

export async function renderApiTypes(document: App['openApiDocument']): Promise<string> {
  const ast = await openapiTS(JSON.stringify(document));
  return header + astToString(ast);
}

/**
 * The OpenAPI document without a database or a listening server: the app is assembled with throwaway
 * settings; nothing connects until a request is served, and none is.
 */
export async function buildStandaloneOpenApiDocument(): Promise<App['openApiDocument']> {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: 'postgresql://openapi@127.0.0.1:1/unused',
    LOG_LEVEL: 'silent',
    JWT_SECRET: randomBytes(32).toString('hex'),
    ENCRYPTION_KEYS: `doc:${randomBytes(32).toString('base64')}`,
    ENCRYPTION_ACTIVE_KEY_ID: 'doc',
  });
  const prisma = createPrismaClient({ databaseUrl: config.DATABASE_URL, poolSize: 1 });
  try {
    return createApp({ config, prisma, logger: createLogger({ level: 'silent' }), clock: systemClock }).openApiDocument;
  } finally {
    await prisma.$disconnect();
  }
}
