import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { DeferredResult } from '../shared/contract';
import { readAttempt, readMailboxPool, readNow, readSendId, readThreading } from '../shared/readItem';
import { MailboxRotation as Rotation, type RotationStrategy } from './rotation';

/** Key in the node's workflow static data holding the round-robin pointer between executions. */
const POINTER_KEY = 'lastAssignedMailboxId';

export class MailboxRotation implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Mailbox Rotation',
		name: 'mailboxRotation',
		icon: { light: 'file:mailboxRotation.svg', dark: 'file:mailboxRotation.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["strategy"]}}',
		description: "Assigns a sending mailbox to each item from the batch's pool without exceeding caps or gaps",
		defaults: { name: 'Mailbox Rotation' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Assigned', 'Unplaced'],
		properties: [
			{
				displayName: 'Strategy',
				name: 'strategy',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Round Robin',
						value: 'roundRobin',
						description: 'Take mailboxes in turn; the position is kept between executions of the active workflow',
					},
					{ name: 'Random', value: 'random', description: 'Pick any usable mailbox at random' },
					{
						name: 'Sequential',
						value: 'sequential',
						description: 'Fill the first mailbox of the pool before moving to the next',
					},
					{
						name: 'Weighted by Health',
						value: 'weighted',
						description: 'Pick at random in proportion to weight × health',
					},
				],
				default: 'roundRobin',
				description: 'How to spread sends over the usable mailboxes',
			},
			{
				displayName: 'Keep Follow-Ups on the First Mailbox',
				name: 'keepThreadMailbox',
				type: 'boolean',
				default: true,
				description:
					'Whether follow-ups must go out from the mailbox that sent step 1 (item field `threading.mailboxId`) so they stay in the same thread',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const assigned: INodeExecutionData[] = [];
		const unplaced: INodeExecutionData[] = [];
		const staticData = this.getWorkflowStaticData('node');
		const strategy = this.getNodeParameter('strategy', 0) as RotationStrategy;
		const keepThreadMailbox = this.getNodeParameter('keepThreadMailbox', 0) as boolean;
		const pointer = typeof staticData[POINTER_KEY] === 'string' ? (staticData[POINTER_KEY] as string) : null;
		const rotation = new Rotation(strategy, pointer);
		const realNowMs = Date.now();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex]?.json ?? {};
			try {
				const nowMs = readNow(json, realNowMs);
				const threading = readThreading(json);
				const placement = rotation.place({
					nowMs,
					pool: readMailboxPool(json),
					requiredMailboxId: keepThreadMailbox && threading !== null ? threading.mailboxId : null,
				});
				if (placement.placed) {
					const mailbox = { ...placement.mailbox } as IDataObject;
					assigned.push({ json: { ...json, mailboxId: placement.mailbox.id, mailbox }, pairedItem: { item: itemIndex } });
					continue;
				}
				const result: DeferredResult = {
					status: 'deferred',
					sendId: readSendId(json),
					attempt: readAttempt(json),
					notBefore: placement.notBeforeMs === null ? null : new Date(placement.notBeforeMs).toISOString(),
					code: placement.code,
					reason: placement.reason,
				};
				unplaced.push({ json: { ...json, result: { ...result } }, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					assigned.push({ json: { ...json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}

		if (rotation.lastAssignedId !== null) staticData[POINTER_KEY] = rotation.lastAssignedId;
		return [assigned, unplaced];
	}
}
