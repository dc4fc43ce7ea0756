import {
	NodeConnectionTypes,
	NodeOperationError,
	type IDataObject,
	type IExecuteFunctions,
	type INodeExecutionData,
	type INodeType,
	type INodeTypeDescription,
} from 'n8n-workflow';

import type { CampaignSchedule, DeferredResult, Weekday } from '../shared/contract';
import { readAttempt, readLeadTimezone, readNow, readSchedule, readSendId } from '../shared/readItem';
import { isValidTimeZone } from '../shared/zonedTime';
import { businessHoursGateProperties } from './BusinessHoursGateDescription';
import { decide } from './businessHours';

export class BusinessHoursGate implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Business Hours Gate',
		name: 'businessHoursGate',
		icon: { light: 'file:businessHoursGate.svg', dark: 'file:businessHoursGate.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["scheduleSource"] === "item" ? "Schedule from item" : $parameter["start"] + "–" + $parameter["end"]}}',
		description: "Routes each send by whether now is inside the campaign's sending window in the lead's timezone",
		defaults: { name: 'Business Hours Gate' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main, NodeConnectionTypes.Main],
		outputNames: ['Inside Window', 'Outside Window'],
		properties: businessHoursGateProperties,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = this.getInputData();
		const inside: INodeExecutionData[] = [];
		const outside: INodeExecutionData[] = [];
		const realNowMs = Date.now();

		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			const json = items[itemIndex]?.json ?? {};
			try {
				const schedule = scheduleFor(this, json, itemIndex);
				if (!isValidTimeZone(schedule.timezone)) {
					throw new NodeOperationError(this.getNode(), `Unknown timezone "${schedule.timezone}"`, { itemIndex });
				}
				const nowMs = readNow(json, realNowMs);
				const decision = decide(nowMs, schedule, readLeadTimezone(json));
				const gate = { ...decision } as IDataObject;
				if (decision.inside) {
					inside.push({ json: { ...json, gate }, pairedItem: { item: itemIndex } });
					continue;
				}
				const result: DeferredResult = {
					status: 'deferred',
					sendId: readSendId(json),
					attempt: readAttempt(json),
					notBefore: decision.nextWindowStart,
					code: 'outside_window',
					reason: `Outside the sending window in ${decision.timezone} (local time ${decision.localTime})`,
				};
				outside.push({ json: { ...json, gate, result: { ...result } }, pairedItem: { item: itemIndex } });
			} catch (error) {
				if (this.continueOnFail()) {
					inside.push({ json: { ...json, error: (error as Error).message }, pairedItem: { item: itemIndex } });
					continue;
				}
				throw error instanceof NodeOperationError ? error : new NodeOperationError(this.getNode(), error as Error, { itemIndex });
			}
		}
		return [inside, outside];
	}
}

function scheduleFor(context: IExecuteFunctions, json: IDataObject, itemIndex: number): CampaignSchedule {
	if (context.getNodeParameter('scheduleSource', itemIndex) === 'item') return readSchedule(json);
	const holidays = String(context.getNodeParameter('holidays', itemIndex, ''))
		.split(',')
		.map((day) => day.trim())
		.filter((day) => day !== '');
	// Parameters go through the same validation as item schedules so both fail the same way.
	return readSchedule({
		schedule: {
			timezone: context.getNodeParameter('timezone', itemIndex) as string,
			useLeadTimezone: context.getNodeParameter('useLeadTimezone', itemIndex) as boolean,
			days: context.getNodeParameter('days', itemIndex) as Weekday[],
			start: context.getNodeParameter('start', itemIndex) as string,
			end: context.getNodeParameter('end', itemIndex) as string,
			holidays,
		},
	});
}
