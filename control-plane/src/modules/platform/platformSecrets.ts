import type { PrismaClient } from '../../lib/db/prisma.js';
import { randomToken, type SecretBox } from '../../lib/crypto.js';

export const callbackSigningSecretName = 'n8n.callback_signing_secret';
export const n8nApiKeyName = 'n8n.api_key';

/** Secrets of the platform itself (not of a tenant), encrypted at rest, bound to their name. */
export class PlatformSecrets {
  private readonly cache = new Map<string, string>();

  constructor(private readonly deps: { prisma: PrismaClient; secrets: SecretBox }) {}

  async get(name: string): Promise<string | undefined> {
    const cached = this.cache.get(name);
    if (cached) return cached;
    const row = await this.deps.prisma.platformSecret.findUnique({ where: { name } });
    if (!row) return undefined;
    const value = this.deps.secrets.open({ ciphertext: row.ciphertext, keyId: row.keyId }, `platform:${name}`);
    this.cache.set(name, value);
    return value;
  }

  async set(name: string, value: string): Promise<void> {
    const sealed = this.deps.secrets.seal(value, `platform:${name}`);
    await this.deps.prisma.platformSecret.upsert({
      where: { name },
      create: { name, ...sealed },
      update: sealed,
    });
    this.cache.set(name, value);
  }

  /** Creates the secret on first use; concurrent first uses converge on one value. */
  async getOrCreate(name: string, create: () => string = () => randomToken(32)): Promise<string> {
    const existing = await this.get(name);
    if (existing) return existing;
    const sealed = this.deps.secrets.seal(create(), `platform:${name}`);
    await this.deps.prisma.platformSecret.createMany({ data: [{ name, ...sealed }], skipDuplicates: true });
    this.cache.delete(name);
    return (await this.get(name))!;
  }
}
