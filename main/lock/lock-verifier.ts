// The app lock stores no password, only a verifier: scrypt(password, random salt). Checking a guess
// costs the attacker (and us) one scrypt run; comparing is constant-time, so timing says nothing
// about how much of a guess was right.
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

export interface LockVerifier {
  kdf: 'scrypt';
  N: number;
  r: number;
  p: number;
  /** hex */
  salt: string;
  /** hex, 32 bytes */
  hash: string;
}

/** 2^15 · 8 · 128 B = 32 MiB and ~0.1 s per guess on a laptop; files with less are refused. */
export const VERIFIER_PARAMS = { N: 2 ** 15, r: 8, p: 1 } as const;
const MIN_N = 2 ** 15;
const MAX_N = 2 ** 20;
const HASH_BYTES = 32;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(Buffer.from(password.normalize('NFC'), 'utf8'), salt, HASH_BYTES, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function createVerifier(password: string): Promise<LockVerifier> {
  const salt = randomBytes(32);
  const hash = await derive(password, salt, VERIFIER_PARAMS);
  return { kdf: 'scrypt', ...VERIFIER_PARAMS, salt: salt.toString('hex'), hash: hash.toString('hex') };
}

/** A verifier as read from settings.json, or null when it is not one we would have written. */
export function parseVerifier(value: unknown): LockVerifier | null {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as Record<string, unknown>;
  const { N, r, p, salt, hash } = v;
  if (v.kdf !== 'scrypt' || typeof N !== 'number' || typeof r !== 'number' || typeof p !== 'number') return null;
  if (!Number.isSafeInteger(N) || N < MIN_N || N > MAX_N || (N & (N - 1)) !== 0) return null;
  if (!Number.isSafeInteger(r) || r < 1 || r > 16 || !Number.isSafeInteger(p) || p < 1 || p > 4) return null;
  if (typeof salt !== 'string' || !/^(?:[0-9a-f]{2}){16,64}$/.test(salt)) return null;
  if (typeof hash !== 'string' || hash.length !== HASH_BYTES * 2 || !/^[0-9a-f]+$/.test(hash)) return null;
  return { kdf: 'scrypt', N, r, p, salt, hash };
}

export async function verifyPassword(password: string, verifier: LockVerifier): Promise<boolean> {
  const actual = await derive(password, Buffer.from(verifier.salt, 'hex'), verifier);
  return timingSafeEqual(actual, Buffer.from(verifier.hash, 'hex'));
}
