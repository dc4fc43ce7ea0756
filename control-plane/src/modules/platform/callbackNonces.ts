import type { PrismaClient } from '../../lib/db/prisma.js';

/** Expired nonces are deleted at most this often per process; a replay of one is refused by its timestamp anyway. */
const pruneIntervalMs = 60_000;

/**
 * The nonces of signed n8n callbacks, in PostgreSQL so every control-plane replica sees the same set
 * (a replay sent to another replica is still refused) without another service to run. Bounded:
 * only correctly signed requests are recorded, each until its timestamp leaves the tolerance window.
 */
export class CallbackNonces {
  private lastPrunedAtMs = 0;

  constructor(private readonly deps: { prisma: PrismaClient }) {}

  /** True the first time a nonce is presented; false when it was seen before (a replay). */
  async recordFirstUse(nonce: string, expiresAt: Date, now: Date): Promise<boolean> {
    const { prisma } = this.deps;
    const recorded = await prisma.n8nCallbackNonce.createMany({ data: [{ nonce, expiresAt }], skipDuplicates: true });
    if (now.getTime() - this.lastPrunedAtMs >= pruneIntervalMs) {
      this.lastPrunedAtMs = now.getTime();
      await prisma.n8nCallbackNonce.deleteMany({ where: { expiresAt: { lt: now } } });
    }
    return recorded.count === 1;
  }
}
