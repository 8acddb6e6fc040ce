// The non-secret part of an account as stored in accounts.json. Validated on every load, because the
// file may have been edited by hand, truncated by a crash of an older version, or written by the CLI.
//
// Checked by hand rather than with a zod schema: this is on the path of every `authbahn code ACCOUNT`
// and `accounts list`, and loading and building zod schemas cost those short commands more than all of
// their own work (see `npm run bench:cli`). The rules are the same as the schema's were.
import type { AccountView } from '../../shared/api/types';
import { HASH_ALGORITHMS, OTP_TYPES, type HashAlgorithm, type OtpType } from '../../shared/otp/types';

export const METADATA_VERSION = 1;
/** More accounts than this in one file are refused (on write) or set aside (on read). */
export const MAX_ACCOUNTS = 10_000;

export interface AccountRecord {
  id: string;
  type: OtpType;
  issuer: string;
  label: string;
  algorithm: HashAlgorithm;
  digits: number;
  period: number;
  counter: number;
  order: number;
  tags: string[];
  secretBits: number;
  createdAt: string;
  updatedAt: string;
}

/** Why a value was refused: where (`['tags', 2]`) and what. */
export interface RecordIssue {
  path: (string | number)[];
  message: string;
}

export type RecordCheck = { ok: true; value: AccountRecord } | { ok: false; issue: RecordIssue };

class Invalid extends Error {
  constructor(
    readonly path: (string | number)[],
    message: string,
  ) {
    super(message);
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function text(entry: Record<string, unknown>, key: string, min: number, max: number): string {
  const value = entry[key];
  if (typeof value !== 'string') throw new Invalid([key], `expected a string, got ${describe(value)}`);
  if (value.length < min) throw new Invalid([key], `must have at least ${min} character${min === 1 ? '' : 's'}`);
  if (value.length > max) throw new Invalid([key], `must have at most ${max} characters`);
  return value;
}

function integer(entry: Record<string, unknown>, key: string, min: number, max: number): number {
  const value = entry[key];
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Invalid([key], `expected a number, got ${describe(value)}`);
  if (!Number.isInteger(value)) throw new Invalid([key], 'expected an integer');
  if (value < min || value > max) throw new Invalid([key], `must be between ${min} and ${max}`);
  return value;
}

function oneOf<T extends string>(entry: Record<string, unknown>, key: string, options: readonly T[]): T {
  const value = entry[key];
  if (typeof value !== 'string' || !(options as readonly string[]).includes(value)) {
    throw new Invalid([key], `expected one of ${options.map((o) => `"${o}"`).join(', ')}, got ${describe(value)}`);
  }
  return value as T;
}

function isoDate(entry: Record<string, unknown>, key: string): string {
  const value = text(entry, key, 0, Number.MAX_SAFE_INTEGER);
  if (Number.isNaN(Date.parse(value))) throw new Invalid([key], 'must be an ISO date');
  return value;
}

function tags(entry: Record<string, unknown>): string[] {
  const value = entry.tags;
  if (!Array.isArray(value)) throw new Invalid(['tags'], `expected an array, got ${describe(value)}`);
  if (value.length > 32) throw new Invalid(['tags'], 'must have at most 32 items');
  return value.map((tag: unknown, i) => {
    if (typeof tag !== 'string') throw new Invalid(['tags', i], `expected a string, got ${describe(tag)}`);
    if (tag.length > 64) throw new Invalid(['tags', i], 'must have at most 64 characters');
    return tag;
  });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : typeof value;
}

/**
 * Validates one stored entry. The result holds only the known fields: whatever else is in an entry
 * (a `secret` pasted in by hand, say) is never carried into memory or written back.
 */
export function checkAccountRecord(entry: unknown): RecordCheck {
  if (!isRecord(entry)) return { ok: false, issue: { path: [], message: `expected an object, got ${describe(entry)}` } };
  try {
    return {
      ok: true,
      value: {
        id: text(entry, 'id', 1, 64),
        type: oneOf(entry, 'type', OTP_TYPES),
        issuer: text(entry, 'issuer', 0, 256),
        label: text(entry, 'label', 0, 256),
        algorithm: oneOf(entry, 'algorithm', HASH_ALGORITHMS),
        digits: integer(entry, 'digits', 1, 10),
        period: integer(entry, 'period', 1, 86_400),
        counter: integer(entry, 'counter', 0, Number.MAX_SAFE_INTEGER),
        order: integer(entry, 'order', 0, Number.MAX_SAFE_INTEGER),
        tags: tags(entry),
        secretBits: integer(entry, 'secretBits', 0, 8192),
        createdAt: isoDate(entry, 'createdAt'),
        updatedAt: isoDate(entry, 'updatedAt'),
      },
    };
  } catch (error) {
    if (error instanceof Invalid) return { ok: false, issue: { path: error.path, message: error.message } };
    throw error;
  }
}

/** A whole list as written to accounts.json: every record valid, ids unique, at most MAX_ACCOUNTS. */
export function checkAccountList(accounts: readonly unknown[]): { ok: true; value: AccountRecord[] } | { ok: false; issue: RecordIssue } {
  if (accounts.length > MAX_ACCOUNTS) return { ok: false, issue: { path: ['accounts'], message: `more than ${MAX_ACCOUNTS} accounts` } };
  const seen = new Set<string>();
  const value: AccountRecord[] = [];
  for (const [i, entry] of accounts.entries()) {
    const checked = checkAccountRecord(entry);
    if (!checked.ok) return { ok: false, issue: { path: ['accounts', i, ...checked.issue.path], message: checked.issue.message } };
    if (seen.has(checked.value.id)) return { ok: false, issue: { path: ['accounts', i, 'id'], message: `duplicate account id "${checked.value.id}"` } };
    seen.add(checked.value.id);
    value.push(checked.value);
  }
  return { ok: true, value };
}

export function toView(record: AccountRecord): AccountView {
  return { ...record, tags: [...record.tags] };
}

/** Stable display order: `order`, then creation time, then id (so equal orders never flicker). */
export function byOrder(a: AccountRecord, b: AccountRecord): number {
  return a.order - b.order || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id);
}
