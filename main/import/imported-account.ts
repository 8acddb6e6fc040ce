// Turns the fields an importer read from another app's file into an ImportedAccount, with the same
// validation the add form uses (validateAccountInput), or into a SkippedEntry that says why not. One
// module for every format, so an entry is repaired, skipped and named the same way whatever app wrote it.
//
// Names are repaired rather than rejected: a control character or an over-long issuer is a cosmetic
// flaw, and refusing the account for it would lose someone's second factor. The secret and the OTP
// parameters are never repaired: a guessed value would produce wrong codes without anyone noticing.
import { bytesToBase32 } from '../../shared/otp/base32';
import { UNNAMED_LABEL } from '../../shared/otp/migration';
import { parseAlgorithmName } from '../../shared/otp/params';
import { MAX_SECRET_BYTES, MAX_TEXT_LENGTH, type OtpType } from '../../shared/otp/types';
import { validateAccountInput } from '../../shared/otp/validate';
import type { ImportedAccount, ImportParseResult, SkippedEntry } from './types';

/** Most entries one file may hold; beyond this a file is hostile or not an authenticator export. */
export const MAX_IMPORT_ENTRIES = 10_000;

/** An entry as a format reads it: any field may be missing or odd. */
export interface RawEntry {
  /** Missing means TOTP. */
  type?: OtpType | undefined;
  issuer?: unknown;
  label?: unknown;
  /** Base32 text (any common spelling) or the raw key bytes; missing or empty is skipped. */
  secret: string | Uint8Array | undefined;
  /** "SHA1", "sha-256", …; missing or empty means SHA1; ignored for Steam (always SHA1). */
  algorithm?: string | undefined;
  /** Missing parameters take the add form's defaults; present but wrong ones skip the entry. */
  digits?: unknown;
  period?: unknown;
  counter?: unknown;
  tags?: readonly string[] | undefined;
}

// C0/C1 controls and lone surrogates, as in shared/otp/params.ts textError.
// eslint-disable-next-line no-control-regex
const FORBIDDEN_TEXT = /[\u0000-\u001f\u007f-\u009f]|\p{Surrogate}/gu;

/** Text of a name field: controls become spaces, whitespace trimmed, cut to MAX_TEXT_LENGTH without splitting a pair. */
export function cleanName(value: unknown): string {
  if (typeof value !== 'string' && typeof value !== 'number') return '';
  const text = String(value).replace(FORBIDDEN_TEXT, ' ').trim();
  if (text.length <= MAX_TEXT_LENGTH) return text;
  let cut = text.slice(0, MAX_TEXT_LENGTH);
  if (/\p{Surrogate}$/u.test(cut)) cut = cut.slice(0, -1);
  return cut.trimEnd();
}

/** "Issuer: label" for messages about an entry (skip reports); never empty. */
export function entryName(issuer: unknown, label: unknown): string {
  const i = cleanName(issuer);
  const l = cleanName(label);
  return i !== '' && l !== '' ? `${i}: ${l}` : i || l || UNNAMED_LABEL;
}

export type AccountOutcome = { ok: true; account: ImportedAccount } | { ok: false; skipped: SkippedEntry };

export function toImportedAccount(raw: RawEntry): AccountOutcome {
  const issuer = cleanName(raw.issuer);
  let label = cleanName(raw.label);
  // Apps that keep only an issuer (or nothing) still hold a valid account; our label is required.
  if (label === '') label = issuer === '' ? UNNAMED_LABEL : issuer;
  const skip = (reason: string): AccountOutcome => ({ ok: false, skipped: { name: entryName(issuer, label), reason } });

  let secret = '';
  if (raw.secret instanceof Uint8Array) {
    if (raw.secret.length > MAX_SECRET_BYTES) return skip(`The secret is too long (${raw.secret.length} bytes)`);
    secret = raw.secret.length === 0 ? '' : bytesToBase32(raw.secret);
  } else if (typeof raw.secret === 'string') {
    secret = raw.secret;
  }
  const type = raw.type ?? 'totp';
  let algorithm = 'SHA1';
  if (type !== 'steam' && raw.algorithm !== undefined && raw.algorithm.trim() !== '') {
    const parsed = parseAlgorithmName(raw.algorithm);
    if (parsed === undefined) return skip(`Unsupported algorithm "${cleanName(raw.algorithm).slice(0, 20)}" (expected SHA1, SHA256 or SHA512)`);
    algorithm = parsed;
  }
  const checked = validateAccountInput({
    type,
    issuer,
    label,
    secret,
    algorithm: algorithm as ImportedAccount['algorithm'],
    // Absent parameters stay absent: validateAccountInput gives them the form's defaults.
    digits: raw.digits as number,
    period: raw.period as number,
    counter: raw.counter as number,
    tags: (raw.tags ?? []).map(cleanName).filter((t) => t !== ''),
  });
  if (!checked.ok) return skip(Object.values(checked.errors).join('; '));
  return { ok: true, account: checked.value };
}

/** Collects accounts and skipped entries while a format walks its file. */
export class ImportCollector {
  private readonly accounts: ImportedAccount[] = [];
  private readonly skipped: SkippedEntry[] = [];

  add(raw: RawEntry): void {
    const outcome = toImportedAccount(raw);
    if (outcome.ok) this.accounts.push(outcome.account);
    else this.skipped.push(outcome.skipped);
  }

  /** An entry that cannot become an account; `name` as entryName() builds it, or e.g. "Line 3". */
  skip(name: string, reason: string): void {
    this.skipped.push({ name: cleanName(name) || UNNAMED_LABEL, reason });
  }

  /** Nothing found at all, not even a skipped entry. */
  isEmpty(): boolean {
    return this.accounts.length === 0 && this.skipped.length === 0;
  }

  result(): ImportParseResult {
    return { accounts: [...this.accounts], skipped: [...this.skipped] };
  }
}
