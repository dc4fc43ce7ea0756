import { preparedQuery, type PrismaClient } from '../../lib/db/prisma.js';
import type { Role } from '../../generated/prisma/enums.js';
import { ConflictError, NotFoundError, UnauthenticatedError, ValidationError } from '../../lib/errors.js';
import type { AccessTokens } from './accessTokens.js';
import type { PasswordHasher } from './passwords.js';
import type { RefreshTokens } from './refreshTokens.js';
import type { AuthContext } from '../../lib/http/route.js';

export interface Session {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
  refreshTokenExpiresAt: string;
  user: { id: string; email: string; name: string };
  organization: { id: string; name: string; role: Role };
}

export interface AuthServiceDeps {
  prisma: PrismaClient;
  passwords: PasswordHasher;
  accessTokens: AccessTokens;
  refreshTokens: RefreshTokens;
}

// Verifying against a real hash even for unknown emails keeps response times from revealing which accounts exist.
let decoyHash: Promise<string> | undefined;

export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  async register(input: { email: string; password: string; name: string; organizationName: string }): Promise<Session> {
    const passwordHash = await this.deps.passwords.hash(input.password);
    const existing = await this.deps.prisma.user.findUnique({ where: { email: input.email } });
    if (existing)
      throw new ConflictError('An account with this email already exists; sign in instead', {
        issues: [{ path: 'email', message: 'An account with this email already exists' }],
      });
    const { user, organization } = await this.deps.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({ data: { email: input.email, name: input.name, passwordHash } });
      const organization = await tx.organization.create({ data: { name: input.organizationName } });
      await tx.membership.create({ data: { organizationId: organization.id, userId: user.id, role: 'owner' } });
      await tx.auditLog.create({
        data: {
          organizationId: organization.id,
          actorUserId: user.id,
          action: 'organization.created',
          targetType: 'organization',
          targetId: organization.id,
        },
      });
      return { user, organization };
    });
    return this.openSession(user, { id: organization.id, name: organization.name, role: 'owner' });
  }

  async login(input: { email: string; password: string; organizationId?: string }): Promise<Session> {
    const user = await this.deps.prisma.user.findUnique({ where: { email: input.email } });
    if (!user) {
      decoyHash ??= this.deps.passwords.hash('not-a-real-password');
      await this.deps.passwords.verify(await decoyHash, input.password);
      throw new UnauthenticatedError('The email or password is wrong', 'invalid_credentials');
    }
    if (!(await this.deps.passwords.verify(user.passwordHash, input.password))) {
      throw new UnauthenticatedError('The email or password is wrong', 'invalid_credentials');
    }
    const membership = await this.deps.prisma.membership.findFirst({
      where: { userId: user.id, ...(input.organizationId ? { organizationId: input.organizationId } : {}) },
      orderBy: { createdAt: 'asc' },
      include: { organization: true },
    });
    if (!membership) throw new UnauthenticatedError('You are not a member of that organization', 'invalid_credentials');
    return this.openSession(user, { id: membership.organization.id, name: membership.organization.name, role: membership.role });
  }

  async refresh(refreshToken: string): Promise<Session> {
    const rotated = await this.deps.refreshTokens.rotate(refreshToken);
    const membership = await this.deps.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId: rotated.organizationId, userId: rotated.userId } },
      include: { organization: true, user: true },
    });
    if (!membership) {
      await this.deps.refreshTokens.revokeByToken(rotated.refreshToken);
      throw new UnauthenticatedError('You are no longer a member of this organization', 'invalid_credentials');
    }
    const access = await this.deps.accessTokens.issue({ userId: rotated.userId, organizationId: rotated.organizationId });
    return toSession(
      membership.user,
      { id: membership.organization.id, name: membership.organization.name, role: membership.role },
      access,
      rotated,
    );
  }

  async logout(refreshToken: string): Promise<void> {
    await this.deps.refreshTokens.revokeByToken(refreshToken);
  }

  /** Who is calling (a person or an API key), the organization acted in with the role, and the organizations a person may switch to. */
  async describeCaller(caller: AuthContext) {
    if (caller.userId) return this.describeMember(caller.organizationId, caller.role, caller.userId);
    const organization = await caller.db.organization.findUnique({ where: { id: caller.organizationId } });
    if (!organization) throw new NotFoundError('Organization');
    const acting = { id: organization.id, name: organization.name, role: caller.role };
    const apiKey = caller.apiKeyId ? await caller.db.apiKey.findUnique({ where: { id: caller.apiKeyId } }) : null;
    return {
      user: null,
      organization: acting,
      apiKey: apiKey
        ? { id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, role: apiKey.role, expiresAt: apiKey.expiresAt?.toISOString() ?? null }
        : null,
      // A key belongs to one organization and acts there with its own role, whoever created it.
      organizations: [acting],
    };
  }

  /** A signed-in person: who they are and every organization they belong to, in one statement (the web app asks on every load). */
  private async describeMember(organizationId: string, role: Role, userId: string) {
    const memberships = await preparedQuery<{ email: string; userName: string; id: string; name: string; role: Role }>(
      this.deps.prisma,
      'auth_describe_member',
      `SELECT u.email, u.name AS "userName", o.id::text AS id, o.name, m.role::text AS role
       FROM memberships m JOIN organizations o ON o.id = m."organizationId" JOIN users u ON u.id = m."userId"
       WHERE m."userId" = $1::uuid ORDER BY m."createdAt", m.id`,
      [userId],
    );
    const acting = memberships.find((membership) => membership.id === organizationId);
    if (!acting) throw new NotFoundError('Organization');
    return {
      user: { id: userId, email: acting.email, name: acting.userName },
      organization: { id: acting.id, name: acting.name, role },
      apiKey: null,
      organizations: memberships.map((membership) => ({ id: membership.id, name: membership.name, role: membership.role })),
    };
  }

  async rename(userId: string, name: string): Promise<Session['user']> {
    return this.deps.prisma.user.update({ where: { id: userId }, data: { name }, select: { id: true, email: true, name: true } });
  }

  /**
   * A new password ends every session of the account, so one opened with a leaked password does not
   * outlive it; the caller goes on in a fresh session in the organization they act in.
   */
  async changePassword(input: { userId: string; organizationId: string; currentPassword: string; newPassword: string }): Promise<Session> {
    const membership = await this.deps.prisma.membership.findUnique({
      where: { organizationId_userId: { organizationId: input.organizationId, userId: input.userId } },
      include: { organization: true, user: true },
    });
    if (!membership) throw new NotFoundError('Account');
    // A wrong current password is a field to correct, not a failed sign-in: the caller stays signed in.
    if (!(await this.deps.passwords.verify(membership.user.passwordHash, input.currentPassword))) {
      throw new ValidationError([{ path: 'currentPassword', message: 'This is not your current password' }]);
    }
    const passwordHash = await this.deps.passwords.hash(input.newPassword);
    await this.deps.prisma.user.update({ where: { id: input.userId }, data: { passwordHash } });
    await this.deps.refreshTokens.revokeAllOf(input.userId);
    return this.openSession(membership.user, { id: membership.organization.id, name: membership.organization.name, role: membership.role });
  }

  /** Opens a session for a user who just proved who they are (registration, login, accepted invitation). */
  async openSession(user: { id: string; email: string; name: string }, organization: Session['organization']): Promise<Session> {
    const access = await this.deps.accessTokens.issue({ userId: user.id, organizationId: organization.id });
    const refresh = await this.deps.refreshTokens.issue({ userId: user.id, organizationId: organization.id });
    return toSession(user, organization, access, refresh);
  }
}

function toSession(
  user: { id: string; email: string; name: string },
  organization: Session['organization'],
  access: { token: string; expiresAt: Date },
  refresh: { refreshToken: string; expiresAt: Date },
): Session {
  return {
    accessToken: access.token,
    accessTokenExpiresAt: access.expiresAt.toISOString(),
    refreshToken: refresh.refreshToken,
    refreshTokenExpiresAt: refresh.expiresAt.toISOString(),
    user: { id: user.id, email: user.email, name: user.name },
    organization,
  };
}
