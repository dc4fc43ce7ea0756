import type { Role } from '../../generated/prisma/enums.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import { recordAudit } from './audit.js';

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

export async function updateMemberRole(auth: AuthContext, membershipId: string, role: Role) {
  const membership = await findMembership(auth, membershipId);
  await assertMayChange(auth, membership.role, role);
  await auth.db.membership.update({ where: { id: membershipId }, data: { role } });
  await recordAudit(auth, { action: 'member.role_changed', targetType: 'membership', targetId: membershipId, data: { from: membership.role, to: role } });
  return (await listMembers(auth)).find((m) => m.id === membershipId)!;
}

export async function removeMember(auth: AuthContext, membershipId: string, now: Date): Promise<void> {
  const membership = await findMembership(auth, membershipId);
  await assertMayChange(auth, membership.role, undefined);
  await auth.db.membership.delete({ where: { id: membershipId } });
  // Their sessions in this organization end with the membership.
  await auth.db.refreshToken.updateMany({ where: { userId: membership.userId, revokedAt: null }, data: { revokedAt: now } });
  await recordAudit(auth, { action: 'member.removed', targetType: 'membership', targetId: membershipId, data: { email: membership.user.email } });
}
