// Base32 (RFC 4648 §6) for OTP secrets.
//
// People type and paste secrets in many spellings: "jbsw y3dp ehpk 3pxp", "JBSW-Y3DP-…", with "="
// padding, across line breaks. normalizeBase32 accepts all of those and returns one canonical
// spelling (upper case, no separators, no padding, unused trailing bits zero), so equal keys
// compare equal as strings (duplicate detection) and every consumer can assume the strict alphabet.
import { base32nopad } from '@scure/base';
import { AppError, type AppErrorData } from '../api/errors';
import { err, ok, type Result } from '../api/result';
import { MAX_SECRET_INPUT_LENGTH } from './types';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Separators people use when writing secrets down in groups. */
const SEPARATOR = /[\s\-]/;
/**
 * Remainders of (length mod 8) that a no-padding encoding can produce: 0, 2, 4, 5 or 7 characters
 * in the last group. 1, 3 and 6 carry bits that cannot make up a whole byte.
 */
const IMPOSSIBLE_REMAINDERS = new Set([1, 3, 6]);

/** Hints for the characters people confuse with base32 letters. */
const LOOKALIKES: Record<string, string> = { '0': 'O', '1': 'I or L', '8': 'B' };

function invalidSecret(message: string, details?: Record<string, unknown>): Result<never, AppErrorData> {
  return err(details === undefined ? { code: 'INVALID_SECRET', message } : { code: 'INVALID_SECRET', message, details });
}

function describeChar(ch: string): string {
  const cp = ch.codePointAt(0) ?? 0;
  // Control and invisible characters would print as nothing; show their code point instead.
  return cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0xa0) ? `U+${cp.toString(16).toUpperCase().padStart(4, '0')}` : `"${ch}"`;
}

function badCharacter(ch: string, position: number): Result<never, AppErrorData> {
  const hint = LOOKALIKES[ch];
  const suffix = hint === undefined ? '' : ` (did you mean ${hint}?)`;
  return invalidSecret(
    `Invalid character ${describeChar(ch)} at position ${position} of the secret: base32 uses only the letters A–Z and the digits 2–7${suffix}`,
    { position, character: ch },
  );
}

/**
 * Canonical base32 for a secret in any common spelling.
 * Accepts lower case, spaces, tabs, line breaks, hyphens and trailing "=" padding (any amount: the
 * length check below already catches truncation, and a wrong pad count loses no key material).
 * Errors (code INVALID_SECRET) name the offending character and its 1-based position in the input.
 */
export function normalizeBase32(input: string): Result<string, AppErrorData> {
  if (typeof input !== 'string') return invalidSecret('The secret must be a text value');
  if (input.length > MAX_SECRET_INPUT_LENGTH) {
    return invalidSecret(`The secret is too long: ${input.length} characters (at most ${MAX_SECRET_INPUT_LENGTH})`);
  }
  let out = '';
  let padding = 0;
  let position = 0;
  for (const ch of input) {
    position += 1;
    if (SEPARATOR.test(ch)) continue;
    if (ch === '=') {
      padding += 1;
      continue;
    }
    // Padding is only allowed at the very end; "AB=CD" is a corrupted secret, not a separator.
    if (padding > 0) {
      return invalidSecret(`Unexpected "=" before position ${position} of the secret: padding may only appear at the end`, {
        position: position - 1,
        character: '=',
      });
    }
    // ASCII-only case folding: toUpperCase() would also turn "ı" or "ſ" into base32 letters.
    const upper = ch >= 'a' && ch <= 'z' ? ch.toUpperCase() : ch;
    if (!ALPHABET.includes(upper)) return badCharacter(ch, position);
    out += upper;
  }
  if (out.length === 0) return invalidSecret('The secret is empty');
  if (IMPOSSIBLE_REMAINDERS.has(out.length % 8)) {
    return invalidSecret(
      `The secret has an impossible length for base32: ${out.length} characters (a character is probably missing or extra)`,
      { length: out.length },
    );
  }
  // Re-encode so unused trailing bits are zero: "MZXW6YR" and "MZXW6YQ" are the same 4-byte key.
  return ok(bytesToBase32(decodeCanonicalAlphabet(out)));
}

/** Decode a string of ALPHABET characters, discarding the (< 8) leftover bits like every authenticator does. */
function decodeCanonicalAlphabet(s: string): Uint8Array {
  const bytes = new Uint8Array(Math.floor((s.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const ch of s) {
    const value = ALPHABET.indexOf(ch);
    if (value < 0) {
      throw new AppError('INVALID_SECRET', `Invalid base32 character ${describeChar(ch)} in a normalised secret`);
    }
    buffer = ((buffer << 5) | value) & 0xfff; // at most 12 bits are ever pending
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}

/**
 * Bytes of a normalised secret (upper-case A–Z2–7, no padding — the output of normalizeBase32).
 * Throws AppError INVALID_SECRET for anything else, since callers pass stored, already-validated values.
 */
export function base32ToBytes(normalized: string): Uint8Array {
  if (normalized.length === 0 || IMPOSSIBLE_REMAINDERS.has(normalized.length % 8)) {
    throw new AppError('INVALID_SECRET', `Not a normalised base32 secret (length ${normalized.length})`);
  }
  return decodeCanonicalAlphabet(normalized);
}

/** Unpadded upper-case base32 of the bytes. */
export function bytesToBase32(bytes: Uint8Array): string {
  return base32nopad.encode(bytes);
}

/** Bits of key material in a normalised secret: decoded byte length × 8. */
export function secretBits(normalized: string): number {
  return Math.floor((normalized.length * 5) / 8) * 8;
}
