// `authbahn scan` as users run it: the built CLI on generated screenshot PNGs, the real scanner, and
// for --import the real test keychain (run through test/support/with-keyring.sh).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatMigrationUris } from '../../../shared/otp/migration';
import type { OtpAccountData } from '../../../shared/otp/types';
import { blankImage, drawClutter, encodePng, LIGHT, pageWithCodes, seededRandom } from '../../bench/qr/synth';
import { requireKeyringSession, secretToolLookup } from '../keyring-env';

const root = resolve(import.meta.dirname, '..', '..', '..');
const bin = join(root, 'bin', 'authbahn.js');

const ALICE_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const BANK_SECRET = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const ALICE = `otpauth://totp/ACME:alice%40example.com?secret=${ALICE_SECRET}&issuer=ACME`;
const BANK = `otpauth://hotp/Bank:ann?secret=${BANK_SECRET}&issuer=Bank&counter=2&digits=8`;
const LINK = 'https://example.com/help';

let service: string;
let work: string;
const file = (name: string) => join(work, name);

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function authbahn(args: string[]): Promise<Run> {
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: work, env: process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.on('error', reject);
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolveRun({ code, out, err });
    });
  });
}

const totp = (label: string, secret: string): OtpAccountData => ({
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret,
  issuer: 'Crossbar.io',
  label,
});

async function screenshot(name: string, codes: string[]): Promise<void> {
  const image = pageWithCodes(
    1600,
    900,
    [243, 244, 246],
    // Staggered downwards, so the reading order (top to bottom) is the order given.
    codes.map((text, i) => ({ text, cx: 260 + i * 520, cy: 220 + i * 230, module: 4 })),
  ).image;
  await writeFile(file(name), await encodePng(image));
}

beforeAll(async () => {
  service = requireKeyringSession();
  if (!existsSync(join(root, 'dist', 'main', 'cli.js'))) throw new Error('dist/main/cli.js is missing: run `npm run build` first');
  work = await mkdtemp(join(tmpdir(), 'authbahn-scan-cli-'));
  await screenshot('two.png', [ALICE, LINK, BANK]);
  const exported = ['A', 'B', 'C'].map((c, i) => totp(`op${i}@example.com`, `GEZDGNBVGY3TQOJ${c}GEZDGNBVGY3TQOJQ`));
  const parts = formatMigrationUris(exported, { maxPerQr: 1, batchId: 0x00c0ffee }).uris;
  await screenshot('export-1.png', [parts[0]!]);
  await screenshot('export-3.png', [parts[2]!]);
  const nothing = blankImage(1000, 700, LIGHT.page);
  drawClutter(nothing, seededRandom(3), LIGHT, []);
  await writeFile(file('nothing.png'), await encodePng(nothing));
  await writeFile(file('notes.png'), 'this is not an image');
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe('authbahn scan', () => {
  it('--json prints one JSON object per account, secrets included, and exits 0', async () => {
    const run = await authbahn(['scan', file('two.png'), '--json']);
    expect(run.code).toBe(0);
    const lines = run.out.trimEnd().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { type: 'totp', issuer: 'ACME', label: 'alice@example.com', secret: ALICE_SECRET, algorithm: 'SHA1', digits: 6, period: 30, counter: 0, source: file('two.png') },
      { type: 'hotp', issuer: 'Bank', label: 'ann', secret: BANK_SECRET, algorithm: 'SHA1', digits: 8, period: 30, counter: 2, source: file('two.png') },
    ]);
    // The link is reported, on stderr, as not importable.
    expect(run.err).toContain(`not an authenticator code (not imported): ${LINK}`);
  });

  it('prints a readable table without secrets by default', async () => {
    const run = await authbahn(['scan', file('two.png')]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^TYPE\s+ISSUER\s+LABEL\s+PARAMETERS\s+SOURCE\n/);
    expect(run.out).toMatch(/totp\s+ACME\s+alice@example\.com\s+SHA1 6 digits 30s/);
    expect(run.out).toMatch(/hotp\s+Bank\s+ann\s+SHA1 8 digits counter 2/);
    expect(run.out).toContain('Secrets are not shown; --json prints them');
    expect(run.out + run.err).not.toContain(ALICE_SECRET);
    expect(run.out + run.err).not.toContain(BANK_SECRET);
  });

  it('collects export parts across images and names the missing one', async () => {
    const run = await authbahn(['scan', file('export-1.png'), file('export-3.png'), '--json']);
    expect(run.code).toBe(0);
    expect(run.out.trimEnd().split('\n').map((l) => (JSON.parse(l) as { label: string }).label)).toEqual(['op0@example.com', 'op2@example.com']);
    expect(run.err).toContain('batch 00c0ffee: have parts 1, 3 of 3; missing 2');
  });

  it('exits 1 when no account is found and 2 when a file cannot be read (still scanning the others)', async () => {
    const none = await authbahn(['scan', file('nothing.png')]);
    expect(none.code).toBe(1);
    expect(none.err).toContain('no QR code found');
    expect(none.err).toContain('no accounts found');

    const mixed = await authbahn(['scan', file('missing.png'), file('notes.png'), file('two.png'), '--json']);
    expect(mixed.code).toBe(2);
    expect(mixed.out.trimEnd().split('\n')).toHaveLength(2);
    expect(mixed.err).toContain(`Cannot read ${file('missing.png')}: no such file`);
    expect(mixed.err).toContain('Not a supported image file');

    const usage = await authbahn(['scan']);
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Usage: authbahn scan IMAGE...');
  });

  it('--import stores the accounts in the keychain, then skips them as duplicates', async () => {
    const dataDir = join(work, 'data');
    const first = await authbahn(['scan', file('two.png'), '--import', '--data-dir', dataDir]);
    expect(first.err).toBe('');
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/Added ACME \/ alice@example\.com \[[0-9a-f]{16}\]\nAdded Bank \/ ann \[[0-9a-f]{16}\]\n/);
    expect(first.out).toContain('Imported 2 accounts, skipped 0 already present.');

    const list = await authbahn(['accounts', 'list', '--json', '--data-dir', dataDir]);
    const accounts = JSON.parse(list.out) as { id: string; issuer: string; type: string; digits: number; counter: number }[];
    expect(accounts.map((a) => [a.issuer, a.type, a.digits, a.counter])).toEqual([
      ['ACME', 'totp', 6, 0],
      ['Bank', 'hotp', 8, 2],
    ]);
    expect(await secretToolLookup(service, `account:${accounts[0]!.id}`)).toBe(ALICE_SECRET);
    expect(await secretToolLookup(service, `account:${accounts[1]!.id}`)).toBe(BANK_SECRET);

    // The stored HOTP account gives the RFC 4226 code for counter 2 (8 digits: 37359152).
    const code = await authbahn(['code', 'Bank', '--data-dir', dataDir]);
    expect(code.out.trim()).toBe('37359152');

    const again = await authbahn(['scan', file('two.png'), '--json', '--import', '--data-dir', dataDir]);
    expect(again.code).toBe(0);
    expect(again.out.trimEnd().split('\n')).toHaveLength(2); // stdout stays pure JSON lines
    expect(again.err).toContain('Already present, skipped: ACME / alice@example.com');
    expect(again.err).toContain('Already present, skipped: Bank / ann');
    expect(again.err).toContain('Imported 0 accounts, skipped 2 already present.');
  });

  it('is listed in the help', async () => {
    const help = await authbahn(['--help']);
    expect(help.out).toContain('scan IMAGE... [--json] [--import]');
    const own = await authbahn(['help', 'scan']);
    expect(own.code).toBe(0);
    expect(own.out).toContain('The table shows no secrets.');
  });
});
