// Core OTP vocabulary shared by the UI, the vault and the CLI.

export const OTP_TYPES = ['totp', 'hotp', 'steam'] as const;
export type OtpType = (typeof OTP_TYPES)[number];

export const HASH_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type HashAlgorithm = (typeof HASH_ALGORITHMS)[number];

/** Everything needed to compute a code, except the secret. */
export interface OtpParams {
  type: OtpType;
  algorithm: HashAlgorithm;
  /** 6–8 for TOTP/HOTP; always 5 for Steam. */
  digits: number;
  /** Seconds per step (TOTP/Steam). Kept for HOTP too so a type switch has a sane value. */
  period: number;
  /** HOTP moving factor; 0 for time-based types. */
  counter: number;
}

/** An account as found in an otpauth:// URI or a migration payload. `secret` is normalised base32 (A–Z2–7, no padding). */
export interface OtpAccountData extends OtpParams {
  secret: string;
  issuer: string;
  label: string;
}

export const DEFAULT_PARAMS: Readonly<OtpParams> = Object.freeze({
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
});

export const STEAM_DIGITS = 5;
export const MIN_DIGITS = 6;
export const MAX_DIGITS = 8;
/** RFC 4226 §4 requires at least 128 bits of shared secret and recommends 160. */
export const RECOMMENDED_MIN_SECRET_BITS = 128;

// Input limits. Parsers check these before doing any work, so a hostile QR code or paste
// cannot make us allocate or loop without bound.
/** Shortest and longest TOTP/Steam step we accept (one day: a few hardware tokens use long steps). */
export const MIN_PERIOD = 1;
export const MAX_PERIOD = 86_400;
/** Longest secret as typed (before removing spaces/hyphens/padding): 1024 base32 chars ≈ 640 bytes. */
export const MAX_SECRET_INPUT_LENGTH = 1024;
/** Most key bytes such an input can decode to (1024 × 5 / 8). */
export const MAX_SECRET_BYTES = 640;
/** Longest issuer or label, in UTF-16 code units (matches the API contract's shortText). */
export const MAX_TEXT_LENGTH = 256;
/** Tag limits (match the API contract). */
export const MAX_TAG_LENGTH = 64;
export const MAX_TAGS = 32;
/** Longest otpauth:// URI we parse. Real ones are < 300 characters. */
export const MAX_OTPAUTH_URI_LENGTH = 8 * 1024;
/** Longest otpauth-migration:// URI we parse (matches the API contract's importUri cap). */
export const MAX_MIGRATION_URI_LENGTH = 64 * 1024;
