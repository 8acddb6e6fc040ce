// `authbahn accounts add URI...`: otpauth:// URIs and Google Authenticator exports (otpauth-migration://).
// Each URI is all-or-nothing on its own; `-` reads URIs from standard input, one per line, which keeps
// secrets out of the shell history and the process list (e.g. `zbarimg --raw qr.png | authbahn accounts add -`).
import { toAppErrorData } from '../../shared/api/errors';
import type { ImportResult } from '../accounts/accounts-service';
import { parseCommandArgs, warnSecretInArgv } from './args';
import { readStdin, withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { UsageError } from './errors';

export const ACCOUNTS_ADD_USAGE = `Usage: authbahn accounts add URI... [--json] [--data-dir DIR]

Add accounts from otpauth:// URIs or Google Authenticator export URIs (otpauth-migration://offline?data=…).
Use - to read URIs from standard input, one per line (keeps the secrets out of your shell history).
Accounts that already exist (same secret, issuer and label) are skipped.
Exits 1 if a URI is invalid or nothing new was added.

Options:
  --json           print one JSON result per URI: {uri index, added, duplicates, skipped, batch}
  --data-dir DIR   folder of the account metadata
  -h, --help       show this help
`;

export async function runAccountsAdd(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, ACCOUNTS_ADD_USAGE);
  if (values.help) {
    ctx.io.stdout(ACCOUNTS_ADD_USAGE);
    return EXIT.ok;
  }
  if (positionals.length === 0) throw new UsageError('expected at least one URI (or - for standard input)', ACCOUNTS_ADD_USAGE);
  if (positionals.some((arg) => /^otpauth(-migration)?:/i.test(arg))) {
    warnSecretInArgv(ctx.io.stderr, 'an otpauth:// URI (it contains the secret)', 'use - to read URIs from standard input');
  }
  const uris: string[] = [];
  for (const arg of positionals) {
    if (arg === '-') uris.push(...(await readStdin(ctx)).split(/\r?\n/).map((l) => l.trim()).filter(Boolean));
    else uris.push(arg);
  }
  if (uris.length === 0) throw new UsageError('standard input held no URIs', ACCOUNTS_ADD_USAGE);

  return withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, async (services) => {
    let failed = 0;
    let added = 0;
    const results: unknown[] = [];
    for (const [index, uri] of uris.entries()) {
      const where = uris.length > 1 ? `URI ${index + 1}: ` : '';
      try {
        // The handler's declared result is ImportSummary; the service returns the richer ImportResult.
        const result = (await services.handlers.accounts.importUri(uri)) as ImportResult;
        added += result.added.length;
        if (values.json) results.push({ index, ...result });
        else report(ctx, where, result);
      } catch (error) {
        failed += 1;
        const data = toAppErrorData(error);
        if (values.json) results.push({ index, error: data });
        ctx.io.stderr(`authbahn: ${where}${data.message}\n`);
        // Without a keychain no later URI can succeed either.
        if (data.code === 'KEYCHAIN_UNAVAILABLE') return EXIT.usage;
      }
    }
    if (values.json) ctx.io.stdout(`${JSON.stringify(results, null, 2)}\n`);
    if (failed === 0 && added === 0) ctx.io.stderr('authbahn: nothing new was added\n');
    return failed > 0 || added === 0 ? EXIT.failure : EXIT.ok;
  });
}

function report(ctx: CommandContext, where: string, result: ImportResult): void {
  const name = (a: { issuer: string; label: string }) => (a.issuer ? `${a.issuer} / ${a.label}` : a.label);
  for (const a of result.added) ctx.io.stdout(`Added ${name(a)} [${a.id}]\n`);
  for (const d of result.duplicates) ctx.io.stderr(`${where}Already present, skipped: ${name(d)}\n`);
  for (const s of result.skipped) ctx.io.stderr(`${where}Cannot import ${name(s)}: ${s.reason}\n`);
  if (result.batch && result.batch.size > 1) {
    ctx.io.stderr(`${where}This was QR code ${result.batch.index + 1} of ${result.batch.size} of a Google Authenticator export; add the others too.\n`);
  }
}
