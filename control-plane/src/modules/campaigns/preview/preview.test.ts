// Integration: a preview is what the claim hands n8n for the same lead (real app, signed claim, real PostgreSQL).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { createCampaign, createLead } from '../../../test/campaignApi.js';
import { callAsN8n } from '../../../test/n8nCallbacks.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { oneClickUnsubscribeHeaders } from '../../../../../custom-nodes/nodes/SendEmail/compose.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

const steps = [
  {
    delayAmount: 0,
    variants: [
      {
        label: 'A',
        subject: '{Hi|Hello|Hey} {{default lead.firstName "there"}}',
        bodyText: '{Quick|Short} note for {{lead.company}} on {{lead.custom.plan}}.\n{{unsubscribeUrl}}',
        bodyHtml: '<p>{Dear|Hello} {{lead.company}}</p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
      },
      {
        label: 'B',
        weight: 2,
        subject: 'About {{lead.company}}',
        bodyText: '{Any|Some} thoughts, {{default lead.firstName "friend"}}? {{unsubscribeUrl}}',
        bodyHtml: '<p>See <a href="https://acme.example/pricing">pricing</a></p><a href="{{unsubscribeUrl}}">Unsubscribe</a>',
      },
    ],
  },
  {
    delayAmount: 2,
    delayUnit: 'days',
    variants: [
      { label: 'A', bodyText: '{Bumping|Following up on} this. {{unsubscribeUrl}}' },
      { label: 'B', bodyText: 'Circling back, {{default lead.firstName "friend"}}. {{unsubscribeUrl}}' },
    ],
  },
];

/** Moving the clock by days expires the access token; a fresh sign-in continues in the same organization. */
async function signInAgain() {
  const login = await t.http.post('/api/auth/login').send({ email: owner.user.email, password: 'correct horse battery staple' });
  expect(login.status).toBe(200);
  owner = { ...owner, auth: { Authorization: `Bearer ${login.body.accessToken}` } };
}

/** Tracked links with their tokens cut: a preview's name no message (they lead nowhere), the claim's name the send. */
const untokenised = (rendered: { subject: string; text: string; html: string | null }) => ({
  ...rendered,
  html: rendered.html?.replace(/\/([oc])\/[^"]+/g, '/$1/…') ?? null,
});

const preview = (campaignId: string, body: object) => t.http.post(`/api/campaigns/${campaignId}/preview`).set(owner.auth).send(body);

async function claimOne(campaignId: string) {
  const response = await callAsN8n(t, '/api/internal/n8n/claims', { campaignId, batchSize: 10 });
  expect(response.status).toBe(200);
  expect(response.body.items).toHaveLength(1);
  const item = response.body.items[0] as {
    sendId: string;
    attempt: number;
    message: { subject: string; text: string; html: string | null; unsubscribeUrl: string };
    mailboxes: Array<{ id: string }>;
  };
  return { ...item, rendered: { subject: item.message.subject, text: item.message.text, html: item.message.html } };
}

describe('preview', () => {
  it('renders each step exactly as the claim sends it, step 1 and the threaded follow-up', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    expect((await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send({ steps })).status).toBe(200);
    const leadId = await createLead(t.http, owner, { email: 'ann@acme.example', company: 'Acme & Sons', customFields: { plan: 'Pro' } });
    expect(
      (
        await t.http
          .post(`/api/campaigns/${campaignId}/enrollments`)
          .set(owner.auth)
          .send({ leadIds: [leadId] })
      ).body.enrolled,
    ).toBe(1);
    // The claim serves active campaigns; the n8n deployment is not what this test is about.
    // Tracking on: the HTML gets the open pixel and wrapped links, in the preview as in the claim (the preview's tokens name no message).
    await t.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'active', trackOpens: true, trackClicks: true } });

    const before = await preview(campaignId, { leadId });
    expect(before.status).toBe(200);
    const [first, second] = before.body.steps;
    const item = await claimOne(campaignId);
    expect(first).toMatchObject({ step: 1, sendId: item.sendId });
    expect(untokenised({ subject: first.subject, text: first.bodyText, html: first.bodyHtml })).toEqual(untokenised(item.rendered));
    expect(item.rendered.html).toContain(`/o/${item.sendId}.`);
    expect(first.bodyHtml).toContain('/o/preview.');
    // The headers the Send Email node writes, for the claim's own unsubscribe link.
    expect(first.unsubscribeUrl).toBe(item.message.unsubscribeUrl);
    expect(first.headers).toEqual(oneClickUnsubscribeHeaders(item.message.unsubscribeUrl));

    const sentAt = clock.now().toISOString();
    const report = {
      status: 'sent',
      sendId: item.sendId,
      attempt: item.attempt,
      eventId: `${item.sendId}:sent`,
      mailboxId: item.mailboxes[0]!.id,
      messageId: `<ophir.${item.sendId}@ophir.example>`,
      sentAt,
    };
    expect((await callAsN8n(t, '/api/internal/n8n/events', { results: [report] })).body.applied).toBe(1);
    clock.advance(2 * 86_400_000);
    await signInAgain();

    const followUp = (await preview(campaignId, { leadId, step: 2 })).body.steps;
    expect(followUp).toHaveLength(1);
    const next = await claimOne(campaignId);
    expect(followUp[0]).toMatchObject({ step: 2, sendId: next.sendId, variantLabel: second.variantLabel });
    expect(untokenised({ subject: followUp[0].subject, text: followUp[0].bodyText, html: followUp[0].bodyHtml })).toEqual(
      untokenised(next.rendered),
    );
    expect(next.message.subject).toBe(`Re: ${item.message.subject}`);
    // Before the follow-up was queued the preview already promised the same wording and subject.
    expect(second.subject).toBe(next.message.subject);
    expect(second.bodyText.replace(/\/u\/\S+/g, '')).toBe(next.message.text.replace(/\/u\/\S+/g, ''));
  });

  it("signs no working redirect: a preview's click links lead nowhere, even once the message is sent", async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    const linkStep = {
      delayAmount: 0,
      variants: [
        {
          label: 'A',
          subject: 'Hi',
          bodyText: 'See {{unsubscribeUrl}}',
          bodyHtml: '<a href="https://anywhere.example/x">x</a> <a href="{{unsubscribeUrl}}">Unsubscribe</a>',
        },
      ],
    };
    expect(
      (
        await t.http
          .put(`/api/campaigns/${campaignId}/sequence`)
          .set(owner.auth)
          .send({ steps: [linkStep] })
      ).status,
    ).toBe(200);
    const leadId = await createLead(t.http, owner, { email: 'cy@globex.example' });
    expect(
      (
        await t.http
          .post(`/api/campaigns/${campaignId}/enrollments`)
          .set(owner.auth)
          .send({ leadIds: [leadId] })
      ).body.enrolled,
    ).toBe(1);
    await t.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'active', trackClicks: true } });

    const [previewed] = (await preview(campaignId, { leadId })).body.steps;
    const item = await claimOne(campaignId);
    const report = {
      status: 'sent',
      sendId: item.sendId,
      attempt: item.attempt,
      eventId: `${item.sendId}:sent`,
      mailboxId: item.mailboxes[0]!.id,
      messageId: `<ophir.${item.sendId}@ophir.example>`,
      sentAt: clock.now().toISOString(),
    };
    expect((await callAsN8n(t, '/api/internal/n8n/events', { results: [report] })).body.applied).toBe(1);

    const clickPath = (html: string) => new URL(html.match(/<a href="([^"]+\/c\/[^"]+)"/)![1]!).pathname;
    const fromPreview = await t.http.get(clickPath(previewed.bodyHtml));
    expect(fromPreview.status).toBe(404);
    expect(fromPreview.headers.location).toBeUndefined();
    const fromSend = await t.http.get(clickPath(item.rendered.html!));
    expect(fromSend.status).toBe(302);
    expect(fromSend.headers.location).toBe('https://anywhere.example/x');
  });

  it('previews a lead that is not enrolled, a chosen variant, and refuses what does not exist', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send({ steps });
    const leadId = await createLead(t.http, owner, { email: 'bo@initech.example', firstName: 'Bo', company: 'Initech' });

    const all = await preview(campaignId, { leadId });
    expect(all.body).toMatchObject({ leadId, enrollmentId: null });
    expect(all.body.steps.map((s: { sendId: string | null }) => s.sendId)).toEqual([null, null]);
    expect((await preview(campaignId, { leadId })).body).toEqual(all.body);

    const b = await preview(campaignId, { leadId, step: 1, variantLabel: 'B' });
    expect(b.body.steps).toEqual([
      expect.objectContaining({
        variantLabel: 'B',
        subject: 'About Initech',
        bodyHtml: expect.stringContaining('https://acme.example/pricing'),
      }),
    ]);
    expect(b.body.steps[0].bodyText).toMatch(/^(Any|Some) thoughts, Bo\? http/);

    expect((await preview(campaignId, { leadId, step: 3 })).body.issues).toEqual([
      { path: 'step', in: 'body', message: 'The campaign has 2 steps' },
    ]);
    expect((await preview(campaignId, { leadId, step: 1, variantLabel: 'Z' })).body.issues[0].path).toBe('variantLabel');
    expect((await preview(campaignId, { leadId, variantLabel: 'A' })).body.issues[0].path).toBe('variantLabel');

    const stranger = await signUp(t.http);
    const theirLead = await createLead(t.http, stranger, { email: 'x@elsewhere.example' });
    const foreign = await preview(campaignId, { leadId: theirLead });
    expect(foreign.status).toBe(404);
    const empty = await createCampaign(t.http, owner, { mailbox: false });
    expect((await preview(empty.campaignId, { leadId })).body.code).toBe('invalid_state');
  });

  it("sends a test of a step to a sandbox mailbox, rendered as the preview shows it, where the mailbox's sandbox messages list it", async () => {
    const { campaignId, mailboxIds } = await createCampaign(t.http, owner);
    await t.http.put(`/api/campaigns/${campaignId}/sequence`).set(owner.auth).send({ steps });
    const leadId = await createLead(t.http, owner, { email: 'dee@umbrella.example', firstName: 'Dee', company: 'Globex' });
    const testSend = (body: object) => t.http.post(`/api/campaigns/${campaignId}/test-sends`).set(owner.auth).send(body);
    const [previewed] = (await preview(campaignId, { leadId, step: 2 })).body.steps;

    const sent = await testSend({ leadId, step: 2, mailboxId: mailboxIds[0] });
    expect(sent.status).toBe(201);
    expect(sent.body).toMatchObject({ mailboxId: mailboxIds[0], to: 'dee@umbrella.example', subject: previewed.subject, step: 2 });
    const captured = await t.http.get(`/api/mailboxes/${mailboxIds[0]}/sandbox-messages`).set(owner.auth);
    expect(captured.body.data).toHaveLength(1);
    const [kept] = captured.body.data;
    expect(kept).toMatchObject({ id: sent.body.sandboxMessageId, messageId: sent.body.messageId, to: 'dee@umbrella.example' });
    expect(kept.subject).toBe(previewed.subject);
    expect(kept.subject).toMatch(/^Re: ((Hi|Hello|Hey) Dee|About Globex)$/);
    expect(kept.text.trim()).toBe(previewed.bodyText.trim());
    const header = (name: string) => kept.headers.find((h: { name: string }) => h.name.toLowerCase() === name.toLowerCase())?.value;
    for (const { name, value } of previewed.headers) expect(header(name)).toBe(value);
    // A test is no send of the campaign.
    expect(await t.prisma.message.count({ where: { campaignId } })).toBe(0);

    const b = await testSend({ leadId, step: 1, variantLabel: 'B', mailboxId: mailboxIds[0] });
    expect(b.body).toMatchObject({ subject: 'About Globex', variantLabel: 'B' });
    expect((await testSend({ leadId, step: 3, mailboxId: mailboxIds[0] })).body.issues[0].path).toBe('step');
    const stranger = await signUp(t.http);
    const theirs = await createCampaign(t.http, stranger);
    expect((await testSend({ leadId, step: 1, mailboxId: theirs.mailboxIds[0] })).status).toBe(404);
  });
});
