import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox, constantTimeEqual } from './crypto.js';

const k1 = randomBytes(32);
const k2 = randomBytes(32);

describe('SecretBox', () => {
  it('round-trips and never stores the plaintext', () => {
    const box = new SecretBox(new Map([['k1', k1]]), 'k1');
    const sealed = box.seal('refresh-token-123');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext).not.toContain('refresh-token-123');
    expect(box.open(sealed)).toBe('refresh-token-123');
    expect(box.seal('same').ciphertext).not.toBe(box.seal('same').ciphertext);
  });

  it('detects tampering', () => {
    const box = new SecretBox(new Map([['k1', k1]]), 'k1');
    const sealed = box.seal('secret');
    const [iv, tag, data] = sealed.ciphertext.split('.');
    const flipped = Buffer.from(data!, 'base64url');
    flipped[0] = flipped[0]! ^ 1;
    expect(() => box.open({ keyId: 'k1', ciphertext: [iv, tag, flipped.toString('base64url')].join('.') })).toThrow();
  });

  it('binds a ciphertext to its owner through associated data', () => {
    const box = new SecretBox(new Map([['k1', k1]]), 'k1');
    const sealed = box.sealJson({ password: 'p' }, 'mailbox:a');
    expect(box.openJson(sealed, 'mailbox:a')).toEqual({ password: 'p' });
    expect(() => box.open(sealed, 'mailbox:b')).toThrow();
  });

  it('rotates keys: old ciphertexts open with their key, new ones use the active key', () => {
    const before = new SecretBox(new Map([['k1', k1]]), 'k1');
    const old = before.seal('legacy');
    const after = new SecretBox(
      new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
      'k2',
    );
    expect(after.open(old)).toBe('legacy');
    expect(after.seal('fresh').keyId).toBe('k2');
    expect(() => new SecretBox(new Map([['k2', k2]]), 'k2').open(old)).toThrow(/k1/);
  });

  it('compares in constant time', () => {
    expect(constantTimeEqual('abc', 'abc')).toBe(true);
    expect(constantTimeEqual('abc', 'abd')).toBe(false);
    expect(constantTimeEqual('abc', 'abcd')).toBe(false);
  });
});
