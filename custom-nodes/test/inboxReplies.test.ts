import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ClaimDueSends } from '../nodes/ClaimDueSends/ClaimDueSends.node';
import { ReportToControlPlane } from '../nodes/ReportToControlPlane/ReportToControlPlane.node';
import { SendEmail } from '../nodes/SendEmail/SendEmail.node';
import { FakeControlPlane } from './fakes/fakeControlPlane';
import { inboxReplyItem, mailbox } from './fixtures';
import { fetchHttpRequest, jsonOf, runNode } from './harness';

const signingSecret = 'inbox-replies-secret';
let controlPlane: FakeControlPlane;
let credentials: { baseUrl: string; signingSecret: string };

beforeAll(async () => {
	controlPlane = new FakeControlPlane({ signingSecret });
	credentials = { baseUrl: await controlPlane.start(), signingSecret };
});
afterAll(() => controlPlane.stop());

const sandbox = mailbox({ id: 'mb-sandbox', provider: 'sandbox', email: 'demo@sandbox.example', fromName: 'Demo', remainingToday: 1 });

describe('the inbox-replies branch: Claim Due Sends → Send Email → Report to Control Plane', () => {
	it("claims an organization's replies, sends them in their thread unchanged by Send Email, and reports to the inbox-replies endpoint", async () => {
		controlPlane.queuedInboxReplies.push(inboxReplyItem('reply-1', sandbox));
		const claimed = await runNode(new ClaimDueSends(), {
			items: [{}],
			parameters: { claim: 'inboxReplies', organizationId: 'org-1', batchSize: 10 },
			credentials,
			httpRequest: fetchHttpRequest,
		});
		const [claimRequest] = controlPlane.server.requestsTo('/api/internal/n8n/inbox-replies/claims');
		expect(JSON.parse(claimRequest?.rawBody ?? '{}')).toEqual({ organizationId: 'org-1', batchSize: 10 });
		expect(controlPlane.server.requestsTo('/api/internal/n8n/claims')).toHaveLength(0);
		expect(jsonOf(claimed)).toEqual([inboxReplyItem('reply-1', sandbox)]);

		const sent = await runNode(new SendEmail(), { items: jsonOf(claimed), credentials, httpRequest: fetchHttpRequest });
		expect(jsonOf(sent)[0]?.result).toMatchObject({
			status: 'sent',
			sendId: 'reply-1',
			messageId: '<ophir.reply-1@sandbox.example>',
			mailboxId: 'mb-sandbox',
		});
		const parsed = await simpleParser(Buffer.from(String(controlPlane.sandboxMessages.at(-1)?.raw), 'base64'));
		expect(parsed.subject).toBe('Re: Quick question, Bob');
		expect(parsed.inReplyTo).toBe('<bob-1@lead.example>');
		expect(parsed.references).toEqual(['<ophir.step1@sandbox.example>', '<bob-1@lead.example>']);

		const reported = await runNode(new ReportToControlPlane(), {
			items: jsonOf(sent),
			parameters: { report: 'inboxReplies' },
			credentials,
			httpRequest: fetchHttpRequest,
		});
		expect(jsonOf(reported)[0]?.reported).toBe(true);
		expect(controlPlane.reportedInboxReplyResults).toEqual([
			expect.objectContaining({ status: 'sent', sendId: 'reply-1', eventId: 'reply-1:1:sent' }),
		]);
		expect(controlPlane.server.requestsTo('/api/internal/n8n/events')).toHaveLength(0);
	});

	it('keeps campaign sends the default of both nodes (workflows saved before the option behave as before)', () => {
		const claim = new ClaimDueSends().description.properties.find((property) => property.name === 'claim');
		const report = new ReportToControlPlane().description.properties.find((property) => property.name === 'report');
		expect(claim?.default).toBe('campaignSends');
		expect(report?.default).toBe('campaignSends');
	});
});
