import type { IDataObject } from 'n8n-workflow';

import type { ReportedSendResult, SendResult } from '../shared/contract';
import { ContractError, readAttempt, readSendId } from '../shared/readItem';

/** A result as posted: the node's result plus the idempotency key the control plane dedupes on. */
export type ReportedResult = ReportedSendResult;

const STATUSES: ReadonlyArray<SendResult['status']> = ['sent', 'deferred', 'retryable', 'failed'];

/**
 * Checks the envelope (status, sendId, attempt) and adds `eventId`; the fields per status are the
 * producing node's responsibility and are passed through unchanged.
 */
export function readResult(value: unknown, fieldName: string): ReportedResult {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new ContractError(fieldName, 'must hold a send result object');
	}
	const result = value as IDataObject;
	if (!STATUSES.includes(result.status as SendResult['status'])) {
		throw new ContractError(`${fieldName}.status`, `must be one of ${STATUSES.join(', ')}`);
	}
	const sendId = readSendId(result);
	const attempt = readAttempt(result);
	return {
		...(result as unknown as SendResult),
		attempt,
		eventId: `${sendId}:${attempt}:${String(result.status)}`,
	};
}
