import type { PrismaClient } from '../../lib/db/prisma.js';
import type { Role } from '../../generated/prisma/enums.js';
import type { Clock } from '../../lib/clock.js';
import { randomToken, sha256Hex } from '../../lib/crypto.js';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../../lib/errors.js';
import type { AuthContext } from '../../lib/http/route.js';
import type { AuthService, Session } from '../auth/auth.service.js';
import type { PasswordHasher } from '../auth/passwords.js';
import { recordAudit } from './audit.js';

const invitationTtlMs = 7 * 86_400_000;

type InvitationRow = { id: string; email: string; role: Role; expiresAt: Date; acceptedAt: Date | null; createdAt: Date };

function toInvitation(row: InvitationRow) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    expiresAt: row.expiresAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}

export class InvitationsService {
  constructor(private readonly deps: { prisma: PrismaClient; clock: Clock; passwords: PasswordHasher; auth: AuthService }) {}

  async create(auth: AuthContext, input: { email: string; role: Role }) {
    const member = await auth.db.membership.findFirst({ where: { user: { email: input.email } } });
    if (member)
      throw new ConflictError('This person is already a member', {
        issues: [{ path: 'email', message: 'This person is already a member' }],
      });
    const now = this.deps.clock.now();
    // A new invitation replaces any pending one for the same address.
    await auth.db.invitation.updateMany({ where: { email: input.email, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const token = randomToken(32);
    const invitation = await auth.db.invitation.create({
      data: {
        organizationId: auth.organizationId,
        email: input.email,
        role: input.role,
        tokenHash: sha256Hex(token),
        invitedById: auth.userId ?? auth.apiKeyId ?? auth.organizationId,
        expiresAt: new Date(now.getTime() + invitationTtlMs),
      },
    });
    await recordAudit(auth, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: invitation.id,
      data: { email: input.email, role: input.role },
    });
    return { ...toInvitation(invitation), token };
  }

  async list(auth: AuthContext) {
    const rows = await auth.db.invitation.findMany({
      where: { acceptedAt: null, revokedAt: null, expiresAt: { gt: this.deps.clock.now() } },
      orderBy: { createdAt: 'desc' },
    });
    return rows.map(toInvitation);
  }

  async revoke(auth: AuthContext, invitationId: string): Promise<void> {
    const revoked = await auth.db.invitation.updateMany({
      where: { id: invitationId, acceptedAt: null, revokedAt: null },
      data: { revokedAt: this.deps.clock.now() },
    });
    if (revoked.count === 0) throw new NotFoundError('Invitation');
    await recordAudit(auth, { action: 'invitation.revoked', targetType: 'invitation', targetId: invitationId });
  }

  private async findPending(token: string, now: Date) {
    const invitation = await this.deps.prisma.invitation.findUnique({
      where: { tokenHash: sha256Hex(token) },
      include: { organization: true },
    });
    if (!invitation || invitation.acceptedAt || invitation.revokedAt || invitation.expiresAt <= now) return null;
    return invitation;
  }

  /** Public: what an invitation link is for, so the invitee sees whom they join (and whether with an account they have) before typing a password. */
  async preview(token: string) {
    const invitation = await this.findPending(token, this.deps.clock.now());
    if (!invitation) throw new NotFoundError('Invitation');
    const account = await this.deps.prisma.user.findUnique({ where: { email: invitation.email }, select: { id: true } });
    return {
      email: invitation.email,
      role: invitation.role,
      organizationName: invitation.organization.name,
      expiresAt: invitation.expiresAt.toISOString(),
      hasAccount: account !== null,
    };
  }

  /** Public: the invitee proves possession of the token, and either creates an account or signs in to theirs. */
  async accept(input: { token: string; name?: string; password: string }): Promise<Session> {
    const { prisma, clock, passwords } = this.deps;
    const now = clock.now();
    const invitation = await this.findPending(input.token, now);
    if (!invitation) throw new UnauthenticatedError('This invitation is not valid any more; ask for a new one', 'invalid_credentials');
    let user = await prisma.user.findUnique({ where: { email: invitation.email } });
    if (user) {
      if (!(await passwords.verify(user.passwordHash, input.password))) {
        throw new UnauthenticatedError('The password is wrong for the existing account', 'invalid_credentials');
      }
    } else if (!input.name) {
      throw new ValidationError([{ path: 'name', message: 'Required to create your account' }]);
    }
    const passwordHash = user ? undefined : await passwords.hash(input.password);
    user = await prisma.$transaction(async (tx) => {
      const claimed = await tx.invitation.updateMany({ where: { id: invitation.id, acceptedAt: null }, data: { acceptedAt: now } });
      if (claimed.count === 0) throw new ConflictError('This invitation was just accepted');
      const account = user ?? (await tx.user.create({ data: { email: invitation.email, name: input.name!, passwordHash: passwordHash! } }));
      await tx.membership.upsert({
        where: { organizationId_userId: { organizationId: invitation.organizationId, userId: account.id } },
        create: { organizationId: invitation.organizationId, userId: account.id, role: invitation.role },
        update: {},
      });
      await tx.auditLog.create({
        data: {
          organizationId: invitation.organizationId,
          actorUserId: account.id,
          action: 'invitation.accepted',
          targetType: 'invitation',
          targetId: invitation.id,
        },
      });
      return account;
    });
    const membership = await prisma.membership.findUniqueOrThrow({
      where: { organizationId_userId: { organizationId: invitation.organizationId, userId: user.id } },
    });
    return this.deps.auth.openSession(user, { id: invitation.organization.id, name: invitation.organization.name, role: membership.role });
  }
}
