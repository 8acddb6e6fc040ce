// `authbahn accounts export`: every account as otpauth:// URIs, Google Authenticator export URIs or an
// Aegis vault file (plain or encrypted). The output goes to stdout only, for the user to redirect or pipe.
import type { AccountView } from '../../shared/api/types';
import { migrationUnsupportedReason } from '../../shared/otp/migration';
import { parseCommandArgs } from './args';
import { withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { UsageError } from './errors';
import { askNewPassword, passwordFromStdin } from './password-prompt';

export const ACCOUNTS_EXPORT_USAGE = `Usage: authbahn accounts export [--format uris|migration|aegis] [--encrypt] [--password-stdin] [--json] [--data-dir DIR]

Print all accounts WITH THEIR SECRETS, for a backup or another authenticator. Treat the output like a password
(unless it is an encrypted Aegis vault).

Options:
  --format uris        one otpauth:// URI per line (default)
  --format migration   Google Authenticator export URIs (otpauth-migration://), one per QR code, 10 accounts each;
                       Steam accounts, 7-digit codes and TOTP periods other than 30 s cannot be included
  --format aegis       an Aegis vault file (JSON; tags become groups): restorable by Aegis and by Authbahn
                       (Settings → Restore from backup)
  --encrypt            aegis only: encrypt the vault with a password (asked twice on the terminal, at least 8 characters)
  --password-stdin     aegis only: read the password from the first line of standard input (implies --encrypt)
  --json               print a JSON array (uris: strings; migration: {uri, batchIndex, batchSize, accountIds})
  --data-dir DIR       folder of the account metadata
  -h, --help           show this help
`;

export async function runAccountsExport(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { format: { type: 'string' }, json: { type: 'boolean' }, encrypt: { type: 'boolean' }, 'password-stdin': { type: 'boolean' } },
    ACCOUNTS_EXPORT_USAGE,
  );
  if (values.help) {
    ctx.io.stdout(ACCOUNTS_EXPORT_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, ACCOUNTS_EXPORT_USAGE);
  const format = values.format ?? 'uris';
  if (format !== 'uris' && format !== 'migration' && format !== 'aegis') {
    throw new UsageError(`--format must be uris, migration or aegis, got "${format}"`, ACCOUNTS_EXPORT_USAGE);
  }
  const encrypt = values.encrypt === true || values['password-stdin'] === true;
  if (encrypt && format !== 'aegis') throw new UsageError('--encrypt and --password-stdin need --format aegis', ACCOUNTS_EXPORT_USAGE);
  if (format === 'aegis' && values.json) throw new UsageError('--json does not apply to --format aegis (the vault is JSON already)', ACCOUNTS_EXPORT_USAGE);
  // Asked before the services open, so a mistyped password does not leave the keychain opened for nothing.
  const password = !encrypt ? null : values['password-stdin'] ? await passwordFromStdin(ctx) : await askNewPassword(ctx, 'backup password');

  return withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, async (services) => {
    if (format === 'aegis') {
      ctx.io.stdout(await services.handlers.accounts.exportAegis(password));
      if (password === null) ctx.io.stderr('authbahn: this Aegis vault is NOT encrypted (add --encrypt to protect it with a password)\n');
      return EXIT.ok;
    }
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
