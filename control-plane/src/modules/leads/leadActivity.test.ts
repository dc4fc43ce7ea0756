// Integration: a lead's enrolments and timeline, and the export of a chosen selection, through the real app and PostgreSQL.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCampaign } from '../../test/campaignFixtures.js';
import { createTestApp, signUp, type TestApp } from '../../test/testApp.js';

let t: TestApp;
let importsDir: string;
beforeAll(async () => {
  importsDir = await mkdtemp(path.join(os.tmpdir(), 'ophir-lead-activity-'));
  t = await createTestApp({ env: { LEAD_IMPORTS_DIR: importsDir } });
});
afterAll(async () => {
  await t.close();
  await rm(importsDir, { recursive: true, force: true });
});

const asText = (res: NodeJS.ReadableStream, callback: (error: Error | null, body: unknown) => void) => {
  let text = '';
  res.on('data', (chunk: Buffer) => (text += chunk.toString()));
  res.on('end', () => callback(null, text));
};

describe("a lead's activity", () => {
  it('lists its enrolments and its messages and events newest first, and is not found from another organization', async () => {
    const owner = await signUp(t.http);
    const organizationId = owner.organization.id;
    const { campaign, leadIds } = await seedCampaign(t.prisma, { organizationId, leads: 2 });
    const [leadId, otherLeadId] = leadIds as [string, string];
    const enrollment = await t.prisma.enrollment.create({
      data: { organizationId, campaignId: campaign.id, leadId, nextStep: 1, stopReason: null },
    });
    await t.prisma.enrollment.create({ data: { organizationId, campaignId: campaign.id, leadId: otherLeadId } });
    const message = await t.prisma.message.create({
      data: {
        organizationId,
        campaignId: campaign.id,
        enrollmentId: enrollment.id,
        leadId,
        stepPosition: 0,
        status: 'sent',
        subject: 'Hello Ada',
        dueAt: new Date('2026-11-02T09:00:00Z'),
        sentAt: new Date('2026-11-02T09:00:05Z'),
        messageIdHeader: `<${enrollment.id}@ophir.test>`,
      },
    });
    await t.prisma.event.create({
      data: {
        organizationId,
        type: 'sent',
        campaignId: campaign.id,
        leadId,
        messageId: message.id,
        idempotencyKey: `sent-${message.id}`,
        occurredAt: new Date('2026-11-02T09:00:05Z'),
      },
    });
    await t.prisma.event.create({
      data: {
        organizationId,
        type: 'replied',
        campaignId: campaign.id,
        leadId,
        messageId: message.id,
        idempotencyKey: `reply-${message.id}`,
        occurredAt: new Date('2026-11-03T14:30:00Z'),
      },
    });
    await t.prisma.event.create({
      data: { organizationId, type: 'opened', campaignId: campaign.id, leadId: otherLeadId, idempotencyKey: `open-other-${otherLeadId}` },
    });

    const response = await t.http.get(`/api/leads/${leadId}/activity`).set(owner.auth);
    expect(response.status, response.text).toBe(200);
    expect(response.body.enrollments).toEqual([
      expect.objectContaining({
        id: enrollment.id,
        campaignId: campaign.id,
        campaignName: 'Engine test',
        state: 'active',
        nextStep: 1,
        stopReason: null,
      }),
    ]);
    expect(response.body.timeline.map((entry: { kind: string; type: string; at: string }) => [entry.kind, entry.type, entry.at])).toEqual([
      ['event', 'replied', '2026-11-03T14:30:00.000Z'],
      // A message and its own send event at the same instant: both are shown, the message (with its subject) first.
      ['message', 'sent', '2026-11-02T09:00:05.000Z'],
      ['event', 'sent', '2026-11-02T09:00:05.000Z'],
    ]);
    expect(response.body.timeline.find((entry: { kind: string }) => entry.kind === 'message')).toMatchObject({
      subject: 'Hello Ada',
      campaignName: 'Engine test',
      stepPosition: 0,
    });
    expect(response.body.timeline.find((entry: { type: string }) => entry.type === 'replied')).toMatchObject({
      campaignName: 'Engine test',
      stepPosition: 0,
      subject: null,
    });

    const stranger = await signUp(t.http);
    const hidden = await t.http.get(`/api/leads/${leadId}/activity`).set(stranger.auth);
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('not_found');
  });

  it('answers an empty activity for a lead no campaign has reached', async () => {
    const owner = await signUp(t.http);
    const lead = await t.http.post('/api/leads').set(owner.auth).send({ email: 'quiet@example.com' });
    const response = await t.http.get(`/api/leads/${lead.body.id}/activity`).set(owner.auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ enrollments: [], timeline: [] });
  });
});

describe('exporting a selection', () => {
  it('writes only the chosen leads of the caller organization as CSV', async () => {
    const owner = await signUp(t.http);
    const ids: string[] = [];
    for (const email of ['a@example.com', 'b@example.com', 'c@example.com'])
      ids.push((await t.http.post('/api/leads').set(owner.auth).send({ email })).body.id);
    const stranger = await signUp(t.http);
    const foreign = (await t.http.post('/api/leads').set(stranger.auth).send({ email: 'foreign@example.com' })).body.id as string;

    const response = await t.http
      .post('/api/leads/export')
      .set(owner.auth)
      .send({ leadIds: [ids[0], ids[2], foreign] })
      .buffer(true)
      .parse(asText as never);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const rows = parse(response.body as string, { bom: true }) as string[][];
    expect(rows.slice(1).map((row) => row[0])).toEqual(['a@example.com', 'c@example.com']);

    const empty = await t.http.post('/api/leads/export').set(owner.auth).send({ leadIds: [] });
    expect(empty.status).toBe(400);
    expect(empty.body.issues[0].path).toBe('leadIds');
  });
});
