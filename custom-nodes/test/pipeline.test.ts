import type { IDataObject } from 'n8n-workflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { BusinessHoursGate } from '../nodes/BusinessHoursGate/BusinessHoursGate.node';
import { ClaimDueSends } from '../nodes/ClaimDueSends/ClaimDueSends.node';
import { MailboxRotation } from '../nodes/MailboxRotation/MailboxRotation.node';
import { ReportToControlPlane } from '../nodes/ReportToControlPlane/ReportToControlPlane.node';
import { SendEmail } from '../nodes/SendEmail/SendEmail.node';
import { FakeControlPlane } from './fakes/fakeControlPlane';
import { FakeGmail } from './fakes/fakeGmail';
import { asJson, claimItem, mailbox } from './fixtures';
import { fetchHttpRequest, jsonOf, runNode } from './harness';

/**
 * The workflow shape the templates use, wired by hand: claim -> gate -> rotation -> send -> report,
 * with the gate's and rotation's second outputs reported as deferred.
 */
describe('all four nodes as one workflow (fake Gmail and control plane)', () => {
	const signingSecret = 'pipeline-secret';
	let gmail: FakeGmail;
	let controlPlane: FakeControlPlane;
	let credentials: { baseUrl: string; signingSecret: string };

	beforeAll(async () => {
		gmail = new FakeGmail('ya29.SECRET-ACCESS-TOKEN-do-not-leak');
		controlPlane = new FakeControlPlane({ signingSecret, apiBaseUrl: await gmail.start() });
		credentials = { baseUrl: await controlPlane.start(), signingSecret };
	});
	afterAll(async () => {
		await gmail.stop();
		await controlPlane.stop();
	});

	it('sends what is due inside the window within caps and reports every send exactly once', async () => {
		const pool = [
			mailbox({ id: 'mb-a', email: 'a@sender.example', remainingToday: 2 }),
			mailbox({ id: 'mb-b', email: 'b@sender.example', remainingToday: 1 }),
		];
		const now = '2026-03-10T15:00:00.000Z'; // 11:00 New York, 16:00 Berlin, 00:00 Tokyo
		const leads = [
			{ zone: 'America/New_York', count: 4 },
			{ zone: 'Asia/Tokyo', count: 2 },
		].flatMap(({ zone, count }) =>
			Array.from({ length: count }, (_, index) => ({
				id: `${zone}-${index}`,
				email: `lead${index}@${zone.split('/')[1]?.toLowerCase()}.example`,
				firstName: null,
				lastName: null,
				company: null,
				timezone: zone,
			})),
		);
		const due = leads.map((lead, index) => asJson(claimItem({ sendId: `p-${index}`, now, lead, mailboxes: pool })));
		controlPlane.dueSends.push(...due);

		const claimed = await runNode(new ClaimDueSends(), {
			items: [{}],
			parameters: { campaignId: 'camp-1', batchSize: 50 },
			credentials,
			httpRequest: fetchHttpRequest,
		});
		const claim = jsonOf(claimed);
		expect(claim).toEqual(due);
		const gate = await runNode(new BusinessHoursGate(), { items: claim });
		const rotation = await runNode(new MailboxRotation(), { items: jsonOf(gate, 0), staticData: {} });
		const sent = await runNode(new SendEmail(), { items: jsonOf(rotation, 0), credentials, httpRequest: fetchHttpRequest });
		const toReport: IDataObject[] = [...jsonOf(sent), ...jsonOf(gate, 1), ...jsonOf(rotation, 1)];
		await runNode(new ReportToControlPlane(), { items: toReport, credentials, httpRequest: fetchHttpRequest });

		const reported = controlPlane.reportedResults as IDataObject[];
		expect(reported.map((result) => result.sendId).sort()).toEqual(claim.map((item) => item.sendId).sort());
		const byStatus = (status: string) => reported.filter((result) => result.status === status);
		expect(byStatus('sent')).toHaveLength(3); // caps: 2 + 1
		expect(
			byStatus('deferred')
				.map((result) => result.code)
				.sort(),
		).toEqual(['capacity_exhausted', 'outside_window', 'outside_window']);
		expect(gmail.messages).toHaveLength(3);
		const perMailbox = byStatus('sent').reduce<Record<string, number>>((counts, result) => {
			const id = String(result.mailboxId);
			counts[id] = (counts[id] ?? 0) + 1;
			return counts;
		}, {});
		expect(perMailbox).toEqual({ 'mb-a': 2, 'mb-b': 1 });
		expect(byStatus('deferred').find((result) => result.code === 'outside_window')?.notBefore).toBe('2026-03-11T00:00:00.000Z');
	});
});
