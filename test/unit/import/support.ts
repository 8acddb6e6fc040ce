// Shared by the import tests: the real export files of other apps, read in place from
// ../shared/fixtures/authenticator-exports (beside the repository, in CI too; never copied in), the
// seven reference accounts of plain.txt they all hold, and the checks every format's test makes.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../../shared/api/errors';
import { codeWindow } from '../../../shared/otp/generate';
import { parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import type { OtpAccountData } from '../../../shared/otp/types';
import type { ImportedAccount, ImportFile, ImportFormat, ImportParseResult } from '../../../main/import/types';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const FIXTURES = resolve(repoRoot, '../shared/fixtures/authenticator-exports');

export function fixturePath(name: string): string {
  return resolve(FIXTURES, name);
}

/** A fixture as an ImportFile. The name defaults to "x": detection must work from content alone. */
export function fixture(name: string, asName = 'x'): ImportFile {
  return { name: asName, bytes: new Uint8Array(readFileSync(fixturePath(name))) };
}

/** Every export file of the folder (not its README). */
export function allFixtureNames(): string[] {
  return readdirSync(FIXTURES)
    .filter((n) => n !== 'README.md')
    .sort();
}

/** The reference accounts (plain.txt), by secret. */
export const REFERENCE: ReadonlyMap<string, OtpAccountData> = new Map(
  readFileSync(fixturePath('plain.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const parsed = parseOtpauthUri(line);
      if (!parsed.ok) throw new Error(`plain.txt: ${parsed.error.message}`);
      return [parsed.value.secret, parsed.value] as const;
    }),
);

/** The 7 reference accounts of plain.txt, as our own URI parser reads them. */
export function plainAccounts(): OtpAccountData[] {
  return [...REFERENCE.values()];
}

/** The reference account with this secret, adjusted for what the source app cannot store. */
export function expected(secret: string, adjust: (a: ImportedAccount) => Partial<ImportedAccount> = () => ({})): ImportedAccount {
  const reference = REFERENCE.get(secret);
  if (reference === undefined) throw new Error(`No reference account has the secret ${secret}`);
  const base: ImportedAccount = { ...reference, tags: [] };
  return { ...base, ...adjust(base) };
}

/**
 * Every imported account equals its reference account (adjusted), computes the same codes, nothing
 * was skipped, and exactly `count` accounts came out.
 */
export function expectReferenceAccounts(
  result: ImportParseResult,
  count: number,
  adjust: (a: ImportedAccount) => Partial<ImportedAccount> = () => ({}),
): void {
  expect(result.skipped).toEqual([]);
  expect(result.accounts).toHaveLength(count);
  expect(new Set(result.accounts.map((a) => a.secret)).size).toBe(count);
  for (const account of result.accounts) {
    const want = expected(account.secret, adjust);
    expect(account).toEqual(want);
    for (const at of [59_000, 1_111_111_109_000, 2_000_000_000_000]) expect(codeWindow(account, at).code).toBe(codeWindow(want, at).code);
  }
}

/** The AppError a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => new Error('expected the promise to reject'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Just the code, for `expect(await rejectionCode(p), what).toBe(...)` in loops. */
export async function rejectionCode(promise: Promise<unknown>): Promise<ErrorCode> {
  return (await rejection(promise)).code;
}

export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await rejection(promise);
  expect(error.code).toBe(code);
  return error;
}

/** Runs one format the way import-file.ts does: detect, needsPassword, parse. */
export async function parseFixture(format: ImportFormat, name: string, password: string | null = null): Promise<ImportParseResult> {
  const file = fixture(name);
  expect(format.detect(file)).toBeGreaterThan(0);
  expect(format.needsPassword(file)).toBe(password !== null);
  return format.parse(file, password);
}

export function textFile(text: string, name = 'x'): ImportFile {
  return { name, bytes: new TextEncoder().encode(text) };
}

/** Compares account sets regardless of order (by secret), field by field. */
export function expectAccounts(actual: readonly ImportedAccount[], expected: readonly (OtpAccountData & { tags?: string[] })[]): void {
  const shape = (a: OtpAccountData & { tags?: string[] }) => ({
    type: a.type,
    issuer: a.issuer,
    label: a.label,
    secret: a.secret,
    algorithm: a.algorithm,
    digits: a.digits,
    period: a.period,
    counter: a.counter,
    tags: a.tags ?? [],
  });
  const bySecret = (x: { secret: string }, y: { secret: string }) => x.secret.localeCompare(y.secret);
  expect([...actual].map(shape).sort(bySecret)).toEqual([...expected].map(shape).sort(bySecret));
}

/** detect() of `format` for every fixture file other than `own`: all must be 0. */
export function expectNoOtherFixtureDetected(format: ImportFormat, own: readonly string[]): void {
  const others = allFixtureNames().filter((n) => !own.includes(n));
  expect(others.length).toBeGreaterThan(30);
  const scored = others.map((n) => [n, format.detect(fixture(n))] as const).filter(([, score]) => score !== 0);
  expect(scored).toEqual([]);
}

/** Cuts of a file that must be unreadable: empty, a few bytes, just past a header, and garbage after the magic. */
export function damagedVariants(file: ImportFile, keepPrefix: number): { what: string; file: ImportFile }[] {
  const garbage = new Uint8Array(Math.max(file.bytes.length, 256));
  let seed = 0x2545f491;
  for (let i = 0; i < garbage.length; i += 1) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    garbage[i] = seed >>> 24;
  }
  garbage.set(file.bytes.subarray(0, keepPrefix));
  return [
    { what: 'empty', file: { name: file.name, bytes: new Uint8Array(0) } },
    { what: '5 bytes', file: { name: file.name, bytes: file.bytes.slice(0, 5) } },
    { what: 'header only', file: { name: file.name, bytes: file.bytes.slice(0, keepPrefix) } },
    { what: 'garbage after the magic', file: { name: file.name, bytes: garbage } },
  ];
}
