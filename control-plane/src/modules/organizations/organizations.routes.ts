import { z } from 'zod';
import type { Clock } from '../../lib/clock.js';
import { route, type AnyRoute } from '../../lib/http/route.js';
import { sessionSchema } from '../auth/auth.schemas.js';
import { cookieSessionDescription, cookieSessionRefused, type SessionCookie } from '../auth/sessionCookie.js';
import type { ApiKeysService } from './apiKeys.service.js';
import type { InvitationsService } from './invitations.service.js';
import { listMembers, removeMember, updateMemberRole } from './members.service.js';
import { getOrganization, listAuditLog, updateOrganization } from './organization.service.js';
import {
  acceptInvitationBody,
  apiKeyParams,
  apiKeySchema,
  auditEntrySchema,
  auditQuery,
  createApiKeyBody,
  createdApiKeySchema,
  createdInvitationSchema,
  createInvitationBody,
  invitationParams,
  invitationPreviewSchema,
  invitationSchema,
  invitationTokenBody,
  memberSchema,
  membershipParams,
  organizationSchema,
  updateMemberBody,
  updateOrganizationBody,
} from './organizations.schemas.js';

export function organizationRoutes(deps: {
  invitations: InvitationsService;
  apiKeys: ApiKeysService;
  clock: Clock;
  sessionCookie: SessionCookie;
}): AnyRoute[] {
  const { invitations, apiKeys, clock, sessionCookie } = deps;
  return [
    // GET /api/organization
    route({
      method: 'get',
      path: '/api/organization',
      access: 'viewer',
      tag: 'Organization',
      summary: 'The organization you are signed in to',
      responses: { 200: { description: 'The organization', schema: organizationSchema } },
      handler: async ({ auth }) => ({ body: await getOrganization(auth) }),
    }),
    // PATCH /api/organization
    route({
      method: 'patch',
      path: '/api/organization',
      access: 'admin',
      tag: 'Organization',
      summary:
        'Rename the organization, set its timezone (the default zone of new campaigns and mailboxes) or whether imports verify addresses',
      body: updateOrganizationBody,
      responses: { 200: { description: 'The organization', schema: organizationSchema } },
      handler: async ({ auth, body }) => ({ body: await updateOrganization(auth, body) }),
    }),
    // GET /api/members
    route({
      method: 'get',
      path: '/api/members',
      access: 'viewer',
      tag: 'Members',
      summary: 'Members of the organization and their roles',
      responses: { 200: { description: 'Members', schema: z.object({ data: z.array(memberSchema) }) } },
      handler: async ({ auth }) => ({ body: { data: await listMembers(auth) } }),
    }),
    // PATCH /api/members/:membershipId
    route({
      method: 'patch',
      path: '/api/members/:membershipId',
      access: 'admin',
      tag: 'Members',
      summary: "Change a member's role; on a demotion their API keys are capped to it and invitations they may no longer send are revoked",
      params: membershipParams,
      body: updateMemberBody,
      responses: { 200: { description: 'The member', schema: memberSchema } },
      handler: async ({ auth, params, body }) => ({ body: await updateMemberRole(auth, params.membershipId, body.role, clock.now()) }),
    }),
    // DELETE /api/members/:membershipId
    route({
      method: 'delete',
      path: '/api/members/:membershipId',
      access: 'admin',
      tag: 'Members',
      summary: 'Remove a member: their sessions end, and the API keys and pending invitations they issued are revoked',
      params: membershipParams,
      responses: { 204: { description: 'Removed' } },
      handler: async ({ auth, params }) => {
        await removeMember(auth, params.membershipId, clock.now());
      },
    }),
    // POST /api/invitations
    route({
      method: 'post',
      path: '/api/invitations',
      access: 'admin',
      tag: 'Members',
      summary: 'Invite someone by email; the token is returned once',
      body: createInvitationBody,
      responses: { 201: { description: 'Invitation', schema: createdInvitationSchema } },
      handler: async ({ auth, body }) => ({ status: 201, body: await invitations.create(auth, body) }),
    }),
    // GET /api/invitations
    route({
      method: 'get',
      path: '/api/invitations',
      access: 'admin',
      tag: 'Members',
      summary: 'Pending invitations',
      responses: { 200: { description: 'Invitations', schema: z.object({ data: z.array(invitationSchema) }) } },
      handler: async ({ auth }) => ({ body: { data: await invitations.list(auth) } }),
    }),
    // DELETE /api/invitations/:invitationId
    route({
      method: 'delete',
      path: '/api/invitations/:invitationId',
      access: 'admin',
      tag: 'Members',
      summary: 'Revoke a pending invitation',
      params: invitationParams,
      responses: { 204: { description: 'Revoked' } },
      handler: async ({ auth, params }) => {
        await invitations.revoke(auth, params.invitationId);
      },
    }),
    // POST /api/invitations/preview
    route({
      method: 'post',
      path: '/api/invitations/preview',
      access: 'public',
      tag: 'Members',
      summary: 'What a pending invitation is for (organization, address, role), before accepting it',
      description:
        'The token travels in the body, not the URL, so that it stays out of access logs. An accepted, revoked or expired invitation is 404.',
      body: invitationTokenBody,
      responses: { 200: { description: 'The invitation', schema: invitationPreviewSchema } },
      handler: async ({ body }) => ({ body: await invitations.preview(body.token) }),
    }),
    // POST /api/invitations/accept
    route({
      method: 'post',
      path: '/api/invitations/accept',
      access: 'public',
      tag: 'Members',
      summary: 'Accept an invitation: creates your account, or adds the organization to it',
      description: cookieSessionDescription,
      body: acceptInvitationBody,
      responses: { 200: { description: 'Signed in to the organization', schema: sessionSchema }, 403: cookieSessionRefused },
      handler: async ({ body, req, res }) => {
        const cookieSession = sessionCookie.requested(req);
        return { body: sessionCookie.answer(res, await invitations.accept(body), cookieSession) };
      },
    }),
    // GET /api/api-keys
    route({
      method: 'get',
      path: '/api/api-keys',
      access: 'admin',
      tag: 'API keys',
      summary: 'Active API keys (never the keys themselves)',
      responses: { 200: { description: 'API keys', schema: z.object({ data: z.array(apiKeySchema) }) } },
      handler: async ({ auth }) => ({ body: { data: await apiKeys.list(auth) } }),
    }),
    // POST /api/api-keys
    route({
      method: 'post',
      path: '/api/api-keys',
      access: 'admin',
      tag: 'API keys',
      summary: 'Create an API key; the key is shown once',
      body: createApiKeyBody,
      responses: { 201: { description: 'The new key', schema: createdApiKeySchema } },
      handler: async ({ auth, body }) => ({ status: 201, body: await apiKeys.create(auth, body) }),
    }),
    // DELETE /api/api-keys/:apiKeyId
    route({
      method: 'delete',
      path: '/api/api-keys/:apiKeyId',
      access: 'admin',
      tag: 'API keys',
      summary: 'Revoke an API key',
      params: apiKeyParams,
      responses: { 204: { description: 'Revoked' } },
      handler: async ({ auth, params }) => {
        await apiKeys.revoke(auth, params.apiKeyId);
      },
    }),
    // GET /api/audit-log
    route({
      method: 'get',
      path: '/api/audit-log',
      access: 'admin',
      tag: 'Organization',
      summary: 'Who changed what, newest first',
      query: auditQuery,
      responses: {
        200: { description: 'Entries', schema: z.object({ data: z.array(auditEntrySchema), nextCursor: z.string().nullable() }) },
      },
      handler: async ({ auth, query }) => ({ body: await listAuditLog(auth, query) }),
    }),
  ];
}
