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

export const refreshBody = z
  .object({
    refreshToken: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .describe(
        'Required unless this is a cookie session (header X-Ophir-Session: cookie), whose refresh token comes from its cookie and must not be in the body',
      ),
  })
  .strict()
  .openapi('RefreshRequest');

export const userSchema = z.object({ id: z.uuid(), email: z.string(), name: z.string() }).openapi('User');

export const organizationSummarySchema = z
  .object({ id: z.uuid(), name: z.string(), role: z.enum(['owner', 'admin', 'member', 'viewer']) })
  .openapi('OrganizationSummary');

export const sessionSchema = z
  .object({
    accessToken: z.string(),
    accessTokenExpiresAt: z.iso.datetime(),
    refreshToken: z
      .string()
      .optional()
      .describe('Absent in a cookie session (header X-Ophir-Session: cookie): the token is then in the httpOnly ophir_refresh cookie'),
    refreshTokenExpiresAt: z.iso.datetime(),
    user: userSchema,
    organization: organizationSummarySchema,
  })
  .openapi('Session');

export const meSchema = z
  .object({
    user: userSchema.nullable().describe('The signed-in user; null when an API key calls'),
    organization: organizationSummarySchema.describe('The organization this call acts in, with the role it acts as'),
    apiKey: z
      .object({
        id: z.uuid(),
        name: z.string(),
        prefix: z.string(),
        role: organizationSummarySchema.shape.role,
        expiresAt: z.iso.datetime().nullable(),
      })
      .nullable()
      .describe('The API key calling (it acts in its one organization with its own role); null for a signed-in user'),
    organizations: z
      .array(organizationSummarySchema)
      .describe("Where the caller can act: a user's memberships; for an API key, its one organization with the key's role"),
  })
  .openapi('Me');

export const updateMeBody = z.object({ name: z.string().trim().min(1, 'Enter your name').max(200, 'Use at most 200 characters') }).strict();

export const changePasswordBody = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(256),
    newPassword: passwordSchema,
  })
  .strict();
