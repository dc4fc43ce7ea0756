// Integration: walks every route in the OpenAPI document with a second organization's owner
// credentials against the first organization's resources (real app, real PostgreSQL).
import type { IncomingMessage } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordWebhookEvents } from '../lib/webhooks/webhookOutbox.js';
import { LocalSmtpServer } from './fakes/localSmtpServer.js';
import { callAsN8n } from './n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from './testApp.js';

let t: TestApp;
let victim: SignedUp;
let attacker: SignedUp;
/** Path parameter name -> an id that belongs to the victim's organization. */
const victimIds: Record<string, string> = {};
const victimSecrets: string[] = [];

/**
 * A valid body for each route that takes one, so the request reaches the data layer instead of
 * stopping at validation. A new route with a body must add an entry here: the walk fails otherwise.
 */
const validBodies: Record<string, unknown> = {
  'PATCH /api/organization': { name: 'Renamed by attacker' },
  // The account routes act on the caller alone: the attacker changes their own name and password.
  'PATCH /api/me': { name: 'Attacker renamed' },
  'POST /api/me/password': { currentPassword: 'correct horse battery staple', newPassword: 'correct horse battery staple' },
  'PATCH /api/members/{membershipId}': { role: 'viewer' },
  'POST /api/invitations': { email: 'walk@example.com', role: 'member' },
  'POST /api/api-keys': { name: 'walk key', role: 'member' },
  'POST /api/campaigns': { name: 'Attacker campaign' },
  'PATCH /api/campaigns/{campaignId}': { name: 'Renamed by attacker' },
  'POST /api/campaigns/{campaignId}/start': { domainOverride: { reason: 'Started by attacker' } },
  'POST /api/deployments/{deploymentId}/resolve-drift': { action: 'keep_n8n' },
  'POST /api/mailboxes/sandbox': { email: 'walk-sandbox@attacker.example' },
  'PATCH /api/mailboxes/{mailboxId}': { dailyCap: 1, status: 'paused' },
  'POST /api/mailboxes/{mailboxId}/domain-check': { dkimSelector: 'walk' },
  'PUT /api/mailboxes/{mailboxId}/warmup': { enabled: false, replyRatePercent: 0 },
  'PUT /api/warmup/pool': { instancePool: true },
  'POST /api/leads': { email: 'walk-lead@attacker.example' },
  'PATCH /api/leads/{leadId}': { company: 'Changed by attacker' },
  'POST /api/lead-lists': { name: 'Attacker list' },
  'PATCH /api/lead-lists/{listId}': { name: 'Renamed by attacker' },
  // Raw CSV bodies (the upload routes take the file itself, not JSON).
  'POST /api/lead-imports': 'email\nwalk-import@attacker.example\n',
  'POST /api/lead-imports/{importId}/commit': {},
  'POST /api/suppressions': { kind: 'domain', value: 'walk.attacker.example' },
  'POST /api/webhooks/endpoints': { url: 'https://hooks.attacker.example/ophir', eventTypes: ['lead.replied'] },
  'PATCH /api/webhooks/endpoints/{endpointId}': { description: 'Changed by attacker', enabled: false },
  'POST /api/webhooks/endpoints/{endpointId}/rotate-secret': { overlapHours: 0 },
  'PUT /api/webhooks/settings': { allowHttp: true },
  'POST /api/suppressions/import': 'email\nwalk-suppressed@attacker.example\n',
  'PATCH /api/inbox/threads/{threadId}': { read: true, label: 'not_interested' },
  'POST /api/inbox/threads/{threadId}/replies': { bodyText: 'Reply by attacker' },
  'POST /api/inbox/labels': { name: 'Attacker label' },
  'POST /api/mailboxes/{mailboxId}/sandbox-messages/{sandboxMessageId}/simulate': { kind: 'reply', bodyText: 'Simulated by attacker' },
};
// The attacker's own SMTP mailbox is verified against this server (filled in beforeAll).
const smtpServer = new LocalSmtpServer({ username: 'walk', password: 'walk password' });

beforeAll(async () => {
  // OAuth clients are configured (never called) so the connect routes answer with a consent URL.
  t = await createTestApp({
    env: {
      GOOGLE_CLIENT_ID: 'walk-client',
      GOOGLE_CLIENT_SECRET: 'walk-secret',
      MICROSOFT_CLIENT_ID: 'walk-client',
      MICROSOFT_CLIENT_SECRET: 'walk-secret',
    },
  });
  const smtp = await smtpServer.start();
  validBodies['POST /api/mailboxes/smtp'] = {
    email: 'walk-smtp@attacker.example',
    smtp: { ...smtp, tlsMode: 'none', username: 'walk', password: 'walk password' },
  };
  victim = await signUp(t.http, { organizationName: 'Victim' });
  attacker = await signUp(t.http, { organizationName: 'Attacker' });

  const invitation = await t.http.post('/api/invitations').set(victim.auth).send({ email: 'colleague@victim.com', role: 'member' });
  const accepted = await t.http
    .post('/api/invitations/accept')
    .send({ token: invitation.body.token, name: 'Colleague', password: 'colleague password' });
  const pending = await t.http.post('/api/invitations').set(victim.auth).send({ email: 'pending@victim.com', role: 'viewer' });
  const apiKey = await t.http.post('/api/api-keys').set(victim.auth).send({ name: 'victim key', role: 'member' });
  const members = await t.http.get('/api/members').set(victim.auth);

  victimIds.membershipId = members.body.data.find((m: { userId: string }) => m.userId === accepted.body.user.id).id;
  victimIds.invitationId = pending.body.id;
  victimIds.apiKeyId = apiKey.body.id;
  // A webhook subscription with one delivery in its log.
  const endpoint = await t.http
    .post('/api/webhooks/endpoints')
    .set(victim.auth)
    .send({ url: 'https://hooks.victim.example/ophir', eventTypes: ['lead.replied'], description: 'Victim hook' });
  victimIds.endpointId = endpoint.body.id;
  victimSecrets.push(endpoint.body.id, endpoint.body.secret, 'hooks.victim.example', 'Victim hook');
  await recordWebhookEvents(t.prisma, victim.organization.id, [
    { type: 'lead.replied', occurredAt: new Date(), data: { label: 'victim-event' } },
  ]);
  victimIds.deliveryId = (await t.prisma.webhookDelivery.findFirstOrThrow({ where: { endpointId: endpoint.body.id } })).id;
  victimSecrets.push(victimIds.deliveryId);

  const campaign = await t.http.post('/api/campaigns').set(victim.auth).send({ name: 'Victim campaign' });
  victimIds.campaignId = campaign.body.id;
  // No n8n in this test: the deployment row stands in for one a start would have created.
  const deployment = await t.prisma.workflowDeployment.create({
    data: {
      organizationId: victim.organization.id,
      campaignId: campaign.body.id,
      templateName: 'campaign-sender',
      templateVersion: '1.0.0',
      status: 'drifted',
    },
  });
  victimIds.deploymentId = deployment.id;
  victimSecrets.push(campaign.body.id, deployment.id);
  const mailbox = await t.http.post('/api/mailboxes/sandbox').set(victim.auth).send({ email: 'sender@victim.com' });
  victimIds.mailboxId = mailbox.body.id;
  victimSecrets.push(mailbox.body.id, 'sender@victim.com');
  const warmup = await t.http
    .put(`/api/mailboxes/${mailbox.body.id}/warmup`)
    .set(victim.auth)
    .send({ enabled: true, replyRatePercent: 40 });
  expect(warmup.status).toBe(200);
  // A send the victim's sandbox mailbox captured, as the workflow hands it over.
  const capturedRaw =
    'From: <sender@victim.com>\r\nTo: <lead@victim.com>\r\nSubject: Victim capture\r\nMessage-ID: <ophir.victim@victim.com>\r\n\r\nVictim capture body';
  const capture = await callAsN8n(t, '/api/internal/n8n/sandbox-messages', {
    mailboxId: mailbox.body.id,
    messageId: '<ophir.victim@victim.com>',
    to: 'lead@victim.com',
    raw: Buffer.from(capturedRaw).toString('base64'),
  });
  victimIds.sandboxMessageId = capture.body.id;
  victimSecrets.push(capture.body.id, 'Victim capture body');
  victimSecrets.push(
    victim.organization.id,
    victim.user.email,
    'colleague@victim.com',
    'pending@victim.com',
    apiKey.body.id,
    pending.body.id,
  );

  const lead = await t.http
    .post('/api/leads')
    .set(victim.auth)
    .send({ email: 'lead@victim.com', company: 'Victim Co', tags: ['victim'] });
  const list = await t.http.post('/api/lead-lists').set(victim.auth).send({ name: 'Victim list' });
  await t.http
    .post(`/api/lead-lists/${list.body.id}/members`)
    .set(victim.auth)
    .send({ leadIds: [lead.body.id] });
  const leadImport = await t.http
    .post('/api/lead-imports')
    .set(victim.auth)
    .set('Content-Type', 'text/csv')
    .send(Buffer.from('email\nimported@victim.com\n'));
  const suppression = await t.http
    .post('/api/suppressions')
    .set(victim.auth)
    .send({ kind: 'email', value: 'blocked@victim.com', reason: 'unsubscribed' });
  victimIds.leadId = lead.body.id;
  victimIds.listId = list.body.id;
  victimIds.importId = leadImport.body.id;
  victimIds.suppressionId = suppression.body.id;
  // Bulk operations name leads in the body: the victim's ids must simply match nothing.
  validBodies['POST /api/leads/tags'] = { leadIds: [lead.body.id], add: ['attacker'] };
  validBodies['POST /api/leads/export'] = { leadIds: [lead.body.id] };
  validBodies['POST /api/lead-lists/{listId}/members'] = { leadIds: [lead.body.id] };
  validBodies['DELETE /api/lead-lists/{listId}/members'] = { leadIds: [lead.body.id] };
  validBodies['POST /api/lead-verifications'] = { leadIds: [lead.body.id] };
  const verification = await t.http
    .post('/api/lead-verifications')
    .set(victim.auth)
    .send({ leadIds: [lead.body.id] });
  victimIds.verificationId = verification.body.id;
  victimSecrets.push(
    lead.body.id,
    'lead@victim.com',
    list.body.id,
    leadImport.body.id,
    'imported@victim.com',
    suppression.body.id,
    'blocked@victim.com',
  );

  // The campaign definition: a sequence, and the victim's lead enrolled in it.
  const victimSequence = {
    steps: [{ delayAmount: 0, variants: [{ label: 'A', subject: 'Victim subject', bodyText: 'Victim body {{unsubscribeUrl}}' }] }],
  };
  await t.http.put(`/api/campaigns/${campaign.body.id}/sequence`).set(victim.auth).send(victimSequence);
  await t.http
    .post(`/api/campaigns/${campaign.body.id}/enrollments`)
    .set(victim.auth)
    .send({ leadIds: [lead.body.id] });
  const enrollments = await t.http.get(`/api/campaigns/${campaign.body.id}/enrollments`).set(victim.auth);
  victimIds.enrollmentId = enrollments.body.data[0].id;
  validBodies['PUT /api/campaigns/{campaignId}/sequence'] = {
    steps: [{ delayAmount: 0, variants: [{ label: 'A', subject: 'Attacker', bodyText: 'Attacker {{unsubscribeUrl}}' }] }],
  };
  validBodies['POST /api/campaigns/{campaignId}/preview'] = { leadId: lead.body.id };
  validBodies['POST /api/campaigns/{campaignId}/sequence/validate'] = validBodies['PUT /api/campaigns/{campaignId}/sequence'];
  validBodies['POST /api/campaigns/{campaignId}/test-sends'] = { leadId: lead.body.id, step: 1, mailboxId: mailbox.body.id };
  validBodies['POST /api/campaigns/{campaignId}/enrollments/preview'] = { leadIds: [lead.body.id] };
  validBodies['POST /api/campaigns/{campaignId}/enrollments'] = { leadIds: [lead.body.id] };
  victimSecrets.push(victimIds.enrollmentId!, 'Victim subject', 'Victim body');

  // An inbox thread as a reply from the lead would have opened (no watcher here).
  const thread = await t.prisma.inboxThread.create({
    data: {
      organizationId: victim.organization.id,
      mailboxId: mailbox.body.id,
      leadId: lead.body.id,
      campaignId: campaign.body.id,
      enrollmentId: victimIds.enrollmentId!,
      subject: 'Re: Victim subject',
      snippet: 'Victim reply text',
      lastMessageAt: new Date(),
    },
  });
  victimIds.threadId = thread.id;
  victimSecrets.push(thread.id, 'Victim reply text');
  const label = await t.http.post('/api/inbox/labels').set(victim.auth).send({ name: 'Victim label' });
  victimIds.labelId = label.body.id;
  victimSecrets.push(label.body.id, 'Victim label');
});
afterAll(async () => {
  await smtpServer.stop();
  await t.close();
});

interface Operation {
  method: string;
  path: string;
  security?: unknown[];
  requestBody?: unknown;
  responses?: Record<string, { content?: Record<string, unknown> }>;
}

const isEventStream = (operation: Operation) => Object.keys(operation.responses?.['200']?.content ?? {}).includes('text/event-stream');

/** A live stream's text up to its first event; the connection is then closed (such a stream never ends by itself). */
async function firstEventOf(url: string, auth: Record<string, string>): Promise<{ status: number; text: string }> {
  const response = await t.http
    .get(url)
    .set(auth)
    .buffer(true)
    .parse((res, done) => {
      const stream = res as unknown as IncomingMessage;
      let text = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        text += chunk;
        const data = text.indexOf('data:');
        if (data >= 0 && text.indexOf('\n\n', data) >= 0) {
          done(null, text);
          stream.destroy();
        }
      });
      stream.on('end', () => done(null, text));
    });
  return { status: response.status, text: response.body as string };
}

async function documentedOperations(): Promise<Operation[]> {
  const document = (await t.http.get('/api/openapi.json')).body as {
    paths: Record<string, Record<string, Omit<Operation, 'method' | 'path'>>>;
  };
  return Object.entries(document.paths).flatMap(([path, methods]) =>
    Object.entries(methods).map(([method, operation]) => ({ ...operation, method: method.toUpperCase(), path })),
  );
}

describe('cross-organization access', () => {
  it("answers 404 (never 403, never data) for every route given another organization's ids", async () => {
    const operations = (await documentedOperations()).filter((op) => JSON.stringify(op.security ?? []).includes('bearer'));
    expect(operations.length).toBeGreaterThan(10);
    const checked: string[] = [];
    for (const operation of operations) {
      const key = `${operation.method} ${operation.path}`;
      const params = [...operation.path.matchAll(/\{(\w+)\}/g)].map((match) => match[1]!);
      const missing = params.filter((name) => !victimIds[name]);
      expect(missing, `no victim fixture for path parameter(s) of ${key}`).toEqual([]);
      if (operation.requestBody) expect(validBodies[key], `no valid body fixture for ${key}`).toBeDefined();

      const url = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => victimIds[name]!);
      if (isEventStream(operation) && params.length === 0) {
        // The organization's own live stream: it answers the attacker's organization, never the victim's.
        const stream = await firstEventOf(url, attacker.auth);
        expect(stream.status, key).toBe(200);
        for (const secret of victimSecrets) expect(stream.text, `${key} leaked ${secret}`).not.toContain(secret);
        checked.push(key);
        continue;
      }
      const response = await t.http[operation.method.toLowerCase() as 'get'](url)
        .set(attacker.auth)
        .send(validBodies[key] as object);

      if (params.length > 0) {
        expect(response.status, `${key} -> ${response.status} ${response.text}`).toBe(404);
        expect(response.body.code).toBe('not_found');
      } else {
        expect(response.status, `${key} -> ${response.status} ${response.text}`).toBeLessThan(400);
      }
      // The problem's `instance` echoes the requested URL, which the attacker wrote; anything else must not name the victim.
      const { instance: _echoedUrl, ...answer } = (response.body ?? {}) as Record<string, unknown>;
      for (const secret of victimSecrets) expect(JSON.stringify(answer), `${key} leaked ${secret}`).not.toContain(secret);
      // A download (a CSV export) answers in text: it must not name the victim either.
      if (!/json/.test(response.type))
        for (const secret of victimSecrets) expect(response.text ?? '', `${key} leaked ${secret}`).not.toContain(secret);
      checked.push(key);
    }
    expect(checked).toEqual(expect.arrayContaining(['PATCH /api/members/{membershipId}', 'DELETE /api/api-keys/{apiKeyId}']));
  });

  it("left the victim's organization untouched", async () => {
    const members = await t.http.get('/api/members').set(victim.auth);
    expect(members.body.data.find((m: { id: string }) => m.id === victimIds.membershipId).role).toBe('member');
    const invitations = await t.http.get('/api/invitations').set(victim.auth);
    expect(invitations.body.data.map((i: { id: string }) => i.id)).toContain(victimIds.invitationId);
    const keys = await t.http.get('/api/api-keys').set(victim.auth);
    expect(keys.body.data.map((k: { id: string }) => k.id)).toContain(victimIds.apiKeyId);
    expect((await t.http.get('/api/organization').set(victim.auth)).body.name).toBe('Victim');
    const mailbox = await t.http.get(`/api/mailboxes/${victimIds.mailboxId}`).set(victim.auth);
    expect(mailbox.body).toMatchObject({ status: 'active', dailyCap: 30 });
    const warmup = await t.http.get(`/api/mailboxes/${victimIds.mailboxId}/warmup`).set(victim.auth);
    expect(warmup.body).toMatchObject({ enabled: true, replyRatePercent: 40, pool: { instancePoolOptIn: false } });
    const campaign = await t.http.get(`/api/campaigns/${victimIds.campaignId}`).set(victim.auth);
    expect(campaign.body).toMatchObject({ name: 'Victim campaign', status: 'draft' });
  });

  it("left the victim's leads, lists, imports and suppressions untouched", async () => {
    const lead = await t.http.get(`/api/leads/${victimIds.leadId}`).set(victim.auth);
    expect(lead.body).toMatchObject({ company: 'Victim Co', tags: ['victim'] });
    const list = await t.http.get(`/api/lead-lists/${victimIds.listId}`).set(victim.auth);
    expect(list.body).toMatchObject({ name: 'Victim list', memberCount: 1 });
    expect((await t.http.get(`/api/lead-imports/${victimIds.importId}`).set(victim.auth)).body.status).toBe('previewed');
    const suppressions = await t.http.get('/api/suppressions').set(victim.auth);
    expect(suppressions.body.data.map((row: { id: string }) => row.id)).toEqual([victimIds.suppressionId]);
  });

  it("left the victim's sequence and enrolments untouched", async () => {
    const sequence = await t.http.get(`/api/campaigns/${victimIds.campaignId}/sequence`).set(victim.auth);
    expect(sequence.body.steps.map((step: { variants: Array<{ subject: string }> }) => step.variants[0]!.subject)).toEqual([
      'Victim subject',
    ]);
    const enrollments = await t.http.get(`/api/campaigns/${victimIds.campaignId}/enrollments`).set(victim.auth);
    expect(enrollments.body.data).toEqual([expect.objectContaining({ id: victimIds.enrollmentId, state: 'active' })]);
  });

  it("left the victim's webhook subscription, its secret and its log untouched", async () => {
    const endpoint = await t.http.get(`/api/webhooks/endpoints/${victimIds.endpointId}`).set(victim.auth);
    expect(endpoint.body).toMatchObject({ enabled: true, description: 'Victim hook', previousSecretExpiresAt: null });
    const deliveries = await t.http.get(`/api/webhooks/endpoints/${victimIds.endpointId}/deliveries`).set(victim.auth);
    expect(deliveries.body.data).toEqual([expect.objectContaining({ id: victimIds.deliveryId, status: 'pending', attempts: 0 })]);
  });

  it("left the victim's inbox thread and labels untouched, with no reply queued", async () => {
    const thread = await t.http.get(`/api/inbox/threads/${victimIds.threadId}`).set(victim.auth);
    expect(thread.body).toMatchObject({ unread: true, label: null, customLabel: null, messages: [] });
    const labels = await t.http.get('/api/inbox/labels').set(victim.auth);
    expect(labels.body.data.map((label: { name: string }) => label.name)).toEqual(['Victim label']);
    const summary = await t.http.get('/api/inbox/summary').set(attacker.auth);
    expect(summary.body).toMatchObject({ threads: 0, unreadThreads: 0 });
  });

  it('walks the campaign stats routes (totals, daily series, live stream), which answer the victim only', async () => {
    const walked = (await documentedOperations())
      .filter((op) => JSON.stringify(op.security ?? []).includes('bearer'))
      .map((op) => `${op.method} ${op.path}`);
    const statsRoutes = [
      'GET /api/campaigns/{campaignId}/stats',
      'GET /api/campaigns/{campaignId}/stats/daily',
      'GET /api/campaigns/{campaignId}/stats/stream',
    ];
    expect(walked).toEqual(expect.arrayContaining(statsRoutes));
    const own = await t.http.get(`/api/campaigns/${victimIds.campaignId}/stats`).set(victim.auth);
    expect(own.status).toBe(200);
    expect(own.body.campaignId).toBe(victimIds.campaignId);
  });
});
