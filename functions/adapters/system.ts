import { randomBytes, randomUUID } from 'node:crypto';
import type { Clock, Randomness } from '../domain/ports.js';

export const systemClock: Clock = { now: () => new Date() };

const BASE32 = 'abcdefghijklmnopqrstuvwxyz234567';

/** Lower-case base32: mail local parts are case-insensitive in practice, so tokens must be too. */
function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += BASE32[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += BASE32[(value << (5 - bits)) & 31];
  return out;
}

export const cryptoRandomness: Randomness = {
  // 160 bits: unguessable, and 32 characters keep the reply address short.
  token: () => base32(randomBytes(20)),
  id: () => randomUUID(),
};
