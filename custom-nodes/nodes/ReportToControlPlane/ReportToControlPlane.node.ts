import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { ReportSource, SendResultsReport } from '../shared/contract';
import { controlPlanePaths } from '../shared/controlPlane';
import { reportToControlPlaneProperties } from './ReportToControlPlaneDescription';
import { postResults, type RetryPolicy } from './postResults';
import { readResult, type ReportedResult } from './readResult';

/** Each kind of claim has its own results endpoint. */
const resultPaths = {
	campaignSends: controlPlanePaths.events,
	inboxReplies: controlPlanePaths.inboxReplyResults,
	warmup: controlPlanePaths.warmupResults,
} as const;

export class ReportToControlPlane implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Report to Control Plane',
		name: 'reportToControlPlane',
		icon: { light: 'file:reportToControlPlane.svg', dark: 'file:reportToControlPlane.dark.svg' },
		group: ['output'],
		version: 1,
		subtitle: '={{"batches of " + $parameter["batchSize"]}}',
		description: 'Posts send results to the Ophir control plane in signed batches, retrying with backoff',
		defaults: { name: 'Report to Control Plane' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'ophirControlPlaneApi', required: true }],
		properties: reportToControlPlaneProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const resultField = this.getNodeParameter('resultField', 0, 'result') as string;
		const reportKind = this.getNodeParameter('report', 0, 'campaignSends') as keyof typeof resultPaths;
		const path = resultPaths[reportKind] ?? controlPlanePaths.events;
		const batchSize = this.getNodeParameter('batchSize', 0, 100) as number;
		const options = this.getNodeParameter('options', 0, {}) as IDataObject;
		const policy: RetryPolicy = {
			maxAttempts: typeof options.maxAttempts === 'number' ? options.maxAttempts : 5,
			initialBackoffMs: typeof options.initialBackoffMs === 'number' ? options.initialBackoffMs : 1000,
			maxBackoffMs: typeof options.maxBackoffMs === 'number' ? options.maxBackoffMs : 30_000,
		};
		const output: INodeExecutionData[] = [];
		const pending: Array<{ itemIndex: number; result: ReportedResult }> = [];

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex]?.json ?? {};
			try {
				pending.push({ itemIndex, result: readResult(json[resultField], resultField) });
			} catch (error) {
				if (!this.continueOnFail()) throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
				output.push({ json: { ...json, reported: false, error: (error as Error).message }, pairedItem: { item: itemIndex } });
			}
		}

		const source: ReportSource = { workflowId: this.getWorkflow().id ?? null, executionId: this.getExecutionId() ?? null };
		for (let start = 0; start < pending.length; start += batchSize) {
			const batch = pending.slice(start, start + batchSize);
			const report: SendResultsReport = { source, results: batch.map(({ result }) => result) };
			const outcome = await postResults(this, path, report as unknown as IDataObject, policy);
			if (!outcome.ok && !this.continueOnFail()) {
				throw new NodeOperationError(this.getNode(), `Reporting ${batch.length} results failed: ${outcome.message}`, {
					itemIndex: batch[0]?.itemIndex,
					description: `Gave up after ${outcome.attempts} attempt(s). The sends stay leased and return to the queue when the lease expires.`,
				});
			}
			for (const { itemIndex } of batch) {
				const json = items[itemIndex]?.json ?? {};
				output.push({
					json: outcome.ok ? { ...json, reported: true } : { ...json, reported: false, error: outcome.message },
					pairedItem: { item: itemIndex },
				});
			}
		}
		return [output];
	}
}
