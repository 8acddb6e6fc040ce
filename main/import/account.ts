// Turning one entry of another app's export into an account, with the same checks as the add form
// (shared/otp/validate.ts), so an import can never store something the app could not have created.
// An entry that does not pass becomes a SkippedEntry with the reason; the rest of the file still imports.
import type { AccountInput } from '../../shared/api/types';
import { bytesToBase32 } from '../../shared/otp/base32';
import { parseAlgorithmName } from '../../shared/otp/params';
import { MAX_SECRET_BYTES, MAX_TEXT_LENGTH, type OtpType } from '../../shared/otp/types';
import { validateAccountInput } from '../../shared/otp/validate';
import type { ImportedAccount, ImportParseResult, SkippedEntry } from './types';

/** An entry as a format reads it: any field may be missing or odd; `secret` is base32 text or raw key bytes. */
export interface RawEntry {
  type?: OtpType | undefined;
  issuer?: string | undefined;
  label?: string | undefined;
  secret: string | Uint8Array | undefined;
  /** "SHA1", "sha-256", … ; missing means SHA1. */
  algorithm?: string | undefined;
  digits?: number | undefined;
  period?: number | undefined;
  counter?: number | undefined;
  tags?: string[] | undefined;
}

/** Printable, bounded name of an entry for skip reports. */
export function displayName(issuer: string | undefined, label: string | undefined): string {
  const text = [issuer, label].filter((s) => typeof s === 'string' && s.trim() !== '').join(' / ') || 'Unnamed entry';
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]|\p{Surrogate}/gu, '\uFFFD');
  return clean.length > MAX_TEXT_LENGTH ? `${clean.slice(0, MAX_TEXT_LENGTH - 1)}…` : clean;
}

export type EntryResult = { ok: true; account: ImportedAccount } | { ok: false; skipped: SkippedEntry };

export function toAccount(raw: RawEntry): EntryResult {
  const name = displayName(raw.issuer, raw.label);
  const skip = (reason: string): EntryResult => ({ ok: false, skipped: { name, reason } });
  let secret: string;
  if (raw.secret instanceof Uint8Array) {
    if (raw.secret.length === 0) return skip('The entry has no secret');
    if (raw.secret.length > MAX_SECRET_BYTES) return skip(`The secret is too long (${raw.secret.length} bytes)`);
    secret = bytesToBase32(raw.secret);
  } else if (typeof raw.secret === 'string' && raw.secret.trim() !== '') {
    secret = raw.secret;
  } else {
    return skip('The entry has no secret');
  }
  const type = raw.type ?? 'totp';
  let algorithm: string = 'SHA1';
  if (type !== 'steam' && raw.algorithm !== undefined && raw.algorithm.trim() !== '') {
    const parsed = parseAlgorithmName(raw.algorithm);
    if (parsed === undefined) return skip(`Unsupported algorithm "${raw.algorithm.slice(0, 20)}" (expected SHA1, SHA256 or SHA512)`);
    algorithm = parsed;
  }
  let label = (raw.label ?? '').trim();
  const issuer = (raw.issuer ?? '').trim();
  // The add form needs a name; an entry known only by its issuer keeps that as its name too.
  if (label === '') label = issuer;
  const check = validateAccountInput({
    type,
    issuer,
    label,
    secret,
    algorithm: algorithm as ImportedAccount['algorithm'],
    ...(raw.digits !== undefined ? { digits: raw.digits } : {}),
    ...(raw.period !== undefined ? { period: raw.period } : {}),
    ...(raw.counter !== undefined ? { counter: raw.counter } : {}),
    tags: raw.tags ?? [],
    // Absent parameters take the form's defaults (validateAccountInput checks every field it gets).
  } as AccountInput);
  if (!check.ok) return skip(Object.values(check.errors).join('; '));
  return { ok: true, account: check.value };
}

/** Collects the accounts and skipped entries of one file. */
export class ImportCollector {
  readonly accounts: ImportedAccount[] = [];
  readonly skipped: SkippedEntry[] = [];

  add(raw: RawEntry): void {
    const result = toAccount(raw);
    if (result.ok) this.accounts.push(result.account);
    else this.skipped.push(result.skipped);
  }

  skip(issuer: string | undefined, label: string | undefined, reason: string): void {
    this.skipped.push({ name: displayName(issuer, label), reason });
  }

  result(): ImportParseResult {
    return { accounts: this.accounts, skipped: this.skipped };
  }
}
