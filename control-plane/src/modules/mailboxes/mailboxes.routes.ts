import type { Request, Response } from 'express';
import { z } from 'zod';
import { route, type AnyRoute, type AuthContext } from '../../lib/http/route.js';
import type { MailboxesService } from './mailboxes.service.js';
import {
  connectResponseSchema,
  createSandboxMailboxBody,
  createSmtpMailboxBody,
  dailyUsageQuery,
  deleteMailboxQuery,
  mailboxDailyUsageSchema,
  mailboxHealthSchema,
  mailboxListItemSchema,
  mailboxParams,
  mailboxSchema,
  mailboxUsageSchema,
  oauthCallbackQuery,
  sandboxMessageParams,
  sandboxMessageSchema,
  sandboxMessagesQuery,
  simulateSandboxMessageBody,
  simulatedSandboxMessageSchema,
  updateMailboxBody,
} from './mailboxes.schemas.js';
import type { ConnectCookie } from './oauth/connectCookie.js';
import type { CallbackQuery, MailboxConnect } from './oauth/mailboxConnect.js';
import type { OAuthMailboxProvider } from './oauth/oauthProvider.js';
import type { SandboxInbox } from './sandbox/sandboxInbox.js';

const tag = 'Mailboxes';

function setCookie(res: Response, cookie: ConnectCookie): void {
  res.cookie(cookie.name, cookie.value, cookie.options);
}

/** The start answers the consent URL and sets the cookie the callback will require from this browser. */
function startConnect(connect: MailboxConnect, provider: OAuthMailboxProvider) {
  return async ({ auth, res }: { auth: AuthContext; res: Response }) => {
    const { cookie, ...started } = await connect.start(auth, provider);
    setCookie(res, cookie);
    return { body: started };
  };
}

function completeConnect(connect: MailboxConnect, provider: OAuthMailboxProvider) {
  return async ({ query, req, res }: { query: CallbackQuery; req: Request; res: Response }) => {
    const outcome = await connect.complete(provider, query, req.headers.cookie);
    if (outcome.clearCookie) setCookie(res, outcome.clearCookie);
    return { status: 302, headers: { Location: outcome.location } };
  };
}

export function mailboxUserRoutes(deps: { mailboxes: MailboxesService; connect: MailboxConnect; sandboxInbox: SandboxInbox }): AnyRoute[] {
  const { mailboxes, connect, sandboxInbox } = deps;
  return [
    // GET /api/mailboxes
    route({
      method: 'get',
      path: '/api/mailboxes',
      access: 'viewer',
      tag,
      summary: "Mailboxes campaigns can send from, each with today's usage",
      responses: { 200: { description: 'Mailboxes', schema: z.object({ data: z.array(mailboxListItemSchema) }) } },
      handler: async ({ auth }) => ({ body: { data: await mailboxes.list(auth) } }),
    }),
    // POST /api/mailboxes/gmail/connect
    route({
      method: 'post',
      path: '/api/mailboxes/gmail/connect',
      access: 'member',
      tag,
      summary: "Start connecting a Gmail mailbox: returns Google's consent URL, and sets the cookie the callback needs from this browser",
      responses: { 200: { description: 'Where to send the browser', schema: connectResponseSchema } },
      handler: startConnect(connect, 'gmail'),
    }),
    // POST /api/mailboxes/outlook/connect
    route({
      method: 'post',
      path: '/api/mailboxes/outlook/connect',
      access: 'member',
      tag,
      summary:
        "Start connecting an Outlook / Microsoft 365 mailbox: returns Microsoft's consent URL, and sets the cookie the callback needs from this browser",
      responses: { 200: { description: 'Where to send the browser', schema: connectResponseSchema } },
      handler: startConnect(connect, 'outlook'),
    }),
    // GET /api/oauth2/google/callback
    route({
      method: 'get',
      path: '/api/oauth2/google/callback',
      access: 'public',
      tag,
      summary: "Google's redirect after consent; stores the mailbox and redirects to the app",
      query: oauthCallbackQuery,
      responses: { 302: { description: 'To the app: /mailboxes?connected=<id> or ?error=<code>' } },
      handler: completeConnect(connect, 'gmail'),
    }),
    // GET /api/oauth2/microsoft/callback
    route({
      method: 'get',
      path: '/api/oauth2/microsoft/callback',
      access: 'public',
      tag,
      summary: "Microsoft's redirect after consent; stores the mailbox and redirects to the app",
      query: oauthCallbackQuery,
      responses: { 302: { description: 'To the app: /mailboxes?connected=<id> or ?error=<code>' } },
      handler: completeConnect(connect, 'outlook'),
    }),
    // POST /api/mailboxes/smtp
    route({
      method: 'post',
      path: '/api/mailboxes/smtp',
      access: 'member',
      tag,
      summary: 'Add (or update) an SMTP mailbox; the login is verified before saving',
      body: createSmtpMailboxBody,
      responses: {
        201: { description: 'Created', schema: mailboxSchema },
        200: { description: 'Updated (same address)', schema: mailboxSchema },
      },
      handler: async ({ auth, body }) => {
        const saved = await mailboxes.saveSmtp(auth, body);
        return { status: saved.created ? 201 : 200, body: saved.mailbox };
      },
    }),
    // POST /api/mailboxes/sandbox
    route({
      method: 'post',
      path: '/api/mailboxes/sandbox',
      access: 'member',
      tag,
      summary: 'Add a sandbox mailbox: it captures messages instead of sending them, and starts with no ramp and no minimum gap',
      body: createSandboxMailboxBody,
      responses: { 201: { description: 'Created', schema: mailboxSchema } },
      handler: async ({ auth, body }) => ({ status: 201, body: (await mailboxes.createSandbox(auth, body)).mailbox }),
    }),
    // GET /api/mailboxes/:mailboxId
    route({
      method: 'get',
      path: '/api/mailboxes/:mailboxId',
      access: 'viewer',
      tag,
      summary: 'One mailbox',
      params: mailboxParams,
      responses: { 200: { description: 'The mailbox', schema: mailboxSchema } },
      handler: async ({ auth, params }) => ({ body: await mailboxes.get(auth, params.mailboxId) }),
    }),
    // PATCH /api/mailboxes/:mailboxId
    route({
      method: 'patch',
      path: '/api/mailboxes/:mailboxId',
      access: 'member',
      tag,
      summary: 'Change limits (cap, ramp, gap, timezone, weight), the name, or pause/resume',
      params: mailboxParams,
      body: updateMailboxBody,
      responses: { 200: { description: 'The mailbox', schema: mailboxSchema } },
      handler: async ({ auth, params, body }) => ({ body: await mailboxes.update(auth, params.mailboxId, body) }),
    }),
    // DELETE /api/mailboxes/:mailboxId
    route({
      method: 'delete',
      path: '/api/mailboxes/:mailboxId',
      access: 'admin',
      tag,
      summary: 'Delete a mailbox; refused while an active campaign uses it unless ?detach=true',
      params: mailboxParams,
      query: deleteMailboxQuery,
      responses: { 204: { description: 'Deleted' } },
      handler: async ({ auth, params, query }) => {
        await mailboxes.remove(auth, params.mailboxId, query.detach);
      },
    }),
    // GET /api/mailboxes/:mailboxId/usage
    route({
      method: 'get',
      path: '/api/mailboxes/:mailboxId/usage',
      access: 'viewer',
      tag,
      summary: "Today's usage: limit (cap and ramp), sent, reserved, remaining and the next allowed send",
      params: mailboxParams,
      responses: { 200: { description: 'Usage', schema: mailboxUsageSchema } },
      handler: async ({ auth, params }) => ({ body: await mailboxes.usage(auth, params.mailboxId) }),
    }),
    // GET /api/mailboxes/:mailboxId/usage/daily
    route({
      method: 'get',
      path: '/api/mailboxes/:mailboxId/usage/daily',
      access: 'viewer',
      tag,
      summary: "Messages sent per day (calendar days in the mailbox's timezone), oldest first",
      params: mailboxParams,
      query: dailyUsageQuery,
      responses: { 200: { description: 'Sends per day', schema: mailboxDailyUsageSchema } },
      handler: async ({ auth, params, query }) => ({ body: await mailboxes.dailyUsage(auth, params.mailboxId, query.days) }),
    }),
    // GET /api/mailboxes/:mailboxId/health
    route({
      method: 'get',
      path: '/api/mailboxes/:mailboxId/health',
      access: 'viewer',
      tag,
      summary: 'Health score explained by its parts, and the auto-pause rule',
      params: mailboxParams,
      responses: { 200: { description: 'Health', schema: mailboxHealthSchema } },
      handler: async ({ auth, params }) => ({ body: await mailboxes.health(auth, params.mailboxId) }),
    }),
    // GET /api/mailboxes/:mailboxId/sandbox-messages
    route({
      method: 'get',
      path: '/api/mailboxes/:mailboxId/sandbox-messages',
      access: 'viewer',
      tag,
      summary: 'Messages a sandbox mailbox captured, newest first',
      params: mailboxParams,
      query: sandboxMessagesQuery,
      responses: {
        200: {
          description: 'Captured messages',
          schema: z.object({ data: z.array(sandboxMessageSchema), nextCursor: z.string().nullable() }),
        },
      },
      handler: async ({ auth, params, query }) => ({ body: await mailboxes.sandboxMessages(auth, params.mailboxId, query) }),
    }),
    // POST /api/mailboxes/:mailboxId/sandbox-messages/:sandboxMessageId/simulate
    route({
      method: 'post',
      path: '/api/mailboxes/:mailboxId/sandbox-messages/:sandboxMessageId/simulate',
      access: 'member',
      tag,
      summary:
        'The lead answers a captured send: a reply, a bounce or an out-of-office, read by the inbox watcher like real mail (sandbox mailboxes only)',
      params: sandboxMessageParams,
      body: simulateSandboxMessageBody,
      responses: {
        202: { description: 'Received by the sandbox mailbox; the inbox watcher files it', schema: simulatedSandboxMessageSchema },
      },
      handler: async ({ auth, params, body }) => ({
        status: 202,
        body: await sandboxInbox.simulate(auth, params.mailboxId, params.sandboxMessageId, body),
      }),
    }),
  ];
}
