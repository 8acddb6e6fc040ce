// `authbahn accounts remove ACCOUNT --yes`.
// Always requires --yes (there is no interactive prompt): removal deletes the secret from the keychain
// and cannot be undone, and the CLI is mostly run from scripts where a prompt would hang or be skipped.
// Only exact matches (id or "issuer:label") are accepted, never a loose substring.
import { parseCommandArgs } from './args';
import { withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { CliFailure, UsageError } from './errors';
import { describeAccount, matchExact } from './find-account';

export const ACCOUNTS_REMOVE_USAGE = `Usage: authbahn accounts remove ACCOUNT --yes [--data-dir DIR]

Remove an account: its metadata, then its secret in the keychain. This cannot be undone
(export it first if in doubt). ACCOUNT is the exact id or "issuer:label" (see: authbahn accounts list).

Options:
  --yes            confirm the removal (required)
  --data-dir DIR   folder of the account metadata
  -h, --help       show this help
`;

export async function runAccountsRemove(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { yes: { type: 'boolean', short: 'y' } }, ACCOUNTS_REMOVE_USAGE);
  if (values.help) {
    ctx.io.stdout(ACCOUNTS_REMOVE_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1) throw new UsageError('expected exactly one ACCOUNT', ACCOUNTS_REMOVE_USAGE);
  const query = positionals[0]!;
  return withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, async (services) => {
    const accounts = await services.handlers.accounts.list();
    const target = matchExact(accounts, query);
    if (!target) throw new CliFailure(`no account with id or "issuer:label" "${query}" (see: authbahn accounts list)`);
    if (!values.yes) {
      throw new UsageError(
        `not removing ${describeAccount(target)} without --yes: its secret would be deleted from the keychain for good`,
        ACCOUNTS_REMOVE_USAGE,
      );
    }
    await services.handlers.accounts.remove(target.id);
    ctx.io.stdout(`Removed ${describeAccount(target)}\n`);
    return EXIT.ok;
  });
}
