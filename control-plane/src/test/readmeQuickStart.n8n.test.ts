// Integration, the README's quick start as a new user follows it: the platform through the real launcher
// (`npm start`'s src/bin/start.ts) with the provisioned n8n and our nodes, and the README's "Your first
// campaign" commands run as written by bash (curl and jq), only the port changed. Its first messages must be
// captured within a minute of the launch.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrismaClient, type PrismaClient } from '../lib/db/prisma.js';
import { repoRoot } from '../lib/paths.js';
import { launchPlatform, type LaunchedPlatform } from './launcher.js';
import { n8nProvisioned, n8nSuite } from './realN8n.js';
import { createTestDatabase, type TestDatabase } from './testDatabase.js';
import { until } from './until.js';

/** The first `sh` block under the README's "Your first campaign" heading, pointed at the launched platform. */
function quickStartCommands(url: string): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Your first campaign'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no "Your first campaign" sh block');
  return `set -euo pipefail\n${block.replaceAll('localhost:3000', url.replace('http://', ''))}`;
}

describe.skipIf(!n8nProvisioned)(n8nSuite("the README's first campaign"), () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let platform: LaunchedPlatform;
  let launchedAt: number;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrismaClient({ databaseUrl: database.url, poolSize: 2 });
    launchedAt = Date.now();
    platform = await launchPlatform({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await platform?.stop();
    await prisma?.$disconnect();
    await database?.drop();
  }, 60_000);

  it('sends its first messages within a minute of the launch, as written', async () => {
    await until('the platform to be ready', async () => (await fetch(`${platform.url}/readyz`).then((r) => r.status, () => 0)) === 200, 60_000);
    const { stdout } = await promisify(execFile)('bash', ['-c', quickStartCommands(platform.url)], { timeout: 60_000 });
    const capturedAt = Date.now();

    expect(stdout).toContain('"forecast": "3 sends possible today (room for 60: 2 mailboxes × cap 30); 3 leads ready now"');
    expect(stdout).toMatch(/"finished": true,\s+"claimed": 3,\s+"sent": 3,\s+"deferred": \[\]/);
    expect(await prisma.sandboxMessage.count()).toBe(3);
    expect((await prisma.sandboxMessage.findMany({ select: { subject: true } })).map((m) => m.subject).sort()).toEqual(['Hello Alan', 'Hello Edsger', 'Hello Grace']);
    expect(capturedAt - launchedAt).toBeLessThan(60_000);
  }, 150_000);
});
