// The claim items, pool entries and results the control plane speaks are the ones the n8n nodes compile
// against: one file, custom-nodes/nodes/shared/contract.ts (through lib/n8n/nodeContract.ts). Checked by the
// type checker (`tsc` covers test files) and by vitest, so a field renamed or renumbered on one side (`step`
// is 1-based on both) fails the build before it fails a workflow.
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { z } from 'zod';
import type * as NodesContract from '../../../../../custom-nodes/nodes/shared/contract.js';
import {
  CLAIM_BATCH_SIZE_MAX,
  INBOUND_EVENTS_PER_REPORT_MAX,
  SEND_RESULTS_PER_REPORT_MAX,
  type Accepts,
  type InboundEvent,
  type InboxWatchWork,
  type MailboxToWatch,
  type ReportedSendResult,
} from '../../../lib/n8n/nodeContract.js';
import { buildStandaloneOpenApiDocument } from '../../../lib/http/apiTypes.js';
import { inboxWatchClaimSchema, inboxWatchResultsBody, mailboxToWatchSchema } from '../../inbox/inbox.schemas.js';
import { inboundEventSchema, inboundEventsBody } from '../../outcomes/inboundEvents.schemas.js';
import type { InboxReplyItem } from '../inboxReplies/inboxReplies.service.js';
import {
  campaignClaimBatchSchema,
  campaignClaimBody,
  claimItemSchema,
  inboxRepliesClaimBody,
  inboxReplyClaimBatchSchema,
  inboxReplyItemSchema,
  inboxReplyResultsBody,
  mailboxPoolEntrySchema,
  sendResultSchema,
  sendResultsBody,
} from '../sending.schemas.js';
import type { ClaimBatch, ClaimItem, MailboxPoolEntry } from './claimDueSends.js';

describe('the contract shared with the n8n nodes', () => {
  it("is the nodes' own types on the control plane's side, not a parallel definition", () => {
    expectTypeOf<ClaimItem>().toEqualTypeOf<NodesContract.ClaimItem>();
    expectTypeOf<MailboxPoolEntry>().toEqualTypeOf<NodesContract.MailboxPoolEntry>();
    expectTypeOf<InboxReplyItem>().toEqualTypeOf<NodesContract.InboxReplyItem>();
    expectTypeOf<ClaimBatch>().toEqualTypeOf<NodesContract.ClaimBatch<NodesContract.ClaimItem>>();
    expectTypeOf<ClaimItem['step']>().toEqualTypeOf<number>();
  });

  it('describes every claim response exactly (no field more, none less), so OpenAPI and the web types tell the truth', () => {
    expectTypeOf<z.output<typeof claimItemSchema>>().toEqualTypeOf<ClaimItem>();
    expectTypeOf<z.output<typeof inboxReplyItemSchema>>().toEqualTypeOf<InboxReplyItem>();
    expectTypeOf<z.output<typeof mailboxPoolEntrySchema>>().toEqualTypeOf<MailboxPoolEntry>();
    expectTypeOf<z.output<typeof campaignClaimBatchSchema>>().toEqualTypeOf<ClaimBatch>();
    expectTypeOf<z.output<typeof inboxReplyClaimBatchSchema>>().toEqualTypeOf<NodesContract.ClaimBatch<InboxReplyItem>>();
    expectTypeOf<z.output<typeof mailboxToWatchSchema>>().toEqualTypeOf<MailboxToWatch>();
    expectTypeOf<z.output<typeof inboxWatchClaimSchema>>().toEqualTypeOf<InboxWatchWork>();
  });

  it('accepts every result, event and watch report the nodes post, and the check can fail', () => {
    expectTypeOf<Accepts<z.input<typeof sendResultSchema>, ReportedSendResult>>().toEqualTypeOf<true>();
    expectTypeOf<Accepts<z.input<typeof sendResultsBody>, NodesContract.SendResultsReport>>().toEqualTypeOf<true>();
    expectTypeOf<Accepts<z.input<typeof inboxReplyResultsBody>, NodesContract.SendResultsReport>>().toEqualTypeOf<true>();
    expectTypeOf<Accepts<z.input<typeof inboundEventSchema>, InboundEvent>>().toEqualTypeOf<true>();
    expectTypeOf<Accepts<z.input<typeof inboundEventsBody>, NodesContract.InboundEventsReport>>().toEqualTypeOf<true>();
    expectTypeOf<Accepts<z.input<typeof inboxWatchResultsBody>, NodesContract.InboxWatchResults>>().toEqualTypeOf<true>();
    // A result without its eventId, or a sent result without its Message-ID, is refused: the check is not vacuous.
    expectTypeOf<Accepts<z.input<typeof sendResultSchema>, NodesContract.SendResult>>().toBeNever();
    expectTypeOf<
      Accepts<z.input<typeof sendResultSchema>, Omit<NodesContract.SentResult, 'messageId'> & { eventId: string }>
    >().toBeNever();
  });

  it('holds the server to the shared limits: the largest batch the node may ask for is accepted, one more is refused', () => {
    const campaignId = '3f1c2a3e-5b6d-4c7e-8f90-a1b2c3d4e5f6';
    expect(campaignClaimBody.safeParse({ campaignId, batchSize: CLAIM_BATCH_SIZE_MAX }).success).toBe(true);
    expect(campaignClaimBody.safeParse({ campaignId, batchSize: CLAIM_BATCH_SIZE_MAX + 1 }).success).toBe(false);
    expect(inboxRepliesClaimBody.safeParse({ organizationId: campaignId, batchSize: CLAIM_BATCH_SIZE_MAX + 1 }).success).toBe(false);

    const failed = (index: number) => ({
      status: 'failed',
      sendId: campaignId,
      attempt: 1,
      eventId: `e${index}`,
      mailboxId: null,
      code: 'x',
      reason: 'y',
    });
    const results = (count: number) => ({ results: Array.from({ length: count }, (_, index) => failed(index)) });
    expect(sendResultsBody.safeParse(results(SEND_RESULTS_PER_REPORT_MAX)).success).toBe(true);
    expect(sendResultsBody.safeParse(results(SEND_RESULTS_PER_REPORT_MAX + 1)).success).toBe(false);

    const event = {
      eventId: 'e',
      type: 'replied',
      inReplyToMessageId: '<a@b>',
      threadId: null,
      leadEmail: null,
      mailboxId: campaignId,
      bounce: null,
      receivedAt: '2026-03-10T14:00:00Z',
      message: null,
      evidence: {},
    };
    const events = (count: number) => Array.from({ length: count }, (_, index) => ({ ...event, eventId: `e${index}` }));
    expect(inboundEventsBody.safeParse({ events: events(INBOUND_EVENTS_PER_REPORT_MAX) }).success).toBe(true);
    expect(inboundEventsBody.safeParse({ events: events(INBOUND_EVENTS_PER_REPORT_MAX + 1) }).success).toBe(false);
  });

  it('reads the source n8n reports even when it knows no workflow id (the node sends null)', () => {
    const source: NodesContract.ReportSource = { workflowId: null, executionId: '12' };
    const result = {
      status: 'failed',
      sendId: '3f1c2a3e-5b6d-4c7e-8f90-a1b2c3d4e5f6',
      attempt: 1,
      eventId: 'e',
      mailboxId: null,
      code: 'x',
      reason: 'y',
    };
    expect(sendResultsBody.safeParse({ source, results: [result] }).success).toBe(true);
  });

  it('publishes the claim items in the OpenAPI document instead of "unknown"', async () => {
    const document = await buildStandaloneOpenApiDocument();
    const schemas = document.components?.schemas ?? {};
    const claimItem = schemas.ClaimItem as { properties?: Record<string, unknown>; required?: string[] };
    expect(Object.keys(claimItem.properties ?? {}).sort()).toEqual(
      ['attempt', 'campaignId', 'lead', 'mailboxes', 'mayHaveBeenSent', 'message', 'now', 'schedule', 'sendId', 'step', 'threading'].sort(),
    );
    expect(claimItem.required).toContain('sendId');
    expect(schemas.InboxReplyItem).toBeDefined();
    const claimResponse = JSON.stringify(document.paths?.['/api/internal/n8n/claims']?.post?.responses?.['200']);
    expect(claimResponse).toContain('#/components/schemas/CampaignClaimBatch');
    const replyResponse = JSON.stringify(document.paths?.['/api/internal/n8n/inbox-replies/claims']?.post?.responses?.['200']);
    expect(replyResponse).toContain('#/components/schemas/InboxReplyClaimBatch');
  });
});
