// Secret comparison that takes the same time whether the first or the last character differs.
// timingSafeEqual needs equal lengths and would leak the length through an early return, so both
// sides are hashed first: the digests always have the same length and reveal nothing usable.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (value: string): Buffer => createHash('sha256').update(value, 'utf8').digest();

export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
