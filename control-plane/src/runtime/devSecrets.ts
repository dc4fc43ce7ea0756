import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface DevSecrets {
  JWT_SECRET: string;
  ENCRYPTION_KEYS: string;
  ENCRYPTION_ACTIVE_KEY_ID: string;
  N8N_ENCRYPTION_KEY: string;
}

/**
 * Secrets for a local, unconfigured run: generated once and kept (mode 0600) in the git-ignored data
 * folder so restarts can still decrypt what they stored. Production must configure its own.
 */
export async function loadOrCreateDevSecrets(dataRoot: string): Promise<DevSecrets> {
  const file = path.join(dataRoot, 'dev-secrets.json');
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as DevSecrets;
  const secrets: DevSecrets = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    ENCRYPTION_KEYS: `local1:${randomBytes(32).toString('base64')}`,
    ENCRYPTION_ACTIVE_KEY_ID: 'local1',
    N8N_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
  };
  await mkdir(dataRoot, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
