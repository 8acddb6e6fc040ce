// Per-launch bearer token of the web bridge. It travels only in the URL fragment (never sent in HTTP
// requests) and in the first WebSocket message, so it does not end up in logs, Referer headers or caches.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** 32 random bytes, base64url: 256 bits, URL-fragment safe without escaping. */
export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison. Both sides are hashed first so the buffers always have equal length:
 * timingSafeEqual throws on unequal lengths, and an early length check would leak the token length.
 */
export function tokensEqual(expected: string, candidate: unknown): boolean {
  if (typeof candidate !== 'string' || candidate.length > 1024) return false;
  const a = createHash('sha256').update(expected, 'utf8').digest();
  const b = createHash('sha256').update(candidate, 'utf8').digest();
  return timingSafeEqual(a, b);
}
