import type { PrismaClient } from '../../lib/db/prisma.js';
import { route, type AnyRoute } from '../../lib/http/route.js';
import { NotFoundError } from '../../lib/errors.js';
import { loginBody, meSchema, refreshBody, registerBody, sessionSchema } from './auth.schemas.js';
import type { AuthService } from './auth.service.js';
import type { LoginThrottle } from './loginThrottle.js';

const tag = 'Auth';

export function authRoutes(deps: { auth: AuthService; prisma: PrismaClient; loginThrottle: LoginThrottle }): AnyRoute[] {
  const { auth, prisma, loginThrottle } = deps;
  return [
    // POST /api/auth/register
    route({
      method: 'post', path: '/api/auth/register', access: 'public', tag,
      summary: 'Create an account and its organization (you become its owner)',
      body: registerBody,
      responses: { 201: { description: 'Signed in', schema: sessionSchema } },
      middleware: [loginThrottle.addressLimit],
      handler: async ({ body }) => ({ status: 201, body: await auth.register(body) }),
    }),
    // POST /api/auth/login
    route({
      method: 'post', path: '/api/auth/login', access: 'public', tag,
      summary: 'Sign in with email and password',
      body: loginBody,
      responses: { 200: { description: 'Signed in', schema: sessionSchema } },
      middleware: [loginThrottle.addressLimit],
      handler: async ({ body }) => {
        await loginThrottle.countAccountAttempt(body.email);
        const session = await auth.login(body);
        await loginThrottle.accountSignedIn(body.email);
        return { body: session };
      },
    }),
    // POST /api/auth/refresh
    route({
      method: 'post', path: '/api/auth/refresh', access: 'public', tag,
      summary: 'Exchange a refresh token for a new pair; a reused token revokes its whole family',
      body: refreshBody,
      responses: { 200: { description: 'New tokens', schema: sessionSchema } },
      handler: async ({ body }) => ({ body: await auth.refresh(body.refreshToken) }),
    }),
    // POST /api/auth/logout
    route({
      method: 'post', path: '/api/auth/logout', access: 'public', tag,
      summary: 'Sign out the login that a refresh token belongs to',
      body: refreshBody,
      responses: { 204: { description: 'Signed out' } },
      handler: async ({ body }) => {
        await auth.logout(body.refreshToken);
      },
    }),
    // GET /api/me
    route({
      method: 'get', path: '/api/me', access: 'viewer', tag,
      summary: 'Who is calling, in which organization, with which role',
      responses: { 200: { description: 'The caller', schema: meSchema } },
      handler: async ({ auth: caller }) => {
        const organization = await caller.db.organization.findUnique({ where: { id: caller.organizationId } });
        if (!organization) throw new NotFoundError('Organization');
        const user = caller.userId ? await prisma.user.findUnique({ where: { id: caller.userId } }) : null;
        const acting = { id: organization.id, name: organization.name, role: caller.role };
        const apiKey = caller.apiKeyId ? await caller.db.apiKey.findUnique({ where: { id: caller.apiKeyId } }) : null;
        const memberships = caller.userId
          ? await prisma.membership.findMany({ where: { userId: caller.userId }, include: { organization: true }, orderBy: { createdAt: 'asc' } })
          : [];
        return {
          body: {
            user: user ? { id: user.id, email: user.email, name: user.name } : null,
            organization: acting,
            apiKey: apiKey ? { id: apiKey.id, name: apiKey.name, prefix: apiKey.prefix, role: apiKey.role, expiresAt: apiKey.expiresAt?.toISOString() ?? null } : null,
            // A key belongs to one organization and acts there with its own role, whoever created it.
            organizations: apiKey ? [acting] : memberships.map((m) => ({ id: m.organization.id, name: m.organization.name, role: m.role })),
          },
        };
      },
    }),
  ];
}
