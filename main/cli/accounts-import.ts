// `authbahn accounts import FILE...`: reads other authenticators' export files (see main/import) and
// stores their accounts. Every file is read and decrypted before anything is stored, and the store is
// all-or-nothing, so a wrong password or a damaged file never leaves half an import behind.
// The table never shows secrets; --json prints them (one account per line, like `scan --json`).
import { accountJsonLine } from './account-json';
import { AppError, toAppErrorData } from '../../shared/api/errors';
import type { ImportResult } from '../accounts/accounts-service';
import type { ImportFileResult } from '../import/import-file';
import type { ImportedAccount, ImportFile } from '../import/types';
import { parseCommandArgs } from './args';
import { readStdin, readStdinBytes, withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { CliFailure, UsageError } from './errors';

export const ACCOUNTS_IMPORT_USAGE = `Usage: authbahn accounts import FILE... [--format auto|NAME] [--password-stdin] [--dry-run] [--json] [--data-dir DIR]

Import the accounts of another authenticator's export or backup file (Aegis, 2FAS, andOTP, Bitwarden,
FreeOTP, Authy, Steam, Duo and more, listed by --help). The format is found from
the file's content. Use - to read one file from standard input.
Encrypted files need their password: with --password-stdin it is the first line of standard input,
otherwise it is asked for on the terminal (without echo).
Every file is read before anything is stored, and nothing is stored if one of them fails. Accounts that
already exist (same secret, issuer and label) are skipped; groups and folders become tags.

The table shows no secrets. --json prints them: one JSON object per line per account,
{"type","issuer","label","secret","algorithm","digits","period","counter","tags","format","source"}.

Options:
  --format F        auto (default) or a format id (listed by --help)
  --password-stdin  read the password from the first line of standard input
  --dry-run         only list the accounts; store nothing
  --json            print the accounts as JSON lines, secrets included (messages go to standard error)
  --data-dir DIR    folder of the account metadata
  -h, --help        show this help

Exit codes: 0 accounts found (and imported), 1 nothing importable or a wrong/missing password (nothing
stored), 2 a file is unreadable or in an unknown format (nothing stored), or usage error.
`;

/** Usage with the format list filled in; the list needs the format registry, so it is loaded on demand. */
export async function accountsImportUsage(): Promise<string> {
  const { IMPORT_FORMATS } = await import('../import/formats');
  const table = IMPORT_FORMATS.map((f) => `  ${f.id.padEnd(20)} ${f.label}`).join('\n');
  return `${ACCOUNTS_IMPORT_USAGE}\nFormats (--format ID):\n${table}\n`;
}

interface FileOutcome {
  source: string;
  result?: ImportFileResult;
  error?: AppError;
}

const MAX_PROMPT_ATTEMPTS = 3;

export async function runAccountsImport(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { format: { type: 'string' }, 'password-stdin': { type: 'boolean' }, 'dry-run': { type: 'boolean' }, json: { type: 'boolean' } },
    ACCOUNTS_IMPORT_USAGE,
  );
  if (values.help) {
    ctx.io.stdout(await accountsImportUsage());
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('expected at least one file (or - for standard input)', ACCOUNTS_IMPORT_USAGE);
  if (positionals.filter((p) => p === '-').length > 1) throw new UsageError('standard input (-) can be read only once', ACCOUNTS_IMPORT_USAGE);
  if (positionals.includes('-') && values['password-stdin']) {
    throw new UsageError('--password-stdin and - both need standard input; pass the file by name', ACCOUNTS_IMPORT_USAGE);
  }
  const { IMPORT_FORMATS } = await import('../import/formats');
  const requested = values.format?.trim().toLowerCase() ?? 'auto';
  if (requested !== 'auto' && !IMPORT_FORMATS.some((f) => f.id === requested)) {
    throw new UsageError(`unknown format "${requested.slice(0, 40)}"; known formats: auto, ${IMPORT_FORMATS.map((f) => f.id).join(', ')}`, ACCOUNTS_IMPORT_USAGE);
  }

  const { io } = ctx;
  const json = values.json === true;
  const info = json ? io.stderr : io.stdout;
  const passwords = passwordSource(ctx, values['password-stdin'] === true);

  const outcomes: FileOutcome[] = [];
  for (const path of positionals) outcomes.push(await readOne(ctx, path, requested, passwords, values['password-stdin'] === true));

  const failed = outcomes.filter((o) => o.error !== undefined);
  for (const o of failed) io.stderr(`authbahn: ${o.error!.message}\n`);
  if (failed.length > 0) {
    io.stderr('authbahn: nothing was imported\n');
    const unreadable = failed.some((o) => o.error!.code === 'IMPORT_UNREADABLE' || o.error!.code === 'IMPORT_UNKNOWN_FORMAT');
    return unreadable ? EXIT.usage : EXIT.failure;
  }

  const found = outcomes.flatMap((o) => o.result!.accounts.map((account) => ({ account, source: o.source, format: o.result!.format.id })));
  for (const o of outcomes) {
    info(`${o.source}: ${o.result!.format.label}, ${plural(o.result!.accounts.length, 'account')}\n`);
    for (const s of o.result!.skipped) io.stderr(`${o.source}: cannot import ${s.name}: ${s.reason}\n`);
  }
  if (json) for (const f of found) io.stdout(`${JSON.stringify(accountJsonLine(f.account, { tags: f.account.tags, format: f.format, source: f.source }))}\n`);
  else if (found.length > 0) io.stdout(formatTable(found));
  if (found.length === 0) {
    io.stderr(`authbahn: no importable accounts in ${positionals.length === 1 ? 'the file' : `${positionals.length} files`}\n`);
    return EXIT.failure;
  }
  if (values['dry-run']) {
    info(`Dry run: nothing stored${json ? '' : '; secrets are not shown (--json prints them)'}.\n`);
    return EXIT.ok;
  }
  const imported = await withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, (services) =>
    services.accounts.importAccounts(found.map((f) => f.account)),
  );
  reportImport(imported, info, io.stderr);
  return EXIT.ok;
}

type PasswordFor = (file: ImportFile, attempt: number) => Promise<string>;

/** Where passwords come from: stdin's first line (read once, used for every encrypted file) or a prompt. */
function passwordSource(ctx: CommandContext, fromStdin: boolean): PasswordFor {
  let stdinPassword: Promise<string> | undefined;
  return async (file, attempt) => {
    if (fromStdin) {
      stdinPassword ??= readStdin(ctx).then((text) => text.split(/\r?\n/)[0] ?? '');
      const password = await stdinPassword;
      if (password === '') throw new CliFailure('--password-stdin: standard input held no password');
      return password;
    }
    const tty = ctx.deps.stdinIsTTY ?? process.stdin.isTTY === true;
    const where = file.name === '-' ? 'standard input' : `"${file.name}"`;
    if (!tty) {
      throw new CliFailure(
        file.name === '-'
          ? 'the file on standard input is encrypted: save it to a file and pass that with --password-stdin'
          : `${where} is encrypted: pass its password with --password-stdin`,
      );
    }
    const prompt = ctx.deps.promptPassword ?? (await import('./password-prompt')).promptHiddenPassword;
    return prompt(attempt === 0 ? `Password for ${where}: ` : `Wrong password, try again: `);
  };
}

async function readOne(ctx: CommandContext, path: string, requested: string, passwordFor: PasswordFor, passwordFromStdin: boolean): Promise<FileOutcome> {
  const source = path === '-' ? '-' : path;
  try {
    const { chooseFormat, formatNeedsPassword, MAX_IMPORT_FILE_BYTES, parseWith, readImportPath } = await import('../import/import-file');
    const file: ImportFile = path === '-' ? { name: '-', bytes: await readStdinBytes(ctx, MAX_IMPORT_FILE_BYTES) } : await readImportPath(path);
    const format = chooseFormat(file, requested);
    if (!formatNeedsPassword(format, file)) return { source, result: await parseWith(format, file, null) };
    for (let attempt = 0; ; attempt += 1) {
      const password = await passwordFor(file, attempt);
      try {
        return { source, result: await parseWith(format, file, password) };
      } catch (error) {
        // A password typed at the prompt may be typed again; one from stdin cannot change.
        const retry = !passwordFromStdin && error instanceof AppError && error.code === 'IMPORT_WRONG_PASSWORD' && attempt + 1 < MAX_PROMPT_ATTEMPTS;
        if (!retry) throw error;
      }
    }
  } catch (error) {
    if (error instanceof CliFailure) return { source, error: new AppError('IMPORT_PASSWORD_REQUIRED', error.message) };
    const data = toAppErrorData(error);
    if (data.code === 'INTERNAL') throw error;
    return { source, error: new AppError(data.code, `${path === '-' ? 'standard input' : path}: ${data.message}`, data.details) };
  }
}

function formatTable(found: { account: ImportedAccount; source: string }[]): string {
  const rows = [
    ['TYPE', 'ISSUER', 'LABEL', 'PARAMETERS', 'TAGS', 'SOURCE'],
    ...found.map(({ account: a, source }) => [
      a.type,
      printable(a.issuer) || '-',
      printable(a.label),
      `${a.algorithm} ${a.digits} digits ${a.type === 'hotp' ? `counter ${a.counter}` : `${a.period}s`}`,
      printable(a.tags.join(', ')) || '-',
      printable(source),
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ')).join('\n') + '\n';
}

function reportImport(result: ImportResult, info: (text: string) => void, warn: (text: string) => void): void {
  const name = (a: { issuer: string; label: string }) => printable(a.issuer ? `${a.issuer} / ${a.label}` : a.label);
  for (const a of result.added) info(`Added ${name(a)} [${a.id}]\n`);
  for (const d of result.duplicates) info(`Already present, skipped: ${name(d)}\n`);
  for (const s of result.skipped) warn(`Cannot import ${name(s)}: ${s.reason}\n`);
  info(`Imported ${plural(result.added.length, 'account')}, skipped ${result.duplicates.length} already present.\n`);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Names come from a file someone else wrote: no control characters on the terminal. */
function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
}
