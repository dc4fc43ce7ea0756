// Integration: the sequence API on the real app and PostgreSQL: save, validation with field paths, ids kept across edits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../lib/clock.js';
import { createCampaign, createLead, sequenceBody } from '../../../test/campaignApi.js';
import { createTestApp, signUp, type SignedUp, type TestApp } from '../../../test/testApp.js';
import { leaseMessage } from '../../../test/mailboxFlows.js';
import { chooseVariant } from './queuedStep.js';

const clock = new ManualClock(new Date('2026-12-01T10:00:00Z'));
let t: TestApp;
let owner: SignedUp;

beforeAll(async () => {
  t = await createTestApp({ clock });
  owner = await signUp(t.http);
});
afterAll(() => t.close());

const put = (campaignId: string, body: unknown) =>
  t.http
    .put(`/api/campaigns/${campaignId}/sequence`)
    .set(owner.auth)
    .send(body as object);
const variant = (label: string, bodyText: string, subject = 'Hello') => ({ label, subject, bodyText: `${bodyText} {{unsubscribeUrl}}` });

async function enrollAll(campaignId: string, count: number) {
  const leadIds = [];
  for (let i = 0; i < count; i += 1)
    leadIds.push(await createLead(t.http, owner, { email: `lead${i}.${campaignId.slice(0, 8)}@prospect.example` }));
  const response = await t.http.post(`/api/campaigns/${campaignId}/enrollments`).set(owner.auth).send({ leadIds });
  expect(response.body.enrolled).toBe(count);
}

describe('sequence', () => {
  it('saves the whole sequence with defaults and reads it back', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    expect((await t.http.get(`/api/campaigns/${campaignId}/sequence`).set(owner.auth)).body).toEqual({
      campaignId,
      requireUnsubscribeLink: true,
      steps: [],
    });
    const saved = await put(campaignId, sequenceBody());
    expect(saved.status).toBe(200);
    expect(saved.body.steps).toHaveLength(2);
    expect(saved.body.steps[1]).toMatchObject({
      step: 2,
      delayAmount: 2,
      delayUnit: 'days',
      threadWithFirst: true,
      variants: [{ label: 'A', weight: 1, subject: '', bodyHtml: null }],
    });
    expect(saved.body.steps[0].variants.map((v: { label: string }) => v.label)).toEqual(['A', 'B']);
    expect((await t.http.get(`/api/campaigns/${campaignId}/sequence`).set(owner.auth)).body).toEqual(saved.body);
  });

  it('reports every problem at once at its field, and saves nothing', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    const response = await put(campaignId, {
      steps: [
        {
          delayAmount: 0,
          variants: [
            { label: 'A', subject: '  ', bodyText: 'Hi {{lead.fristName}}\n{{unsubscribeUrl}}' },
            { label: 'A', subject: 'Hi', bodyText: 'No link' },
          ],
        },
        {
          delayAmount: 1,
          threadWithFirst: false,
          variants: [
            { label: 'A', bodyText: '{Hi|Hello there {{unsubscribeUrl}}' },
            { label: 'B', subject: 'Ok', bodyText: '{{unsubscribeUrl}}', bodyHtml: '<p>{{#if lead.company}}x</p>' },
          ],
        },
      ],
    });
    expect(response.status).toBe(400);
    expect(response.body.code).toBe('validation_failed');
    expect(response.body.issues).toEqual([
      { path: 'steps.0.variants.0.subject', in: 'body', message: 'The first step needs a subject' },
      { path: 'steps.0.variants.0.bodyText', in: 'body', message: expect.stringContaining('Unknown variable "lead.fristName"'), line: 1 },
      { path: 'steps.0.variants.1.label', in: 'body', message: 'The label "A" is already used in this step' },
      { path: 'steps.0.variants.1.bodyText', in: 'body', message: expect.stringContaining('requires an unsubscribe link') },
      { path: 'steps.1.variants.0.subject', in: 'body', message: 'A follow-up that starts its own thread needs a subject' },
      { path: 'steps.1.variants.0.bodyText', in: 'body', message: expect.stringContaining('Unbalanced spintax') },
      {
        path: 'steps.1.variants.1.bodyHtml',
        in: 'body',
        message: '`{{#if}}` at line 1, column 4 is never closed; add `{{/if}}` where its part of the message ends',
        line: 1,
        column: 4,
      },
    ]);
    expect((await t.http.get(`/api/campaigns/${campaignId}/sequence`).set(owner.auth)).body.steps).toEqual([]);
  });

  it('answers the schema problems and the rule problems in one answer', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    const response = await put(campaignId, {
      steps: [
        {
          delayAmount: 0,
          delayUnit: 'day',
          variants: [
            { label: 'A', subject: '', bodyText: 'Hi {{lead.firstName' },
            { label: 'A', weight: 'heavy', subject: 'Hello', bodyText: 'No link' },
          ],
        },
      ],
    });
    expect(response.status).toBe(400);
    const issues = response.body.issues as Array<{ path: string; message: string }>;
    expect(issues.map((issue) => issue.path).sort()).toEqual([
      'steps.0.delayUnit',
      'steps.0.variants.0.bodyText',
      'steps.0.variants.0.subject',
      'steps.0.variants.1.bodyText',
      'steps.0.variants.1.label',
      'steps.0.variants.1.weight',
    ]);
    expect(issues.find((issue) => issue.path === 'steps.0.delayUnit')).toMatchObject({
      allowed: ['minutes', 'hours', 'days', 'business_days'],
      suggestion: 'days',
      message: expect.stringContaining('Did you mean "days"?'),
    });
    expect(issues.find((issue) => issue.path === 'steps.0.variants.0.bodyText')!.message).toMatch(
      /^An opening `\{\{` at line 1, column 4 is never closed/,
    );
  });

  it('checks a sequence as the save would without saving it, for the editor to mark problems as the marketer types', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    const validate = (body: unknown) =>
      t.http
        .post(`/api/campaigns/${campaignId}/sequence/validate`)
        .set(owner.auth)
        .send(body as object);
    const typo = { steps: [{ delayAmount: 0, variants: [variant('A', 'Hi {{lead.fristName}}')] }] };
    const checked = await validate(typo);
    const saved = await put(campaignId, typo);
    expect(checked.status).toBe(400);
    expect({ code: checked.body.code, issues: checked.body.issues }).toEqual({ code: saved.body.code, issues: saved.body.issues });
    expect(checked.body.issues).toEqual([
      { path: 'steps.0.variants.0.bodyText', in: 'body', message: expect.stringContaining('Unknown variable "lead.fristName"'), line: 1 },
    ]);
    const fixed = await validate(sequenceBody());
    expect(fixed.status).toBe(200);
    expect(fixed.body).toEqual({ valid: true });
    expect((await t.http.get(`/api/campaigns/${campaignId}/sequence`).set(owner.auth)).body.steps).toEqual([]);
    expect((await t.http.post(`/api/campaigns/${crypto.randomUUID()}/sequence/validate`).set(owner.auth).send(sequenceBody())).status).toBe(
      404,
    );
  });

  it('lets a campaign opt out of the unsubscribe link requirement, and keeps the setting until changed', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    const plain = { steps: [{ delayAmount: 0, variants: [{ label: 'A', subject: 'Hi', bodyText: 'No link; the footer is added' }] }] };
    expect((await put(campaignId, plain)).status).toBe(400);
    expect((await put(campaignId, { ...plain, requireUnsubscribeLink: false })).body.requireUnsubscribeLink).toBe(false);
    expect((await put(campaignId, plain)).status).toBe(200);
  });

  it('keeps step and variant ids by position and label; queued messages of a removed variant move to a survivor', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    const first = await put(campaignId, {
      steps: [
        { delayAmount: 0, variants: [variant('A', 'a'), variant('B', 'b')] },
        { delayAmount: 1, variants: [variant('A', 'f')] },
      ],
    });
    await enrollAll(campaignId, 12);
    const queued = await t.prisma.message.findMany({ where: { campaignId }, orderBy: { id: 'asc' } });
    const [variantA, variantB] = first.body.steps[0].variants as Array<{ id: string }>;
    const onB = queued.filter((m) => m.variantId === variantB!.id);
    expect(onB.length).toBeGreaterThan(1);
    // One message of B is in flight: it keeps the variant it was rendered from.
    await leaseMessage(t, onB[0]!.id);

    const edited = await put(campaignId, {
      steps: [
        { delayAmount: 0, variants: [variant('A', 'a, reworded'), { ...variant('C', 'c'), weight: 3 }] },
        { delayAmount: 3, delayUnit: 'business_days', variants: [variant('A', 'f2')] },
      ],
    });
    expect(edited.status).toBe(200);
    expect(edited.body.steps.map((s: { id: string }) => s.id)).toEqual(first.body.steps.map((s: { id: string }) => s.id));
    const [keptA, variantC] = edited.body.steps[0].variants as Array<{ id: string; label: string; bodyText: string; weight: number }>;
    expect(keptA).toMatchObject({ id: variantA!.id, label: 'A', bodyText: 'a, reworded {{unsubscribeUrl}}' });
    expect(edited.body.steps[1].variants[0].id).toBe(first.body.steps[1].variants[0].id);

    const after = new Map((await t.prisma.message.findMany({ where: { campaignId } })).map((m) => [m.id, m]));
    for (const message of queued) {
      const now = after.get(message.id)!;
      if (message.id === onB[0]!.id) expect(now.variantId).toBe(variantB!.id);
      else if (message.variantId === variantA!.id) expect(now.variantId).toBe(variantA!.id);
      else expect(now.variantId).toBe(chooseVariant([keptA!, variantC!], `${message.enrollmentId}:0`)!.id);
    }
    expect(await t.prisma.stepVariant.count({ where: { id: variantB!.id } })).toBe(0);
  });

  it('cancels what is queued for removed steps and completes the enrolments waiting on them', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    await put(campaignId, sequenceBody());
    await enrollAll(campaignId, 2);
    const [waiting, other] = await t.prisma.enrollment.findMany({ where: { campaignId } });
    // As if step 1 went out: the enrolment now waits on step 2.
    await t.prisma.message.updateMany({ where: { enrollmentId: waiting!.id }, data: { stepPosition: 1 } });
    await t.prisma.enrollment.update({ where: { id: waiting!.id }, data: { nextStep: 1 } });

    const shortened = await put(campaignId, { steps: sequenceBody().steps.slice(0, 1) });
    expect(shortened.body.steps).toHaveLength(1);
    expect(await t.prisma.message.findFirst({ where: { enrollmentId: waiting!.id } })).toMatchObject({ status: 'cancelled' });
    expect(await t.prisma.enrollment.findUnique({ where: { id: waiting!.id } })).toMatchObject({ state: 'completed', nextDueAt: null });
    expect(await t.prisma.message.findFirst({ where: { enrollmentId: other!.id } })).toMatchObject({ status: 'queued' });
  });

  it('refuses to edit an archived campaign and checks the body shape', async () => {
    const { campaignId } = await createCampaign(t.http, owner);
    const tooMany = { steps: [{ delayAmount: 0, variants: ['A', 'B', 'C', 'D', 'E', 'F'].map((label) => variant(label, 'x')) }] };
    expect((await put(campaignId, tooMany)).body.issues).toEqual([expect.objectContaining({ path: 'steps.0.variants' })]);
    expect(
      (await put(campaignId, { steps: [{ delayAmount: 0, delayUnit: 'weeks', variants: [variant('A', 'x')] }] })).body.issues[0].path,
    ).toBe('steps.0.delayUnit');
    await t.prisma.campaign.update({ where: { id: campaignId }, data: { status: 'archived' } });
    const archived = await put(campaignId, sequenceBody());
    expect(archived.status).toBe(409);
    expect(archived.body.code).toBe('invalid_state');
  });
});
