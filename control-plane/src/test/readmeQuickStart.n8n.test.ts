// Integration, the README's quick start as a new user follows it: the platform through the real launcher
// (`npm start`'s src/bin/start.ts) with the provisioned n8n and our nodes, and the README's "Your first
// campaign" commands run as written by bash (curl and jq), only the port changed. Its first messages must be
// captured, and the "A lead answers" commands after them must stop the lead who answered.
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

/** The first `sh` block under a README heading, pointed at the launched platform. */
function readmeCommands(heading: string, url: string): string {
  const readme = readFileSync(path.join(repoRoot, 'README.md'), 'utf8');
  const start = readme.indexOf(heading);
  const block = start < 0 ? undefined : /```sh\n([\s\S]*?)```/.exec(readme.slice(start))?.[1];
  if (!block) throw new Error(`README.md has no sh block under "${heading}"`);
  return block.replaceAll('localhost:3000', url.replace('http://', ''));
}

describe.skipIf(!n8nProvisioned)(n8nSuite("the README's first campaign"), () => {
  let database: TestDatabase;
  let prisma: PrismaClient;
  let platform: LaunchedPlatform;

  beforeAll(async () => {
    database = await createTestDatabase();
    prisma = createPrismaClient({ databaseUrl: database.url, poolSize: 2 });
    platform = await launchPlatform({ databaseUrl: database.url });
  });
  afterAll(async () => {
    await platform?.stop();
    await prisma?.$disconnect();
    await database?.drop();
  }, 120_000);

  it('sends its first messages, and a simulated reply reaches the inbox and stops that lead, as written', async () => {
    await platform.waitUntilReady();
    // The first campaign, then "A lead answers", in one shell as a reader types them one after the other.
    const commands = ['### Your first campaign', '### A lead answers'].map((heading) => readmeCommands(heading, platform.url));
    const { stdout } = await promisify(execFile)('bash', ['-c', ['set -euo pipefail', ...commands].join('\n')], { timeout: 90_000 });

    expect(stdout).toContain('"forecast": "3 sends possible today (room for 60: 2 mailboxes × cap 30); 3 leads ready now"');
    expect(stdout).toMatch(/"finished": true,\s+"claimed": 3,\s+"sent": 3,\s+"deferred": \[\]/);
    const captured = await prisma.sandboxMessage.findMany({ select: { subject: true } });
    expect(captured.map((m) => m.subject).sort()).toEqual(['Hello Alan', 'Hello Edsger', 'Hello Grace']);

    // The simulated reply reached the unified inbox, unread, and stopped that lead's sequence.
    expect(stdout).toMatch(/"unread": true/);
    const stopped = await until(
      'the lead who answered to be stopped',
      () => prisma.enrollment.findFirst({ where: { state: 'stopped', stopReason: 'replied' } }),
      30_000,
    );
    expect(await prisma.inboxThread.count({ where: { leadId: stopped.leadId } })).toBe(1);
  }, 240_000);
});
