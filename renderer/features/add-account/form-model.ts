// The add/edit form keeps every field as the string the user typed (so "0", "" and "abc" can all be
// shown back and validated); these functions turn it into the API's AccountInput / AccountPatch.
import type { AccountInput, AccountPatch, AccountView } from '../../../shared/api/types';
import { DEFAULT_PARAMS, STEAM_DIGITS, type HashAlgorithm, type OtpType } from '../../../shared/otp/types';

export interface AccountFormValues {
  type: OtpType;
  issuer: string;
  label: string;
  secret: string;
  algorithm: HashAlgorithm;
  digits: string;
  period: string;
  counter: string;
  /** Comma-separated. */
  tags: string;
}

export type FormField = keyof AccountFormValues;

export const EMPTY_FORM: Readonly<AccountFormValues> = Object.freeze({
  type: DEFAULT_PARAMS.type,
  issuer: '',
  label: '',
  secret: '',
  algorithm: DEFAULT_PARAMS.algorithm,
  digits: String(DEFAULT_PARAMS.digits),
  period: String(DEFAULT_PARAMS.period),
  counter: String(DEFAULT_PARAMS.counter),
  tags: '',
});

/** Edit form for an existing account; the secret starts empty ("leave empty to keep"). */
export function formFromAccount(account: AccountView): AccountFormValues {
  return {
    type: account.type,
    issuer: account.issuer,
    label: account.label,
    secret: '',
    algorithm: account.algorithm,
    digits: String(account.digits),
    period: String(account.period),
    counter: String(account.counter),
    tags: account.tags.join(', '),
  };
}

/** Strict integer parse: "" or "1.5" or "12abc" become NaN so validation reports them. */
export function parseInteger(text: string): number {
  const t = text.trim();
  return /^-?\d+$/.test(t) ? Number(t) : Number.NaN;
}

/** "work, prod ,  ,Prod" → ["work", "prod"] (trimmed, no empties, case-insensitive de-duplication). */
export function parseTags(text: string): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of text.split(',')) {
    const tag = raw.trim();
    const key = tag.toLocaleLowerCase();
    if (tag && !seen.has(key)) {
      seen.add(key);
      tags.push(tag);
    }
  }
  return tags;
}

/** Switching the type adjusts the fields it fixes: Steam is always 5 characters, SHA1, 30 s. */
export function withType(values: AccountFormValues, type: OtpType): AccountFormValues {
  if (type === 'steam') return { ...values, type, digits: String(STEAM_DIGITS), algorithm: 'SHA1', period: '30' };
  if (values.type === 'steam') return { ...values, type, digits: String(DEFAULT_PARAMS.digits) };
  return { ...values, type };
}

export function toAccountInput(values: AccountFormValues): AccountInput {
  return {
    type: values.type,
    issuer: values.issuer.trim(),
    label: values.label.trim(),
    secret: values.secret.trim(),
    algorithm: values.algorithm,
    digits: parseInteger(values.digits),
    period: parseInteger(values.period),
    counter: values.type === 'hotp' ? parseInteger(values.counter) : 0,
    tags: parseTags(values.tags),
  };
}

/** Only what changed; an empty secret is left out, which keeps the stored one. */
export function toAccountPatch(original: AccountView, values: AccountFormValues): AccountPatch {
  const next = toAccountInput(values);
  const patch: AccountPatch = {};
  if (next.type !== original.type) patch.type = next.type;
  if (next.issuer !== original.issuer) patch.issuer = next.issuer;
  if (next.label !== original.label) patch.label = next.label;
  if (next.algorithm !== original.algorithm) patch.algorithm = next.algorithm;
  if (next.digits !== original.digits) patch.digits = next.digits;
  if (next.period !== original.period) patch.period = next.period;
  if (next.type === 'hotp' && next.counter !== original.counter) patch.counter = next.counter;
  const tags = next.tags ?? [];
  if (tags.length !== original.tags.length || tags.some((t, i) => t !== original.tags[i])) patch.tags = tags;
  if (next.secret) patch.secret = next.secret;
  return patch;
}

export function isEmptyPatch(patch: AccountPatch): boolean {
  return Object.keys(patch).length === 0;
}
