// The real export files of other authenticators, read in place from ../shared/fixtures (beside the
// repository, never copied into it), and what each of them must import as.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect } from 'vitest';
import { AppError, type ErrorCode } from '../../../shared/api/errors';
import { parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import type { OtpAccountData } from '../../../shared/otp/types';
import type { ImportedAccount, ImportFile, ImportFormat } from '../../../main/import/types';

const repoRoot = resolve(import.meta.dirname, '..', '..', '..');
export const FIXTURES_DIR = resolve(repoRoot, '../shared/fixtures/authenticator-exports');

export function fixture(name: string): ImportFile {
  return { name, bytes: new Uint8Array(readFileSync(resolve(FIXTURES_DIR, name))) };
}

/** Every export file of the folder (not its README). */
export function allFixtureNames(): string[] {
  return readdirSync(FIXTURES_DIR)
    .filter((n) => n !== 'README.md')
    .sort();
}

/** The 7 reference accounts of plain.txt, as our own URI parser reads them. */
export function plainAccounts(): OtpAccountData[] {
  return readFileSync(resolve(FIXTURES_DIR, 'plain.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const parsed = parseOtpauthUri(line);
      if (!parsed.ok) throw new Error(`plain.txt: ${parsed.error.message}`);
      return parsed.value;
    });
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

/** The AppError code a promise rejects with (fails the test when it resolves or throws something else). */
export async function rejectionCode(promise: Promise<unknown>): Promise<ErrorCode> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).code;
  }
  throw new Error('expected the promise to reject');
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
