import type { Role } from '../../generated/prisma/enums.js';
import type { ScopedDb } from '../../lib/db/tenantScope.js';
import { hasRole } from '../../lib/http/route.js';

type CredentialsDb = Pick<ScopedDb, 'apiKey' | 'invitation'>;

export interface IssuedApiKey {
  id: string;
  role: Role;
}

export interface IssuedInvitation {
  id: string;
  email: string;
  role: Role;
}

/** What a credential change did, for the audit log. */
export interface CredentialChanges {
  revokedApiKeys: IssuedApiKey[];
  cappedApiKeys: Array<IssuedApiKey & { to: Role }>;
  revokedInvitations: IssuedInvitation[];
}

/** Invitations are an admin action, and nobody invites above their own role. */
function mayInvite(role: Role, invitedRole: Role): boolean {
  return hasRole(role, 'admin') && hasRole(role, invitedRole);
}

/**
 * The live API keys and pending invitations a member issued: directly, or through a key of theirs
 * (an admin key can mint keys and send invitations, so it would otherwise outlive its creator's rights).
 */
async function issuedBy(
  db: CredentialsDb,
  userId: string,
  now: Date,
): Promise<{ apiKeys: IssuedApiKey[]; invitations: IssuedInvitation[] }> {
  const liveKeys = await db.apiKey.findMany({
    where: { revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    select: { id: true, role: true, createdById: true },
  });
  const issuers = new Set([userId]);
  const apiKeys: IssuedApiKey[] = [];
  for (let grew = true; grew;) {
    grew = false;
    for (const key of liveKeys) {
      if (issuers.has(key.createdById) && !issuers.has(key.id)) {
        issuers.add(key.id);
        apiKeys.push({ id: key.id, role: key.role });
        grew = true;
      }
    }
  }
  const invitations = await db.invitation.findMany({
    where: { invitedById: { in: [...issuers] }, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true },
  });
  return { apiKeys, invitations };
}

/** A member who leaves takes their keys and pending invitations with them. */
export async function revokeIssuedCredentials(db: CredentialsDb, userId: string, now: Date): Promise<CredentialChanges> {
  const issued = await issuedBy(db, userId, now);
  await db.apiKey.updateMany({ where: { id: { in: issued.apiKeys.map((k) => k.id) } }, data: { revokedAt: now } });
  await db.invitation.updateMany({ where: { id: { in: issued.invitations.map((i) => i.id) } }, data: { revokedAt: now } });
  return { revokedApiKeys: issued.apiKeys, cappedApiKeys: [], revokedInvitations: issued.invitations };
}

/**
 * A demoted member's keys keep working at most at the new role (capped rather than revoked, so an
 * integration keeps its reads), and invitations they could no longer send are withdrawn.
 */
export async function capIssuedCredentials(db: CredentialsDb, userId: string, role: Role, now: Date): Promise<CredentialChanges> {
  const issued = await issuedBy(db, userId, now);
  const cappedApiKeys = issued.apiKeys.filter((key) => !hasRole(role, key.role)).map((key) => ({ ...key, to: role }));
  const revokedInvitations = issued.invitations.filter((invitation) => !mayInvite(role, invitation.role));
  await db.apiKey.updateMany({ where: { id: { in: cappedApiKeys.map((k) => k.id) } }, data: { role } });
  await db.invitation.updateMany({ where: { id: { in: revokedInvitations.map((i) => i.id) } }, data: { revokedAt: now } });
  return { revokedApiKeys: [], cappedApiKeys, revokedInvitations };
}
