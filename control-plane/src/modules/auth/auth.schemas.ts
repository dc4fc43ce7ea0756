import { z } from 'zod';

export const emailSchema = z
  .email()
  .max(254)
  .transform((email) => email.toLowerCase());

export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(256);

export const registerBody = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: z.string().trim().min(1).max(200),
    organizationName: z.string().trim().min(1).max(200),
  })
  .strict()
  .openapi('RegisterRequest');

export const loginBody = z
  .object({
    email: emailSchema,
    password: z.string().min(1).max(256),
    organizationId: z.uuid().optional().describe('Which organization to sign in to; defaults to the oldest membership'),
  })
  .strict()
  .openapi('LoginRequest');

export const refreshBody = z.object({ refreshToken: z.string().min(1).max(512) }).strict().openapi('RefreshRequest');

export const userSchema = z.object({ id: z.uuid(), email: z.string(), name: z.string() }).openapi('User');

export const organizationSummarySchema = z
  .object({ id: z.uuid(), name: z.string(), role: z.enum(['owner', 'admin', 'member', 'viewer']) })
  .openapi('OrganizationSummary');

export const sessionSchema = z
  .object({
    accessToken: z.string(),
    accessTokenExpiresAt: z.iso.datetime(),
    refreshToken: z.string(),
    refreshTokenExpiresAt: z.iso.datetime(),
    user: userSchema,
    organization: organizationSummarySchema,
  })
  .openapi('Session');

export const meSchema = z
  .object({
    user: userSchema.nullable(),
    organization: organizationSummarySchema,
    apiKeyId: z.uuid().optional(),
    organizations: z.array(organizationSummarySchema),
  })
  .openapi('Me');
