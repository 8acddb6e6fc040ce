// `authbahn accounts export`: every account as otpauth:// URIs, or as Google Authenticator export URIs.
// The output contains the secrets: it goes to stdout only, for the user to redirect or pipe.
import type { AccountView } from '../../shared/api/types';
import { migrationUnsupportedReason } from '../../shared/otp/migration';
import { parseCommandArgs } from './args';
import { withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { UsageError } from './errors';

export const ACCOUNTS_EXPORT_USAGE = `Usage: authbahn accounts export [--format uris|migration] [--json] [--data-dir DIR]

Print all accounts WITH THEIR SECRETS, for a backup or another authenticator. Treat the output like a password.

Options:
  --format uris        one otpauth:// URI per line (default)
  --format migration   Google Authenticator export URIs (otpauth-migration://), one per QR code, 10 accounts each;
                       Steam accounts, 7-digit codes and TOTP periods other than 30 s cannot be included
  --json               print a JSON array (uris: strings; migration: {uri, batchIndex, batchSize, accountIds})
  --data-dir DIR       folder of the account metadata
  -h, --help           show this help
`;

export async function runAccountsExport(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { format: { type: 'string' }, json: { type: 'boolean' } }, ACCOUNTS_EXPORT_USAGE);
  if (values.help) {
    ctx.io.stdout(ACCOUNTS_EXPORT_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, ACCOUNTS_EXPORT_USAGE);
  const format = values.format ?? 'uris';
  if (format !== 'uris' && format !== 'migration') throw new UsageError(`--format must be uris or migration, got "${format}"`, ACCOUNTS_EXPORT_USAGE);

  return withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, async (services) => {
    if (format === 'uris') {
      const uris = await services.handlers.accounts.exportUris();
      ctx.io.stdout(values.json ? `${JSON.stringify(uris, null, 2)}\n` : uris.map((u) => `${u}\n`).join(''));
      return EXIT.ok;
    }
    const accounts = await services.handlers.accounts.list();
    const qrs = await services.handlers.accounts.exportMigration();
    if (values.json) {
      ctx.io.stdout(`${JSON.stringify(qrs.map(({ uri, batchIndex, batchSize, accountIds }) => ({ uri, batchIndex, batchSize, accountIds })), null, 2)}\n`);
    } else {
      ctx.io.stdout(qrs.map((q) => `${q.uri}\n`).join(''));
    }
    const exported = new Set(qrs.flatMap((q) => q.accountIds));
    const left = accounts.filter((a) => !exported.has(a.id));
    if (left.length > 0) {
      ctx.io.stderr(`authbahn: ${left.length} account(s) cannot be exported to Google Authenticator:\n`);
      for (const a of left) ctx.io.stderr(`  ${a.issuer ? `${a.issuer} / ` : ''}${a.label}: ${unsupportedReason(a)}\n`);
    }
    return EXIT.ok;
  });
}

/** The reason depends only on type, digits and period; stored secrets are valid base32 by construction. */
function unsupportedReason(a: AccountView): string {
  return migrationUnsupportedReason({ ...a, secret: 'AAAAAAAAAAAAAAAA' }) ?? 'not supported by the format';
}
