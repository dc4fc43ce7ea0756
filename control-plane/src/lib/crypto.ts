import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';

export interface EncryptedValue {
  ciphertext: string;
  keyId: string;
}

/**
 * AES-256-GCM under a keyring. Each ciphertext is stored with the id of the key that sealed it, so
 * keys can rotate: new values use the active key, old ones still open with theirs.
 */
export class SecretBox {
  constructor(
    private readonly keys: ReadonlyMap<string, Buffer>,
    private readonly activeKeyId: string,
  ) {
    if (!keys.has(activeKeyId)) throw new Error(`Encryption key "${activeKeyId}" is not in the keyring`);
  }

  seal(plaintext: string, associatedData = ''): EncryptedValue {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(this.activeKeyId), iv);
    cipher.setAAD(Buffer.from(associatedData));
    const data = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const ciphertext = [iv, cipher.getAuthTag(), data].map((part) => part.toString('base64url')).join('.');
    return { ciphertext, keyId: this.activeKeyId };
  }

  /** `associatedData` binds a ciphertext to its owner (e.g. the mailbox id) so it cannot be moved to another row. */
  open(value: EncryptedValue, associatedData = ''): string {
    const [iv, tag, data] = value.ciphertext.split('.').map((part) => Buffer.from(part, 'base64url'));
    if (!iv || !tag || !data) throw new Error('Malformed ciphertext');
    const decipher = createDecipheriv('aes-256-gcm', this.key(value.keyId), iv);
    decipher.setAAD(Buffer.from(associatedData));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(data), decipher.final()]).toString('utf8');
  }

  sealJson(value: unknown, associatedData = ''): EncryptedValue {
    return this.seal(JSON.stringify(value), associatedData);
  }

  openJson<T>(value: EncryptedValue, associatedData = ''): T {
    return JSON.parse(this.open(value, associatedData)) as T;
  }

  private key(keyId: string): Buffer {
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Encryption key "${keyId}" is not configured`);
    return key;
  }
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/** `secret` as a KeyObject when one secret signs many payloads: the key is prepared once, not from its text each time. */
export function hmacSha256Hex(secret: string | KeyObject, payload: string): string {
  return createHmac('sha256', secret).update(payload).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
