import type { Role } from '../../generated/prisma/enums.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { hasRole, type AuthContext } from '../../lib/http/route.js';
import { recordAudit } from './audit.js';
import { capIssuedCredentials, revokeIssuedCredentials, type CredentialChanges } from './memberCredentials.js';

export async function listMembers(auth: AuthContext) {
  const memberships = await auth.db.membership.findMany({ include: { user: true }, orderBy: { createdAt: 'asc' } });
  return memberships.map((m) => ({
    id: m.id,
    userId: m.userId,
    email: m.user.email,
    name: m.user.name,
    role: m.role,
    createdAt: m.createdAt.toISOString(),
  }));
}

async function findMembership(auth: AuthContext, membershipId: string) {
  const membership = await auth.db.membership.findUnique({ where: { id: membershipId }, include: { user: true } });
  if (!membership) throw new NotFoundError('Member');
  return membership;
}

// Only owners touch owners, and the last owner can never be demoted or removed.
async function assertMayChange(auth: AuthContext, current: Role, next: Role | undefined): Promise<void> {
  if ((current === 'owner' || next === 'owner') && auth.role !== 'owner') {
    throw new ForbiddenError('Only an owner can grant, change or remove the owner role');
  }
  if (current === 'owner' && next !== 'owner') {
    const owners = await auth.db.membership.count({ where: { role: 'owner' } });
    if (owners <= 1) throw new ConflictError('An organization needs at least one owner; make someone else owner first');
  }
}

export async function updateMemberRole(auth: AuthContext, membershipId: string, role: Role, now: Date) {
  const membership = await findMembership(auth, membershipId);
  await assertMayChange(auth, membership.role, role);
  const demoted = !hasRole(role, membership.role);
  const changes = await auth.db.$transaction(async (tx) => {
    await tx.membership.update({ where: { id: membershipId }, data: { role } });
    return demoted ? capIssuedCredentials(tx, membership.userId, role, now) : undefined;
  });
  await recordAudit(auth, {
    action: 'member.role_changed',
    targetType: 'membership',
    targetId: membershipId,
    data: { from: membership.role, to: role },
  });
  if (changes) await recordCredentialChanges(auth, changes, { membershipId, cause: 'member_demoted' });
  return (await listMembers(auth)).find((m) => m.id === membershipId)!;
}

export async function removeMember(auth: AuthContext, membershipId: string, now: Date): Promise<void> {
  const membership = await findMembership(auth, membershipId);
  await assertMayChange(auth, membership.role, undefined);
  const changes = await auth.db.$transaction(async (tx) => {
    await tx.membership.delete({ where: { id: membershipId } });
    // Their sessions in this organization end with the membership, and so do the keys and invitations they issued.
    await tx.refreshToken.updateMany({ where: { userId: membership.userId, revokedAt: null }, data: { revokedAt: now } });
    return revokeIssuedCredentials(tx, membership.userId, now);
  });
  await recordAudit(auth, {
    action: 'member.removed',
    targetType: 'membership',
    targetId: membershipId,
    data: { email: membership.user.email },
  });
  await recordCredentialChanges(auth, changes, { membershipId, cause: 'member_removed' });
}

async function recordCredentialChanges(
  auth: AuthContext,
  changes: CredentialChanges,
  because: { membershipId: string; cause: string },
): Promise<void> {
  for (const key of changes.revokedApiKeys) {
    await recordAudit(auth, { action: 'api_key.revoked', targetType: 'api_key', targetId: key.id, data: { role: key.role, ...because } });
  }
  for (const key of changes.cappedApiKeys) {
    await recordAudit(auth, {
      action: 'api_key.role_capped',
      targetType: 'api_key',
      targetId: key.id,
      data: { from: key.role, to: key.to, ...because },
    });
  }
  for (const invitation of changes.revokedInvitations) {
    await recordAudit(auth, {
      action: 'invitation.revoked',
      targetType: 'invitation',
      targetId: invitation.id,
      data: { email: invitation.email, role: invitation.role, ...because },
    });
  }
}
