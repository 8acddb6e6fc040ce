// Secrets in a static auth config: inline text, {"keychain": "NAME"} (an item in the OS keychain), or
// for tickets a TOTP code whose secret is inline, in the keychain, or an account of the app.
import { z } from 'zod';
import { normalizeBase32 } from '../../../../shared/otp/base32';
import { HASH_ALGORITHMS } from '../../../../shared/otp/types';
import type { SecretRef, TotpRef } from '../../auth/secret-refs';
import type { IssueCollector, JsonPath } from '../config-error';
import { has, isObject, name, onlyKeys, parseLeaf, type Obj } from './common';

/** "secret" / "ticket" value: inline text or {"keychain": "NAME"}. */
export function parseSecretRef(value: unknown, path: JsonPath, issues: IssueCollector, what: string): SecretRef | undefined {
  if (typeof value === 'string') {
    if (value === '') issues.error(path, `${what} must not be empty`);
    return value === '' ? undefined : { kind: 'inline', value };
  }
  if (isObject(value) && has(value, 'keychain')) {
    onlyKeys(value, ['keychain'], path, issues);
    const n = parseLeaf(name('keychain item name'), value.keychain, [...path, 'keychain'], issues);
    return n === undefined ? undefined : { kind: 'keychain', name: n };
  }
  issues.error(path, `${what} must be a string or {"keychain": "NAME"}`);
  return undefined;
}

export function parseTotp(value: Obj, path: JsonPath, issues: IssueCollector): TotpRef | undefined {
  onlyKeys(value, ['totp', 'digits', 'period', 'algorithm'], path, issues);
  const source = value.totp;
  if (isObject(source) && has(source, 'account')) {
    onlyKeys(source, ['account'], [...path, 'totp'], issues);
    for (const key of ['digits', 'period', 'algorithm']) {
      if (value[key] !== undefined) issues.error([...path, key], 'comes from the referenced account; remove it here');
    }
    const query = parseLeaf(name('account'), source.account, [...path, 'totp', 'account'], issues);
    return query === undefined ? undefined : { kind: 'account', query };
  }
  const secret = parseSecretRef(source, [...path, 'totp'], issues, 'totp (a base32 secret, {"keychain": "NAME"} or {"account": "ID"})');
  if (secret?.kind === 'inline') {
    const normalized = normalizeBase32(secret.value);
    if (!normalized.ok) {
      issues.error([...path, 'totp'], `not a base32 secret: ${normalized.error.message}`);
      return undefined;
    }
  }
  const digits = value.digits === undefined ? 6 : parseLeaf(z.number().int().min(6, { error: 'digits must be 6 to 8' }).max(8, { error: 'digits must be 6 to 8' }), value.digits, [...path, 'digits'], issues);
  const period = value.period === undefined ? 30 : parseLeaf(z.number().int().min(1).max(300), value.period, [...path, 'period'], issues);
  const algorithm =
    value.algorithm === undefined
      ? 'SHA1'
      : parseLeaf(
          z.string().transform((s) => s.toUpperCase().replace('-', '')).pipe(z.enum(HASH_ALGORITHMS, { error: 'algorithm must be SHA1, SHA256 or SHA512' })),
          value.algorithm,
          [...path, 'algorithm'],
          issues,
        );
  if (!secret || digits === undefined || period === undefined || algorithm === undefined) return undefined;
  return { kind: 'secret', secret, digits, period, algorithm };
}
