import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { refuseSignature, SIGNATURE_TOLERANCE_SECONDS } from '../nodes/OphirTrigger/verifySignature';

/** The Standard Webhooks specification's example: the signature its reference libraries compute. */
const vector = {
	secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
	id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
	timestamp: '1614265330',
	body: '{"test": 2432232314}',
	signature: 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=',
};
const now = Number(vector.timestamp);

describe("the Ophir Trigger's signature check", () => {
	it("accepts the specification's example, also beside another secret's signature (a rotation)", () => {
		const { secret, id, timestamp, body, signature } = vector;
		expect(refuseSignature(secret, { id, timestamp, signature }, body, now)).toBeUndefined();
		expect(refuseSignature(secret, { id, timestamp, signature: `v1,b3RoZXI= ${signature}` }, body, now + 60)).toBeUndefined();
	});

	it('refuses a changed body, another secret, a stale or future timestamp and missing headers', () => {
		const { secret, id, timestamp, body, signature } = vector;
		expect(refuseSignature(secret, { id, timestamp, signature }, body.replace('2', '3'), now)).toBe('no signature matches the secret');
		const otherSecret = `whsec_${Buffer.from('another key').toString('base64')}`;
		expect(refuseSignature(otherSecret, { id, timestamp, signature }, body, now)).toBe('no signature matches the secret');
		expect(refuseSignature(secret, { id, timestamp, signature }, body, now + SIGNATURE_TOLERANCE_SECONDS + 1)).toBe(
			'timestamp outside the tolerance',
		);
		expect(refuseSignature(secret, { id, timestamp, signature }, body, now - SIGNATURE_TOLERANCE_SECONDS - 1)).toBe(
			'timestamp outside the tolerance',
		);
		expect(refuseSignature(secret, { id, timestamp }, body, now)).toMatch(/missing/);
	});

	it('checks the id and timestamp as signed: the same body under another id is refused', () => {
		const { secret, timestamp, body } = vector;
		const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
		const signature = `v1,${createHmac('sha256', key).update(`msg_other.${timestamp}.${body}`).digest('base64')}`;
		expect(refuseSignature(secret, { id: 'msg_other', timestamp, signature }, body, now)).toBeUndefined();
		expect(refuseSignature(secret, { id: vector.id, timestamp, signature }, body, now)).toBe('no signature matches the secret');
	});
});
