import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { ManualClock } from '../lib/clock.js';
import { callAsN8n } from './n8nCallbacks.js';
import type { ClaimedItem } from './sentMessages.js';
import type { TestApp } from './testApp.js';

/**
 * The lead of a claimed and sent item writes back, reported as the inbox watcher reports a reply
 * (/api/internal/n8n/inbound-events): the conversation is filed into the unified inbox.
 */
export async function leadReplies(t: TestApp, clock: ManualClock, item: ClaimedItem, text: string, type = 'replied') {
  const response = await callAsN8n(t, '/api/internal/n8n/inbound-events', {
    events: [
      {
        eventId: randomUUID(),
        type,
        inReplyToMessageId: `<ophir.${item.sendId}@ophir.example>`,
        receivedAt: clock.now().toISOString(),
        message: {
          from: item.lead.email,
          to: 'sender@ophir.example',
          subject: 'Re: Hello there',
          messageIdHeader: `<${randomUUID()}@leads.example>`,
          text,
        },
        evidence: { from: 'test' },
      },
    ],
  });
  expect(response.status, response.text).toBe(200);
  expect(response.body.applied).toBe(1);
}
