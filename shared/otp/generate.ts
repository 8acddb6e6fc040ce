// One-time codes: HOTP (RFC 4226) and TOTP (RFC 6238) computed by otplib, and Steam Guard.
//
// Steam Guard is RFC 4226 up to the 31-bit truncated value and then a base-26 encoding. otplib 13
// has hooks for that, but its top-level generateSync does not pass them through, so Steam computes
// the HMAC with @noble/hashes (the same implementation otplib's default crypto plugin uses).
//
// Inputs are checked here rather than trusted to otplib, because otplib does not check `digits`
// (10 digits silently yields a wrong code) and its default guardrails reject secrets shorter than
// 16 bytes, while real services (and RFC test setups) use 10-byte secrets. Problems throw AppError,
// which the API layer turns into a Result; the UI validates before it gets here.
import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { createGuardrails, generateSync, type HashAlgorithm as OtplibAlgorithm } from 'otplib';
import { AppError } from '../api/errors';
import { base32ToBytes, normalizeBase32 } from './base32';
import { counterError, digitsError, periodError } from './params';
import { MAX_PERIOD, MAX_SECRET_BYTES, STEAM_DIGITS, type HashAlgorithm, type OtpParams } from './types';

/**
 * otplib limits, relaxed to what authenticator apps accept: any non-empty secret (we warn about
 * short ones in validate.ts instead of refusing codes for an account the service issued), secrets up
 * to our input cap, and periods up to one day.
 */
const GUARDRAILS = createGuardrails({
  MIN_SECRET_BYTES: 1,
  MAX_SECRET_BYTES,
  MAX_PERIOD,
});

const OTPLIB_ALGORITHM: Record<HashAlgorithm, OtplibAlgorithm> = { SHA1: 'sha1', SHA256: 'sha256', SHA512: 'sha512' };

/** Steam Guard's 26-character alphabet (digits and consonants that cannot be confused). */
export const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

function secretBytes(secretB32: string): Uint8Array {
  const normalized = normalizeBase32(secretB32);
  if (!normalized.ok) throw new AppError(normalized.error.code, normalized.error.message, normalized.error.details);
  return base32ToBytes(normalized.value);
}

function check(message: string | null): void {
  if (message !== null) throw new AppError('INVALID_ARGUMENT', message);
}

function algorithmOf(algorithm: HashAlgorithm): OtplibAlgorithm {
  const name = Object.prototype.hasOwnProperty.call(OTPLIB_ALGORITHM, algorithm) ? OTPLIB_ALGORITHM[algorithm] : undefined;
  if (name === undefined) throw new AppError('INVALID_ARGUMENT', `Unsupported hash algorithm "${String(algorithm)}"`);
  return name;
}

/**
 * RFC 6238 time step T = floor((unix seconds − T0) / X) with T0 = 0, in integer milliseconds so a
 * window boundary is exact. Beyond 2^32 seconds (year 2106) the counter still fits: otplib writes it
 * as a 64-bit big-endian integer.
 */
function timeStep(atMs: number, period: number): number {
  if (typeof atMs !== 'number' || !Number.isFinite(atMs) || atMs < 0) {
    throw new AppError('INVALID_ARGUMENT', 'Time must be a non-negative number of milliseconds');
  }
  check(periodError(period));
  return Math.floor(Math.floor(atMs) / (period * 1000));
}

function hotpFromBytes(secret: Uint8Array, counter: number, algorithm: HashAlgorithm, digits: number): string {
  return generateSync({
    strategy: 'hotp',
    secret,
    counter,
    algorithm: algorithmOf(algorithm),
    digits,
    guardrails: GUARDRAILS,
  });
}

/** RFC 4226 §5.3 input: the counter as 8 bytes, big-endian (exact for any safe integer). */
function counterBytes(counter: number): Uint8Array {
  const bytes = new Uint8Array(8);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(counter));
  return bytes;
}

/** RFC 4226 §5.3 dynamic truncation: 4 bytes at the offset given by the low nibble of the last byte, top bit cleared. */
function dynamicTruncate(digest: Uint8Array): number {
  const offset = (digest[digest.length - 1] ?? 0) & 0x0f;
  return new DataView(digest.buffer, digest.byteOffset, digest.byteLength).getUint32(offset) & 0x7fffffff;
}

/** Steam Guard: the 31-bit value written least-significant first in base 26 over STEAM_ALPHABET. */
function steamFromBytes(secret: Uint8Array, step: number): string {
  let value = dynamicTruncate(hmac(sha1, secret, counterBytes(step)));
  let code = '';
  for (let i = 0; i < STEAM_DIGITS; i += 1) {
    code += STEAM_ALPHABET[value % STEAM_ALPHABET.length];
    value = Math.floor(value / STEAM_ALPHABET.length);
  }
  return code;
}

/** RFC 4226 HOTP code for `counter`. */
export function hotpCode(secretB32: string, counter: number, algorithm: HashAlgorithm, digits: number): string {
  check(digitsError('hotp', digits));
  check(counterError(counter));
  return hotpFromBytes(secretBytes(secretB32), counter, algorithm, digits);
}

/** RFC 6238 TOTP code at `atMs` (Unix milliseconds). */
export function totpCode(secretB32: string, atMs: number, period: number, algorithm: HashAlgorithm, digits: number): string {
  check(digitsError('totp', digits));
  const step = timeStep(atMs, period);
  return hotpFromBytes(secretBytes(secretB32), step, algorithm, digits);
}

/** Steam Guard code at `atMs` (Unix milliseconds): HMAC-SHA1 over the time step, 5 characters. */
export function steamCode(secretB32: string, atMs: number, period = 30): string {
  const step = timeStep(atMs, period);
  return steamFromBytes(secretBytes(secretB32), step);
}

export interface CodeWindow {
  code: string;
  /** Code of the next time step (TOTP/Steam) or of counter + 1 (HOTP). */
  next: string;
  /** Validity window of `code` in Unix ms; null for HOTP, whose codes do not expire. */
  validFrom: number | null;
  validUntil: number | null;
}

/** Current and next code of an account at `atMs`, with the validity window of the current one. */
export function codeWindow(account: OtpParams & { secret: string }, atMs: number): CodeWindow {
  const secret = secretBytes(account.secret);
  switch (account.type) {
    case 'hotp': {
      check(digitsError('hotp', account.digits));
      check(counterError(account.counter));
      // counter + 1 must still be a safe integer for the "next" code.
      check(counterError(account.counter + 1));
      return {
        code: hotpFromBytes(secret, account.counter, account.algorithm, account.digits),
        next: hotpFromBytes(secret, account.counter + 1, account.algorithm, account.digits),
        validFrom: null,
        validUntil: null,
      };
    }
    case 'totp': {
      check(digitsError('totp', account.digits));
      const step = timeStep(atMs, account.period);
      return {
        code: hotpFromBytes(secret, step, account.algorithm, account.digits),
        next: hotpFromBytes(secret, step + 1, account.algorithm, account.digits),
        validFrom: step * account.period * 1000,
        validUntil: (step + 1) * account.period * 1000,
      };
    }
    case 'steam': {
      const step = timeStep(atMs, account.period);
      return {
        code: steamFromBytes(secret, step),
        next: steamFromBytes(secret, step + 1),
        validFrom: step * account.period * 1000,
        validUntil: (step + 1) * account.period * 1000,
      };
    }
    default:
      throw new AppError('INVALID_ARGUMENT', `Unknown OTP type "${String((account as { type: unknown }).type)}"`);
  }
}
