// What Stratum (formerly Authenticator Pro) stores per account, shared by its backup files and its
// internal database: the same fields under PascalCase (backup JSON) or lower-case (SQLite) names.
// Categories become tags; the app links them to accounts by secret.
import type { HashAlgorithm, OtpType } from '../../../shared/otp/types';
import type { ImportCollector } from '../imported-account';
import { entryName } from '../imported-account';

export interface StratumEntry {
  type: number;
  issuer: unknown;
  username: unknown;
  secret: string;
  algorithm: number;
  digits: unknown;
  period: unknown;
  counter: unknown;
}

/** Stratum's AuthenticatorType: 1 HOTP, 2 TOTP, 3 mOTP, 4 Steam, 5 Yandex. */
const TYPES: Record<number, OtpType> = { 1: 'hotp', 2: 'totp', 4: 'steam' };
const UNSUPPORTED_TYPES: Record<number, string> = { 3: 'mOTP', 5: 'Yandex' };
/** Stratum's Algorithm enum, by ordinal. */
const ALGORITHMS: readonly HashAlgorithm[] = ['SHA1', 'SHA256', 'SHA512'];

export function addStratumEntry(out: ImportCollector, entry: StratumEntry, tags: readonly string[]): void {
  const type = TYPES[entry.type];
  const algorithm = ALGORITHMS[entry.algorithm];
  const name = entryName(entry.issuer, entry.username);
  if (type === undefined) {
    const known = UNSUPPORTED_TYPES[entry.type];
    out.skip(name, known === undefined ? `Unknown Stratum account type ${entry.type}` : `${known} accounts are not supported`);
    return;
  }
  if (algorithm === undefined) {
    out.skip(name, `Unknown Stratum algorithm ${entry.algorithm}`);
    return;
  }
  out.add({
    type,
    issuer: entry.issuer,
    label: entry.username,
    secret: entry.secret,
    algorithm,
    digits: entry.digits,
    period: entry.period,
    counter: type === 'hotp' ? entry.counter : 0,
    tags,
  });
}

/** Tag names per account secret, from the category list and the category↔secret links. */
export function tagsBySecret(
  categories: readonly { id: unknown; name: unknown }[],
  links: readonly { categoryId: unknown; secret: unknown }[],
): Map<string, string[]> {
  const names = new Map<string, string>();
  for (const c of categories) {
    if (typeof c.id === 'string' && typeof c.name === 'string') names.set(c.id, c.name);
  }
  const out = new Map<string, string[]>();
  for (const link of links) {
    if (typeof link.secret !== 'string' || typeof link.categoryId !== 'string') continue;
    const name = names.get(link.categoryId);
    if (name === undefined) continue;
    const list = out.get(link.secret) ?? [];
    list.push(name);
    out.set(link.secret, list);
  }
  return out;
}
