// Random credentials of the web bridge: one-use login codes (in the printed link) and browser session ids
// (in the HttpOnly cookie). Both are 256-bit random values; the server keeps only their SHA-256 digests,
// so a lookup never compares a secret byte by byte and a heap dump does not reveal a usable value.
import { createHash, randomBytes } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits, safe in URLs and cookie values without escaping. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What generateToken() produces; anything else is refused before it is hashed or looked up. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function isWellFormedToken(candidate: unknown): candidate is string {
  return typeof candidate === 'string' && TOKEN_PATTERN.test(candidate);
}

/** Map key for a token: its SHA-256 in hex. */
export function tokenDigest(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
