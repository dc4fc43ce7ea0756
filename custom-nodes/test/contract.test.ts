import { describe, expect, it } from 'vitest';

import { ClaimDueSends } from '../nodes/ClaimDueSends/ClaimDueSends.node';
import { REPORT_CHUNK_BYTES, REPORT_CHUNK_EVENTS } from '../nodes/InboxWatch/reportWatch';
import { ReportToControlPlane } from '../nodes/ReportToControlPlane/ReportToControlPlane.node';
import {
	CLAIM_BATCH_SIZE_DEFAULT,
	CLAIM_BATCH_SIZE_MAX,
	INBOUND_EVENTS_PER_REPORT_MAX,
	REQUEST_BODY_MAX_BYTES,
	SEND_RESULTS_PER_REPORT_MAX,
} from '../nodes/shared/contract';

const parameter = (
	node: { description: { properties: Array<{ name: string; default?: unknown; typeOptions?: { maxValue?: number } }> } },
	name: string,
) => node.description.properties.find((property) => property.name === name);

describe('the nodes ask for no more than the control plane accepts (shared limits)', () => {
	it('Claim Due Sends offers batches up to the claim limit', () => {
		const batchSize = parameter(new ClaimDueSends(), 'batchSize');
		expect(batchSize?.typeOptions?.maxValue).toBe(CLAIM_BATCH_SIZE_MAX);
		expect(batchSize?.default).toBe(CLAIM_BATCH_SIZE_DEFAULT);
		expect(CLAIM_BATCH_SIZE_DEFAULT).toBeLessThanOrEqual(CLAIM_BATCH_SIZE_MAX);
	});

	it('Report to Control Plane posts at most the results one report may carry', () => {
		expect(parameter(new ReportToControlPlane(), 'batchSize')?.typeOptions?.maxValue).toBe(SEND_RESULTS_PER_REPORT_MAX);
	});

	it("Inbox Watch's report requests stay under the events and body limits", () => {
		expect(REPORT_CHUNK_EVENTS).toBe(INBOUND_EVENTS_PER_REPORT_MAX);
		expect(REPORT_CHUNK_BYTES).toBeLessThan(REQUEST_BODY_MAX_BYTES);
	});
});
