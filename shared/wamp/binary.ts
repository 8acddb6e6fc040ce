// Helpers the serializers share: the WAMP JSON binary convention and the 64-bit integer widening
// msgpack/cbor need so that ids above 2^32 go out as integers (both libraries would otherwise
// write them as float64, which Autobahn|Python rejects as a non-integer id).
import { base64 } from '@scure/base';

/** Binary values travel in JSON as a string: "\0" followed by the base64 of the bytes. */
export function binaryToJsonString(bytes: Uint8Array): string {
  return '\u0000' + base64.encode(bytes);
}

export function jsonStringToBinary(text: string): Uint8Array | undefined {
  if (text.length === 0 || text.charCodeAt(0) !== 0) return undefined;
  try {
    return base64.decode(text.slice(1));
  } catch {
    return undefined; // a string that merely starts with NUL stays a string
  }
}

/** True when the value (nested) holds a Uint8Array; used to skip the slow JSON replacer path. */
export function containsBinary(value: unknown, depth = 0): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (value instanceof Uint8Array) return true;
  if (depth > 64) return false;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) if (containsBinary(value[i], depth + 1)) return true;
    return false;
  }
  for (const key in value) if (containsBinary((value as Record<string, unknown>)[key], depth + 1)) return true;
  return false;
}

// Up to 2^53 (the largest WAMP id), which is exact in a double though not a "safe" integer.
const needsWidening = (n: number) => (n > 0xffffffff || n < -0x80000000) && Number.isInteger(n) && Math.abs(n) <= 2 ** 53;

/**
 * Copy-on-write: returns the same object when nothing needs changing, otherwise a copy where every
 * safe integer outside 32 bits is a BigInt (which msgpackr/cbor-x write as 64-bit integers).
 */
export function widenIntegers(value: unknown, depth = 0): unknown {
  if (typeof value === 'number') return needsWidening(value) ? BigInt(value) : value;
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array || depth > 64) return value;
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i += 1) {
      const v = value[i];
      const w = widenIntegers(v, depth + 1);
      if (w !== v) {
        out ??= value.slice();
        out[i] = w;
      }
    }
    return out ?? value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let out: Record<string, unknown> | undefined;
  for (const key in value) {
    const v = (value as Record<string, unknown>)[key];
    const w = widenIntegers(v, depth + 1);
    if (w !== v) {
      out ??= { ...(value as Record<string, unknown>) };
      out[key] = w;
    }
  }
  return out ?? value;
}
