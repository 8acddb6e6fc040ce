// Shared by the import tests: the real export files of other apps, read in place from
// ../shared/fixtures/authenticator-exports (beside the repository, in CI too; never copied in), and the
// seven reference accounts of plain.txt they all hold.
import { readFileSync } from 'node:fs';
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

export async function expectAppError(promise: Promise<unknown>, code: ErrorCode): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
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
