import { z } from 'zod';
import { timezoneSchema } from '../../lib/timezone.js';
import { emailSchema, passwordSchema } from '../auth/auth.schemas.js';
import { newestFirstCursor } from '../../lib/http/cursor.js';

export const roleSchema = z.enum(['owner', 'admin', 'member', 'viewer']).openapi('Role');

export const organizationSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    timezone: z.string().describe('IANA zone: new campaigns and mailboxes start in it when they name none'),
    verifyLeadsAtImport: z.boolean().describe("Whether an import checks its leads' addresses unless it says otherwise"),
    createdAt: z.iso.datetime(),
  })
  .openapi('Organization');

export const updateOrganizationBody = z
  .object({
    name: z.string().trim().min(1, "Enter the organization's name").max(200, 'Use at most 200 characters').optional(),
    timezone: timezoneSchema.optional(),
    verifyLeadsAtImport: z.boolean().optional(),
  })
  .strict()
  .refine((body) => body.name !== undefined || body.timezone !== undefined || body.verifyLeadsAtImport !== undefined, {
    message: 'Send a name, a timezone or verifyLeadsAtImport',
  });

export const memberSchema = z
  .object({
    id: z.uuid().describe('The membership id'),
    userId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    createdAt: z.iso.datetime(),
  })
  .openapi('Member');

export const membershipParams = z.object({ membershipId: z.uuid() });
export const updateMemberBody = z.object({ role: roleSchema }).strict();

export const invitationSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: roleSchema,
    expiresAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('Invitation');

export const createInvitationBody = z.object({ email: emailSchema, role: roleSchema.exclude(['owner']).default('member') }).strict();

export const createdInvitationSchema = invitationSchema
  .extend({ token: z.string().describe('Shown once; the invitee presents it to /api/invitations/accept') })
  .openapi('CreatedInvitation');

export const invitationParams = z.object({ invitationId: z.uuid() });

export const invitationTokenBody = z.object({ token: z.string().min(1).max(512) }).strict();

export const invitationPreviewSchema = z
  .object({
    email: z.string().describe('Who the invitation is for'),
    role: roleSchema,
    organizationName: z.string(),
    expiresAt: z.iso.datetime(),
    hasAccount: z
      .boolean()
      .describe('Whether that address already has an Ophir account: then it accepts with its own password and no name'),
  })
  .openapi('InvitationPreview');

export const acceptInvitationBody = z
  .object({
    token: z.string().min(1).max(512),
    name: z.string().trim().min(1).max(200).optional().describe('Required when the invitee has no account yet'),
    password: passwordSchema.describe("The new account's password, or the existing account's"),
  })
  .strict();

export const apiKeySchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe('The first characters of the key, to recognise it'),
    role: roleSchema,
    lastUsedAt: z.iso.datetime().nullable(),
    expiresAt: z.iso.datetime().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('ApiKey');

export const createApiKeyBody = z
  .object({
    name: z.string().trim().min(1).max(200),
    role: roleSchema.exclude(['owner']).default('member'),
    expiresAt: z.iso.datetime().optional(),
  })
  .strict();

export const createdApiKeySchema = apiKeySchema.extend({ key: z.string().describe('Shown once; store it now') }).openapi('CreatedApiKey');

export const apiKeyParams = z.object({ apiKeyId: z.uuid() });

export const auditEntrySchema = z
  .object({
    id: z.uuid(),
    action: z.string(),
    targetType: z.string(),
    targetId: z.string().nullable(),
    actorUserId: z.uuid().nullable(),
    actorApiKeyId: z.uuid().nullable(),
    data: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .openapi('AuditEntry');

export const auditQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    cursor: newestFirstCursor.param,
  })
  .strict();
