// Access tokens verified once are remembered until they expire: the memory must never accept what a
// fresh verification would refuse (expiry, a changed signature or claim, another secret).
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../lib/clock.js';
import { UnauthenticatedError } from '../../lib/errors.js';
import { AccessTokens } from './accessTokens.js';

const secret = 'a secret of at least thirty-two characters';
const claims = { userId: '5f0c3c56-6a54-4f4f-9a39-7d0b9f1f8b11', organizationId: '0b8f7c0e-2a43-4d4c-8d3e-9f5a1d2c3b44' };

describe('AccessTokens', () => {
  it('accepts a token again until its expiry and refuses it from the second it expires', async () => {
    const clock = new ManualClock(new Date('2026-12-05T10:00:00.400Z'));
    const tokens = new AccessTokens(secret, 900, clock);
    const { token, expiresAt } = await tokens.issue(claims);
    expect(await tokens.verify(token)).toEqual(claims);
    clock.set(new Date(expiresAt.getTime() - 1));
    expect(await tokens.verify(token)).toEqual(claims);
    clock.set(expiresAt);
    await expect(tokens.verify(token)).rejects.toThrow('The access token has expired');
    // Forgotten once expired, and still refused when asked again.
    await expect(tokens.verify(token)).rejects.toThrow('The access token has expired');
  });

  it('refuses a token whose signature or claims were changed after the genuine one was accepted', async () => {
    const tokens = new AccessTokens(secret, 900, new ManualClock(new Date('2026-12-05T10:00:00Z')));
    const { token } = await tokens.issue(claims);
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const otherOrganization = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), org: '1c9e6d3a-0000-4000-8000-000000000001' }),
    ).toString('base64url');
    // The first character: the last one of a 32-byte HMAC carries two bits that decoding drops.
    const flipped = `${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    for (const forged of [`${header}.${otherOrganization}.${signature}`, `${header}.${payload}.${flipped}`]) {
      await expect(tokens.verify(forged)).rejects.toBeInstanceOf(UnauthenticatedError);
    }
    expect(await tokens.verify(token)).toEqual(claims);
  });

  it('refuses a token signed with another secret, whatever another instance accepted', async () => {
    const clock = new ManualClock(new Date('2026-12-05T10:00:00Z'));
    const { token } = await new AccessTokens('another secret of thirty-two characters!', 900, clock).issue(claims);
    await expect(new AccessTokens(secret, 900, clock).verify(token)).rejects.toThrow('The access token is not valid');
  });
});
