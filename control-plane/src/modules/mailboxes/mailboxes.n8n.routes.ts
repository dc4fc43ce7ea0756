import type { SecretBox } from '../../lib/crypto.js';
import type { PrismaClient } from '../../lib/db/prisma.js';
import { route, type AnyRoute } from '../../lib/http/route.js';
import {
  accessTokenSchema,
  brokerRequestBody,
  captureSandboxMessageBody,
  capturedSandboxMessageSchema,
  imapCredentialsSchema,
  mailboxParams,
  sandboxInboxReadBody,
  sandboxInboxSchema,
  smtpCredentialsSchema,
} from './mailboxes.schemas.js';
import { captureSandboxMessage, imapCredentials, smtpCredentials } from './n8nMailboxAccess.js';
import type { SandboxInbox } from './sandbox/sandboxInbox.js';
import type { TokenBroker } from './tokenBroker.js';

const tag = 'n8n callbacks';

/** What the Send Email and Inbox Watch nodes ask for (custom-nodes/README.md "Endpoints the control plane implements"). */
export function mailboxN8nRoutes(deps: {
  prisma: PrismaClient;
  secrets: SecretBox;
  broker: TokenBroker;
  sandboxInbox: SandboxInbox;
}): AnyRoute[] {
  const { prisma, secrets, broker, sandboxInbox } = deps;
  return [
    // POST /api/internal/n8n/mailboxes/:mailboxId/access-token
    route({
      method: 'post',
      path: '/api/internal/n8n/mailboxes/:mailboxId/access-token',
      access: 'n8n',
      tag,
      summary:
        'A short-lived access token for a Gmail or Outlook mailbox (409 mailbox_needs_reauth / mailbox_unavailable when it cannot send)',
      params: mailboxParams,
      body: brokerRequestBody,
      responses: { 200: { description: 'The token and where to use it', schema: accessTokenSchema } },
      handler: async ({ params, body }) => ({ body: await broker.accessToken(params.mailboxId, body.provider, body.purpose) }),
    }),
    // POST /api/internal/n8n/mailboxes/:mailboxId/smtp-credentials
    route({
      method: 'post',
      path: '/api/internal/n8n/mailboxes/:mailboxId/smtp-credentials',
      access: 'n8n',
      tag,
      summary: "An SMTP mailbox's server and login, for one execution",
      params: mailboxParams,
      body: brokerRequestBody,
      responses: { 200: { description: 'SMTP settings', schema: smtpCredentialsSchema } },
      handler: async ({ params, body }) => ({ body: await smtpCredentials({ prisma, secrets }, params.mailboxId, body.provider) }),
    }),
    // POST /api/internal/n8n/mailboxes/:mailboxId/imap-credentials
    route({
      method: 'post',
      path: '/api/internal/n8n/mailboxes/:mailboxId/imap-credentials',
      access: 'n8n',
      tag,
      summary: "An SMTP mailbox's IMAP server and login, for the Inbox Watch node (409 mailbox_unavailable without IMAP settings)",
      params: mailboxParams,
      body: brokerRequestBody,
      responses: { 200: { description: 'IMAP settings', schema: imapCredentialsSchema } },
      handler: async ({ params, body }) => ({ body: await imapCredentials({ prisma, secrets }, params.mailboxId, body.provider) }),
    }),
    // POST /api/internal/n8n/sandbox-messages
    route({
      method: 'post',
      path: '/api/internal/n8n/sandbox-messages',
      access: 'n8n',
      tag,
      summary: 'Capture a message "sent" from a sandbox mailbox (idempotent by Message-ID)',
      body: captureSandboxMessageBody,
      responses: {
        201: { description: 'Captured', schema: capturedSandboxMessageSchema },
        200: { description: 'Already captured (duplicate: true)', schema: capturedSandboxMessageSchema },
      },
      handler: async ({ body }) => captureSandboxMessage(prisma, body),
    }),
    // POST /api/internal/n8n/mailboxes/:mailboxId/sandbox-inbox
    route({
      method: 'post',
      path: '/api/internal/n8n/mailboxes/:mailboxId/sandbox-inbox',
      access: 'n8n',
      tag,
      summary:
        'What a sandbox mailbox received after the cursor (simulated replies, bounces, out-of-office), oldest first, for the Inbox Watch node',
      params: mailboxParams,
      body: sandboxInboxReadBody,
      responses: { 200: { description: 'Raw messages and the cursor after them', schema: sandboxInboxSchema } },
      handler: async ({ params, body }) => ({ body: await sandboxInbox.readForWatcher(params.mailboxId, body) }),
    }),
  ];
}
