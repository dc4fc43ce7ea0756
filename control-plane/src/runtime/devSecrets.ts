import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

export interface DevSecrets {
  JWT_SECRET: string;
  ENCRYPTION_KEYS: string;
  ENCRYPTION_ACTIVE_KEY_ID: string;
  N8N_ENCRYPTION_KEY: string;
  /** The local n8n editor's owner login (n8n wants a digit and an upper-case letter). */
  N8N_OWNER_PASSWORD: string;
}

/**
 * Secrets for a local, unconfigured run: generated once and kept (mode 0600) in the git-ignored data
 * folder so restarts can still decrypt what they stored. Production must configure its own.
 */
export async function loadOrCreateDevSecrets(dataRoot: string): Promise<DevSecrets> {
  const file = path.join(dataRoot, 'dev-secrets.json');
  const existing = existsSync(file) ? (JSON.parse(await readFile(file, 'utf8')) as Partial<DevSecrets>) : {};
  const secrets: DevSecrets = {
    JWT_SECRET: randomBytes(48).toString('base64url'),
    ENCRYPTION_KEYS: `local1:${randomBytes(32).toString('base64')}`,
    ENCRYPTION_ACTIVE_KEY_ID: 'local1',
    N8N_ENCRYPTION_KEY: randomBytes(32).toString('base64url'),
    N8N_OWNER_PASSWORD: `Ophir-${randomBytes(12).toString('hex')}-9`,
    // Values generated earlier win: data encrypted with them must stay readable.
    ...existing,
  };
  if (Object.keys(existing).length === Object.keys(secrets).length) return secrets;
  await mkdir(dataRoot, { recursive: true });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
