// `authbahn scan IMAGE... [--json] [--import]`: finds the QR codes in image files (screenshots with
// several codes, Google Authenticator exports spread over several images, dark-mode codes) and lists
// the accounts in them — optionally storing them in the keychain.
//
// The readable table never shows secrets (a terminal is easily shoulder-surfed or logged); --json
// prints them, since its purpose is to hand the accounts to another program.
import { accountJsonLine } from './account-json';
import { formatBatchId, describeBatchStatus } from '../../shared/qr/migration-collector';
import { createQrScanner } from '../qr/create-scanner';
import { scanFiles, type ScanFilesResult, type SourcedAccount } from '../qr/scan-files';
import type { ImportResult } from '../accounts/accounts-service';
import { parseCommandArgs } from './args';
import { withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { UsageError } from './errors';

export const SCAN_USAGE = `Usage: authbahn scan IMAGE... [--json] [--import] [--data-dir DIR]

Find the QR codes in image files (PNG, JPEG, GIF, WebP, BMP, TIFF, AVIF) and list the accounts in
them: otpauth:// codes (TOTP, HOTP, Steam) and Google Authenticator exports (otpauth-migration://),
whose parts are collected across all images given; missing parts are named. Other QR codes are
listed but never imported.

The table shows no secrets. --json prints them: one JSON object per line per account,
{"type","issuer","label","secret","algorithm","digits","period","counter","source"}.

Options:
  --json           print the accounts as JSON lines on standard output, secrets included
                   (everything else goes to standard error)
  --import         store the accounts in the keychain; accounts that already exist are skipped
  --data-dir DIR   folder of the account metadata (with --import)
  -h, --help       show this help

Exit codes: 0 at least one account found, 1 none found (or the import failed), 2 an image could not
be read (the others are still scanned) or usage error.
`;

export async function runScan(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' }, import: { type: 'boolean' } }, SCAN_USAGE);
  if (values.help) {
    ctx.io.stdout(SCAN_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('expected at least one image file', SCAN_USAGE);
  const { io } = ctx;
  const json = values.json === true;

  const result = await scanFiles(positionals, { scanner: await createQrScanner() });
  // With --json, stdout carries only the account lines, so it can be piped into another program.
  const info = json ? io.stderr : io.stdout;

  if (json) for (const a of result.accounts) io.stdout(`${JSON.stringify(accountJsonLine(a, { source: a.source }))}\n`);
  else if (result.accounts.length > 0) io.stdout(formatAccounts(result.accounts));
  reportTheRest(result, info, io.stderr);

  const unreadable = result.files.some((f) => f.error !== undefined);
  if (result.accounts.length === 0) {
    io.stderr(`authbahn: no accounts found in ${positionals.length === 1 ? 'the image' : `${positionals.length} images`}\n`);
    return unreadable ? EXIT.usage : EXIT.failure;
  }
  if (!json) info('Secrets are not shown; --json prints them, --import stores them in the keychain.\n');

  if (values.import) {
    const imported = await withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, (services) =>
      services.qrImport.importAccounts(result.accounts.map(({ source: _source, ...account }) => account)),
    );
    reportImport(imported, info, io.stderr);
  }
  return unreadable ? EXIT.usage : EXIT.ok;
}

export function formatAccounts(accounts: SourcedAccount[]): string {
  const rows = [
    ['TYPE', 'ISSUER', 'LABEL', 'PARAMETERS', 'SOURCE'],
    ...accounts.map((a) => [
      a.type,
      a.issuer || '-',
      a.label,
      `${a.algorithm} ${a.digits} digits ${a.type === 'hotp' ? `counter ${a.counter}` : `${a.period}s`}`,
      a.source,
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ')).join('\n') + '\n';
}

function reportTheRest(result: ScanFilesResult, info: (text: string) => void, warn: (text: string) => void): void {
  for (const f of result.files) if (f.error) warn(`authbahn: ${f.error.message}\n`);
  for (const f of result.files) if (!f.error && f.codes.length === 0) warn(`${f.path}: no QR code found\n`);
  for (const b of result.migration) {
    if (b.missing.length === 0) info(`Google Authenticator export ${describeBatchStatus(b)}\n`);
    else {
      warn(
        `Google Authenticator export ${describeBatchStatus(b)}: scan QR code${b.missing.length === 1 ? '' : 's'} ${b.missing.join(', ')} ` +
          `of export ${formatBatchId(b.batchId)} too, or the accounts in ${b.missing.length === 1 ? 'it' : 'them'} are not imported\n`,
      );
    }
  }
  for (const o of result.other) info(`${o.source}: not an authenticator code (not imported): ${printable(o.text)}\n`);
  // Only the parser's message: a broken otpauth URI may still contain a secret.
  for (const i of result.invalid) warn(`${i.source}: unusable authenticator code: ${i.error.message}\n`);
  for (const s of result.skipped) warn(`${s.source}: cannot import ${s.issuer ? `${s.issuer} / ` : ''}${s.name}: ${s.reason}\n`);
}

function reportImport(result: ImportResult, info: (text: string) => void, warn: (text: string) => void): void {
  const name = (a: { issuer: string; label: string }) => (a.issuer ? `${a.issuer} / ${a.label}` : a.label);
  for (const a of result.added) info(`Added ${name(a)} [${a.id}]\n`);
  for (const d of result.duplicates) info(`Already present, skipped: ${name(d)}\n`);
  for (const s of result.skipped) warn(`Cannot import ${name(s)}: ${s.reason}\n`);
  info(`Imported ${result.added.length} account${result.added.length === 1 ? '' : 's'}, skipped ${result.duplicates.length} already present.\n`);
}

/** One line, no control characters (a QR code's text could try to move the cursor or clear the screen). */
function printable(text: string): string {
  const clean = text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return clean.length > 200 ? `${clean.slice(0, 200)}…` : clean;
}
