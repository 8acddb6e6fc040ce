// `authbahn accounts recover [ID --restore] [--all] [--json]`: keychain secrets without an account.
// An interrupted add or remove (kill -9, power loss) or a damaged accounts.json can leave an account's
// secret in the keychain with no metadata pointing at it. Listing them is read-only; restoring turns one
// back into an account under its old id. Nothing here deletes a secret: after restoring, the user can
// edit the account or remove it (which deletes the secret) like any other.
import type { OrphanSecret } from '../../shared/api/types';
import { parseCommandArgs } from './args';
import { withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { UsageError } from './errors';
import { describeAccount } from './find-account';

export const ACCOUNTS_RECOVER_USAGE = `Usage: authbahn accounts recover [--all] [--json] [--data-dir DIR]
       authbahn accounts recover ID --restore [--json] [--data-dir DIR]

List keychain secrets that no account references (left by an add or remove that was interrupted, or by a
damaged accounts.json), or restore one as an account. A restored account keeps its old settings when
accounts.json.bak still knows them; otherwise it is a TOTP account (SHA1, 6 digits, 30 s) named
"Recovered secret / ID" — check its codes and edit it in the app. Nothing is deleted.

Options:
  --restore        restore the secret ID as an account
  --all            also scan the keychain service for account secrets this data folder did not record
                   (they may belong to another data folder that uses the same keychain service)
  --json           print JSON
  --data-dir DIR   folder of the account metadata
  -h, --help       show this help

Exits 0 when the listing is empty or the restore worked, 1 when secrets without an account were found.
`;

export async function runAccountsRecover(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { restore: { type: 'boolean' }, all: { type: 'boolean' }, json: { type: 'boolean' } },
    ACCOUNTS_RECOVER_USAGE,
  );
  if (values.help) {
    ctx.io.stdout(ACCOUNTS_RECOVER_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`unexpected argument "${positionals[1]}"`, ACCOUNTS_RECOVER_USAGE);
  const id = positionals[0];
  if (id !== undefined && !values.restore) throw new UsageError(`add --restore to restore "${id}" as an account`, ACCOUNTS_RECOVER_USAGE);
  if (id === undefined && values.restore) throw new UsageError('--restore needs the ID of a secret (see: authbahn accounts recover)', ACCOUNTS_RECOVER_USAGE);

  return withServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: true }, async (services) => {
    if (id !== undefined) {
      const account = await services.handlers.accounts.recover(id);
      if (values.json) ctx.io.stdout(`${JSON.stringify(account, null, 2)}\n`);
      else ctx.io.stdout(`Restored ${describeAccount(account)}. Check that its codes are right; edit its name and settings in the app.\n`);
      return EXIT.ok;
    }
    const orphans = await services.handlers.accounts.orphans({ all: values.all === true });
    if (values.json) ctx.io.stdout(`${JSON.stringify(orphans, null, 2)}\n`);
    else ctx.io.stdout(formatOrphans(orphans));
    return orphans.length === 0 ? EXIT.ok : EXIT.failure;
  });
}

function formatOrphans(orphans: OrphanSecret[]): string {
  if (orphans.length === 0) return 'Every account secret in the keychain belongs to an account.\n';
  const lines = orphans.map((o) => {
    const name = o.knownAs ? `was ${o.knownAs.issuer ? `${o.knownAs.issuer}:` : ''}${o.knownAs.label}` : 'name unknown';
    const scope = o.recorded ? '' : ', not recorded by this data folder';
    return `  ${o.id}  (${o.secretBits}-bit secret, ${name}${scope})\n`;
  });
  return (
    `${orphans.length} keychain ${orphans.length === 1 ? 'secret has' : 'secrets have'} no account:\n${lines.join('')}` +
    'Restore one with: authbahn accounts recover ID --restore\n'
  );
}
