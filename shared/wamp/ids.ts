// WAMP ids (session ids, publication ids, request ids chosen by the router) live in [1, 2^53].
export const MAX_ID = 2 ** 53;

/** Source of random bytes; injected so tests are deterministic and shared/ needs no node:crypto. */
export type RandomBytes = (n: number) => Uint8Array;

/** Uniform random integer in [1, 2^53], from 7 random bytes (53 bits used). */
export function randomId(random: RandomBytes): number {
  const b = random(7);
  // 5 bits from the first byte + 48 bits from the other six = 53 bits → [0, 2^53 - 1], then +1.
  const high = (b[0] ?? 0) & 0x1f;
  let low = 0;
  for (let i = 1; i < 7; i += 1) low = low * 256 + (b[i] ?? 0);
  return high * 2 ** 48 + low + 1;
}

/** Web Crypto RNG (available in Node ≥ 19 and browsers) as the default RandomBytes. */
export const cryptoRandomBytes: RandomBytes = (n) => {
  const out = new Uint8Array(n);
  globalThis.crypto.getRandomValues(out);
  return out;
};

/**
 * Sequential ids for request/registration/subscription ids scoped to a router or session
 * (the spec allows "router scope" ids to be sequential); wraps within [1, 2^53].
 */
export class IdSequence {
  private next = 0;
  take(): number {
    this.next = this.next >= MAX_ID ? 1 : this.next + 1;
    return this.next;
  }
}

export function isWampId(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_ID;
}
