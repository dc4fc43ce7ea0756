import { randomInt } from 'node:crypto';
import { sha256Hex } from '../../lib/crypto.js';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new opaque warm-up tag: 12 characters [a-z0-9] (the contract's WARMUP_TAG_PATTERN), unguessable. */
export function newWarmupTag(): string {
  return Array.from({ length: 12 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
}

/** A number in [0, 1) fixed by a tag and a purpose: the same message always gets the same text and timing. */
export function tagFraction(tag: string, purpose: string): number {
  return Number.parseInt(sha256Hex(`${purpose}:${tag}`).slice(0, 12), 16) / 2 ** 48;
}
