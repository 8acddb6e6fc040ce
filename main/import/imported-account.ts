// Turns the fields an importer read from another app's file into an ImportedAccount, with the same
// validation the add form uses (validateAccountInput), or into a SkippedEntry that says why not.
//
// Names are repaired rather than rejected: a control character or an over-long issuer is a cosmetic
// flaw, and refusing the account for it would lose someone's second factor. The secret and the OTP
// parameters are never repaired: a guessed value would produce wrong codes without anyone noticing.
import { bytesToBase32 } from '../../shared/otp/base32';
import { UNNAMED_LABEL } from '../../shared/otp/migration';
import { MAX_TEXT_LENGTH, type HashAlgorithm, type OtpType } from '../../shared/otp/types';
import { validateAccountInput } from '../../shared/otp/validate';
import type { ImportedAccount, ImportParseResult, SkippedEntry } from './types';

/** Most entries one file may hold; beyond this a file is hostile or not an authenticator export. */
export const MAX_IMPORT_ENTRIES = 10_000;

export interface AccountFields {
  type: OtpType;
  issuer: unknown;
  label: unknown;
  /** Base32 text (any common spelling) or the raw key bytes. */
  secret: string | Uint8Array;
  algorithm: HashAlgorithm;
  digits: unknown;
  period: unknown;
  counter: unknown;
  tags?: readonly string[];
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

/** "Issuer: label" for messages about an entry. */
export function entryName(issuer: unknown, label: unknown): string {
  const i = cleanName(issuer);
  const l = cleanName(label);
  return i !== '' && l !== '' ? `${i}: ${l}` : i || l || UNNAMED_LABEL;
}

export type AccountOutcome = { ok: true; account: ImportedAccount } | { ok: false; skipped: SkippedEntry };

export function toImportedAccount(fields: AccountFields): AccountOutcome {
  const issuer = cleanName(fields.issuer);
  let label = cleanName(fields.label);
  // Apps that keep only an issuer (or nothing) still hold a valid account; our label is required.
  if (label === '') label = issuer === '' ? UNNAMED_LABEL : issuer;
  const secret = typeof fields.secret === 'string' ? fields.secret : fields.secret.length === 0 ? '' : bytesToBase32(fields.secret);
  const checked = validateAccountInput({
    type: fields.type,
    issuer,
    label,
    secret,
    algorithm: fields.algorithm,
    digits: fields.digits as number,
    period: fields.period as number,
    counter: fields.counter as number,
    tags: (fields.tags ?? []).map(cleanName).filter((t) => t !== ''),
  });
  if (!checked.ok) {
    return { ok: false, skipped: { name: entryName(issuer, label), reason: Object.values(checked.errors).join('; ') } };
  }
  return { ok: true, account: checked.value };
}

/** Collects accounts and skipped entries while a format walks its file. */
export class ImportCollector {
  private readonly accounts: ImportedAccount[] = [];
  private readonly skipped: SkippedEntry[] = [];

  add(fields: AccountFields): void {
    const outcome = toImportedAccount(fields);
    if (outcome.ok) this.accounts.push(outcome.account);
    else this.skipped.push(outcome.skipped);
  }

  skip(name: string, reason: string): void {
    this.skipped.push({ name: cleanName(name) || UNNAMED_LABEL, reason });
  }

  result(): ImportParseResult {
    return { accounts: [...this.accounts], skipped: [...this.skipped] };
  }
}
