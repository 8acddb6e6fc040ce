// Range checks shared by the URI parser, the migration decoder, the form validator and the code
// generator, so all four agree on what a valid account is. Each returns a human message or null.
import {
  HASH_ALGORITHMS,
  MAX_DIGITS,
  MAX_PERIOD,
  MAX_TEXT_LENGTH,
  MIN_DIGITS,
  MIN_PERIOD,
  OTP_TYPES,
  STEAM_DIGITS,
  type HashAlgorithm,
  type OtpType,
} from './types';

export function isOtpType(value: unknown): value is OtpType {
  return typeof value === 'string' && (OTP_TYPES as readonly string[]).includes(value);
}

export function isHashAlgorithm(value: unknown): value is HashAlgorithm {
  return typeof value === 'string' && (HASH_ALGORITHMS as readonly string[]).includes(value);
}

/** "sha1", "SHA-256", "Sha512" → canonical name; undefined for anything else (MD5 included). */
export function parseAlgorithmName(text: string): HashAlgorithm | undefined {
  const canonical = text.trim().toUpperCase().replace('-', '');
  return isHashAlgorithm(canonical) ? canonical : undefined;
}

export function digitsError(type: OtpType, digits: unknown): string | null {
  if (type === 'steam') {
    return digits === STEAM_DIGITS ? null : `Steam Guard codes always have ${STEAM_DIGITS} characters`;
  }
  if (typeof digits !== 'number' || !Number.isInteger(digits) || digits < MIN_DIGITS || digits > MAX_DIGITS) {
    return `Digits must be a whole number from ${MIN_DIGITS} to ${MAX_DIGITS}`;
  }
  return null;
}

export function periodError(period: unknown): string | null {
  if (typeof period !== 'number' || !Number.isInteger(period) || period < MIN_PERIOD || period > MAX_PERIOD) {
    return `Period must be a whole number of seconds from ${MIN_PERIOD} to ${MAX_PERIOD}`;
  }
  return null;
}

export function counterError(counter: unknown): string | null {
  if (typeof counter !== 'number' || !Number.isSafeInteger(counter) || counter < 0) {
    return `Counter must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`;
  }
  return null;
}

// C0/C1 controls and lone surrogates: they break terminals, logs and URI encoding.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_TEXT = /[\u0000-\u001f\u007f-\u009f]|\p{Surrogate}/u;

/** Issuer/label check. `what` names the field in the message, e.g. "Label". */
export function textError(what: string, text: string): string | null {
  if (text.length > MAX_TEXT_LENGTH) return `${what} is too long: ${text.length} characters (at most ${MAX_TEXT_LENGTH})`;
  if (FORBIDDEN_TEXT.test(text)) return `${what} contains control characters`;
  return null;
}

/** Parse a decimal integer the way a URI or form carries it: digits only, no sign, no exponent. */
export function parseDecimal(text: string): number | undefined {
  const t = text.trim();
  if (!/^\d{1,16}$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isSafeInteger(n) ? n : undefined;
}
