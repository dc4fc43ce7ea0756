import { createHash } from 'node:crypto';
import { constantTimeEqual, randomToken, sha256Hex, type SecretBox } from '../../../lib/crypto.js';
import type { PrismaClient } from '../../../lib/db/prisma.js';
import type { ScopedDb } from '../../../lib/db/tenantScope.js';
import type { OAuthMailboxProvider } from './oauthProvider.js';

export const stateTtlMs = 10 * 60_000;
const verifierAssociatedData = (stateHash: string) => `oauth_state:${stateHash}`;

export interface IssuedState {
  state: string;
  codeChallenge: string;
  expiresAt: Date;
  /** For the starting browser's cookie; only its hash is stored. */
  browserBinding: string;
}

export interface ConsumedState {
  organizationId: string;
  userId: string;
  codeVerifier: string;
  /** Whether the callback came from the browser that started the connect. */
  sameBrowser: boolean;
}

/**
 * Starts a connect: a random `state` (only its hash is stored) bound to the user and organization
 * and to the starting browser (a random binding for its cookie, also stored hashed: without it a
 * consent URL sent to someone else would connect their mailbox into the sender's organization),
 * and a PKCE verifier that never leaves the server (sealed in the row; the provider sees only its S256 challenge).
 */
export async function issueConnectState(options: {
  db: ScopedDb;
  secrets: SecretBox;
  organizationId: string;
  userId: string;
  provider: OAuthMailboxProvider;
  now: Date;
}): Promise<IssuedState> {
  const { db, secrets, organizationId, userId, provider, now } = options;
  const state = randomToken(32);
  const stateHash = sha256Hex(state);
  const codeVerifier = randomToken(48);
  const sealed = secrets.seal(codeVerifier, verifierAssociatedData(stateHash));
  const browserBinding = randomToken(32);
  const expiresAt = new Date(now.getTime() + stateTtlMs);
  await db.oAuthConnectState.create({
    data: {
      organizationId,
      userId,
      provider,
      stateHash,
      codeVerifierCiphertext: sealed.ciphertext,
      codeVerifierKeyId: sealed.keyId,
      browserBindingHash: sha256Hex(browserBinding),
      expiresAt,
    },
  });
  return { state, codeChallenge: createHash('sha256').update(codeVerifier).digest('base64url'), expiresAt, browserBinding };
}

/**
 * Uses a state once: the conditional update lets exactly one callback win, across processes and
 * restarts. Unknown, expired, used, or another provider's state all answer undefined. A callback from
 * another browser uses the state up too, so the link it came with is dead for everyone.
 */
export async function consumeConnectState(options: {
  prisma: PrismaClient;
  secrets: SecretBox;
  provider: OAuthMailboxProvider;
  state: string;
  browserBinding: string | undefined;
  now: Date;
}): Promise<ConsumedState | undefined> {
  const { prisma, secrets, provider, state, browserBinding, now } = options;
  const stateHash = sha256Hex(state);
  const claimed = await prisma.oAuthConnectState.updateMany({
    where: { stateHash, provider, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) return undefined;
  const row = await prisma.oAuthConnectState.findUniqueOrThrow({ where: { stateHash } });
  const codeVerifier = secrets.open(
    { ciphertext: row.codeVerifierCiphertext, keyId: row.codeVerifierKeyId },
    verifierAssociatedData(stateHash),
  );
  const sameBrowser = browserBinding !== undefined && constantTimeEqual(sha256Hex(browserBinding), row.browserBindingHash);
  return { organizationId: row.organizationId, userId: row.userId, codeVerifier, sameBrowser };
}

/** Drops states that can no longer be used (housekeeping on each new connect). */
export async function deleteStaleConnectStates(prisma: PrismaClient, now: Date): Promise<void> {
  await prisma.oAuthConnectState.deleteMany({ where: { expiresAt: { lt: new Date(now.getTime() - stateTtlMs) } } });
}
