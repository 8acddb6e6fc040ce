// Independent reference implementations and a seeded PRNG for the OTP tests.
// Written from the RFCs with node:crypto, deliberately sharing no code with shared/otp, so a test
// that compares the two can catch a bug in either.
import { createHmac } from 'node:crypto';

const RFC4648 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** Base32 decode by spelling out every character as 5 bits (a different method from the module's). */
export function refBase32Decode(text: string): Buffer {
  const bits = [...text].map((c) => {
    const v = RFC4648.indexOf(c);
    if (v < 0) throw new Error(`bad base32 char ${c}`);
    return v.toString(2).padStart(5, '0');
  });
  const all = bits.join('');
  const out: number[] = [];
  for (let i = 0; i + 8 <= all.length; i += 8) out.push(parseInt(all.slice(i, i + 8), 2));
  return Buffer.from(out);
}

export function refBase32Encode(bytes: Uint8Array): string {
  const all = [...bytes].map((b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < all.length; i += 5) out += RFC4648[parseInt(all.slice(i, i + 5).padEnd(5, '0'), 2)];
  return out;
}

const NODE_ALG = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' } as const;

/** RFC 4226 §5.3 dynamic truncation → 31-bit integer. */
export function refTruncated(key: Uint8Array, counter: bigint, algorithm: keyof typeof NODE_ALG): number {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(counter);
  const h = createHmac(NODE_ALG[algorithm], key).update(msg).digest();
  const offset = h[h.length - 1]! & 0x0f;
  return h.readUInt32BE(offset) & 0x7fffffff;
}

export function refHotp(key: Uint8Array, counter: bigint, algorithm: keyof typeof NODE_ALG, digits: number): string {
  return String(refTruncated(key, counter, algorithm) % 10 ** digits).padStart(digits, '0');
}

/** RFC 6238 with T0 = 0, time in whole seconds. */
export function refTotp(key: Uint8Array, unixSeconds: number, period: number, algorithm: keyof typeof NODE_ALG, digits: number): string {
  return refHotp(key, BigInt(Math.floor(unixSeconds / period)), algorithm, digits);
}

export function refSteam(key: Uint8Array, unixSeconds: number, period = 30): string {
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
  let v = refTruncated(key, BigInt(Math.floor(unixSeconds / period)), 'SHA1');
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += alphabet[v % 26];
    v = Math.floor(v / 26);
  }
  return out;
}

/** mulberry32: small, fast, seeded — failures are reproducible from the seed in the test name. */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[int(0, items.length - 1)]!;
  const bytes = (n: number): Uint8Array => Uint8Array.from({ length: n }, () => int(0, 255));
  return { next, int, pick, bytes };
}
export type Prng = ReturnType<typeof prng>;

const NAME_CHARS = [
  ...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789',
  ...' .,-_@+:/?#&=%!*\'()[]~$;',
  'ä', 'ß', 'é', '東', '京', 'Ω', '😀', '👍🏽',
];

/** A label/issuer-like string: printable, may contain ":" and URI metacharacters, trimmed, non-empty. */
export function randomName(r: Prng, maxLength = 24): string {
  for (;;) {
    let s = '';
    const n = r.int(1, maxLength);
    for (let i = 0; i < n; i++) s += r.pick(NAME_CHARS);
    s = s.trim();
    if (s !== '') return s;
  }
}
