// Validation of the add/edit form. The renderer runs it on every keystroke to show field errors;
// main runs it again before storing anything, so the rules live here exactly once.
import type { AccountInput } from '../api/types';
import { normalizeBase32, secretBits } from './base32';
import { counterError, digitsError, isHashAlgorithm, isOtpType, periodError, textError } from './params';
import {
  DEFAULT_PARAMS,
  MAX_TAGS,
  MAX_TAG_LENGTH,
  RECOMMENDED_MIN_SECRET_BITS,
  STEAM_DIGITS,
  type OtpAccountData,
} from './types';

export type AccountFieldErrors = Partial<Record<keyof AccountInput, string>>;

/** A validated account: canonical secret, trimmed texts, parameters fixed up for the type, clean tags. */
export type ValidatedAccount = OtpAccountData & { tags: string[] };

export type AccountValidation =
  | { ok: true; value: ValidatedAccount; warnings: string[] }
  | { ok: false; errors: AccountFieldErrors; warnings: string[] };

/** Periods people actually meet; anything else is allowed but probably a typo. */
const COMMON_PERIODS = new Set([30, 60]);

const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

/** Trimmed, non-empty, de-duplicated case-insensitively (the first spelling wins). */
function cleanTags(tags: unknown, errors: AccountFieldErrors): string[] {
  if (tags === undefined) return [];
  if (!Array.isArray(tags)) {
    errors.tags = 'Tags must be a list';
    return [];
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of tags) {
    if (typeof raw !== 'string') {
      errors.tags = 'Tags must be text';
      continue;
    }
    const tag = raw.trim();
    const key = tag.toLocaleLowerCase();
    if (tag === '' || seen.has(key)) continue;
    const problem = textError('A tag', tag);
    if (tag.length > MAX_TAG_LENGTH) errors.tags = `Tag "${tag.slice(0, 20)}…" is too long (at most ${MAX_TAG_LENGTH} characters)`;
    else if (problem !== null) errors.tags = problem;
    seen.add(key);
    out.push(tag);
  }
  if (out.length > MAX_TAGS) errors.tags = `Too many tags: ${out.length} (at most ${MAX_TAGS})`;
  return out;
}

/**
 * Check and normalise form input.
 * - Steam: 5 characters and SHA1 are forced (the form's digits/algorithm are ignored); the period is
 *   checked like TOTP's.
 * - Counter matters only for HOTP (forced to 0 otherwise); period is checked for TOTP/Steam, and for
 *   HOTP kept when valid or reset to 30, since the form may hide it for HOTP.
 * Warnings never block saving: short secrets, unusual periods, non-SHA1 algorithms.
 */
export function validateAccountInput(input: AccountInput): AccountValidation {
  const errors: AccountFieldErrors = {};
  const warnings: string[] = [];
  const source = (typeof input === 'object' && input !== null ? input : {}) as Partial<Record<keyof AccountInput, unknown>>;

  // Absent parameters take the defaults, so partial input (e.g. a CLI call with only a name and a
  // secret) validates; present but wrong values are errors.
  const given = <K extends keyof AccountInput>(key: K, fallback: unknown): unknown => (source[key] === undefined ? fallback : source[key]);

  const rawType = given('type', DEFAULT_PARAMS.type);
  const type = isOtpType(rawType) ? rawType : undefined;
  if (type === undefined) errors.type = 'Choose TOTP, HOTP or Steam';

  const label = text(source.label);
  const issuer = text(source.issuer);
  if (label === '') errors.label = 'Enter a name for the account';
  else {
    const problem = textError('The name', label);
    if (problem !== null) errors.label = problem;
  }
  const issuerProblem = textError('The issuer', issuer);
  if (issuerProblem !== null) errors.issuer = issuerProblem;

  let secret = '';
  const normalized = normalizeBase32(typeof source.secret === 'string' ? source.secret : '');
  if (normalized.ok) {
    secret = normalized.value;
    const bits = secretBits(secret);
    if (bits < RECOMMENDED_MIN_SECRET_BITS) {
      warnings.push(`RFC 4226 recommends at least ${RECOMMENDED_MIN_SECRET_BITS} bits; this secret has ${bits} bits`);
    }
  } else {
    errors.secret = normalized.error.message;
  }

  const isSteam = type === 'steam';
  const rawAlgorithm = given('algorithm', DEFAULT_PARAMS.algorithm);
  const algorithm = isSteam ? 'SHA1' : isHashAlgorithm(rawAlgorithm) ? rawAlgorithm : undefined;
  if (algorithm === undefined) errors.algorithm = 'Choose SHA1, SHA256 or SHA512';
  else if (algorithm !== 'SHA1') warnings.push(`Some authenticator apps ignore the algorithm and always use SHA1; with ${algorithm} their codes would not match`);

  const digits = isSteam ? STEAM_DIGITS : given('digits', DEFAULT_PARAMS.digits);
  const digitsProblem = digitsError(type ?? 'totp', digits);
  if (digitsProblem !== null) errors.digits = digitsProblem;

  let period = given('period', DEFAULT_PARAMS.period);
  if (type === 'hotp') {
    if (periodError(period) !== null) period = DEFAULT_PARAMS.period;
  } else {
    const problem = periodError(period);
    if (problem !== null) errors.period = problem;
    else if (!COMMON_PERIODS.has(period as number)) {
      warnings.push(`Most services use a 30-second period; this account uses ${String(period)} seconds`);
    }
  }

  let counter: unknown = 0;
  if (type === 'hotp') {
    counter = given('counter', DEFAULT_PARAMS.counter);
    const problem = counterError(counter);
    if (problem !== null) errors.counter = problem;
  }

  const tags = cleanTags(source.tags, errors);

  if (Object.keys(errors).length > 0 || type === undefined || algorithm === undefined) return { ok: false, errors, warnings };
  return {
    ok: true,
    value: {
      type,
      issuer,
      label,
      secret,
      algorithm,
      digits: digits as number,
      period: period as number,
      counter: counter as number,
      tags,
    },
    warnings,
  };
}
