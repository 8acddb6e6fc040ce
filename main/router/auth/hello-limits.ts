// Size limits on what an unauthenticated peer sends in HELLO, checked before the router keeps or logs
// anything of it. Without them, 2,500 HELLOs with unique 1 MB authids exhausted the heap: every one
// was held by the rate limiter, written twice to the log and pushed to every UI tab. WAMP sets no
// limits; these are far above what real clients send (Crossbar ids and URIs are short, authextra
// carries a public key or a channel binding at most).
import { WAMP_ERROR } from '../../../shared/wamp/errors';

export const HELLO_LIMITS = {
  /** HELLO.Realm, in characters (it must also be a valid URI). */
  realm: 256,
  /** HELLO.Details.authid and .authrole, in characters. */
  authid: 256,
  /** Entries in HELLO.Details.authmethods, and characters per entry. */
  authmethods: 16,
  authmethod: 64,
  /** HELLO.Details.authextra, measured as JSON. */
  authextraBytes: 4096,
} as const;

export type HelloLimitViolation = { reason: string; message: string };

const tooLong = (field: string, length: number, max: number): HelloLimitViolation => ({
  reason: WAMP_ERROR.invalid_argument,
  message: `${field} is ${length} characters long; this router accepts at most ${max}`,
});

/** undefined when the HELLO is within every limit; otherwise the ABORT to send. */
export function checkHelloLimits(realm: unknown, details: Record<string, unknown>): HelloLimitViolation | undefined {
  if (typeof realm === 'string' && realm.length > HELLO_LIMITS.realm) return tooLong('HELLO.Realm', realm.length, HELLO_LIMITS.realm);
  for (const field of ['authid', 'authrole'] as const) {
    const value = details[field];
    if (typeof value === 'string' && value.length > HELLO_LIMITS.authid) return tooLong(`HELLO.Details.${field}`, value.length, HELLO_LIMITS.authid);
  }
  const methods = details.authmethods;
  if (Array.isArray(methods)) {
    if (methods.length > HELLO_LIMITS.authmethods) {
      return { reason: WAMP_ERROR.invalid_argument, message: `HELLO.Details.authmethods has ${methods.length} entries; this router accepts at most ${HELLO_LIMITS.authmethods}` };
    }
    for (const m of methods) {
      if (typeof m === 'string' && m.length > HELLO_LIMITS.authmethod) return tooLong('an entry of HELLO.Details.authmethods', m.length, HELLO_LIMITS.authmethod);
    }
  }
  if (details.authextra !== undefined && jsonSizeExceeds(details.authextra, HELLO_LIMITS.authextraBytes)) {
    return { reason: WAMP_ERROR.invalid_argument, message: `HELLO.Details.authextra is larger than ${HELLO_LIMITS.authextraBytes} bytes as JSON; this router accepts at most that` };
  }
  return undefined;
}

/**
 * Whether `value` would take more than `budget` bytes as JSON, walking it only until the budget is
 * spent (a huge or deeply nested authextra is not serialised just to be measured). Binary values
 * (MessagePack/CBOR) count their byte length; nesting deeper than 32 counts as too large.
 */
export function jsonSizeExceeds(value: unknown, budget: number): boolean {
  let left = budget;
  const walk = (v: unknown, depth: number): boolean => {
    if (depth > 32) return true;
    if (typeof v === 'string') left -= Buffer.byteLength(v, 'utf8') + 2;
    else if (typeof v === 'number' || typeof v === 'bigint') left -= String(v).length;
    else if (typeof v === 'boolean' || v === null || v === undefined) left -= 5;
    else if (v instanceof Uint8Array) left -= v.byteLength;
    else if (Array.isArray(v)) {
      left -= 2;
      for (const item of v) {
        if (walk(item, depth + 1)) return true;
        left -= 1;
      }
    } else if (typeof v === 'object') {
      left -= 2;
      const obj = v as Record<string, unknown>;
      for (const key in obj) {
        if (!Object.prototype.hasOwnProperty.call(obj, key)) continue;
        left -= Buffer.byteLength(key, 'utf8') + 4;
        if (left < 0 || walk(obj[key], depth + 1)) return true;
      }
    } else left -= 8;
    return left < 0;
  };
  return walk(value, 0);
}
