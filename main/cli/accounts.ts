// `authbahn accounts SUBCOMMAND`: dispatch to one file per subcommand.
import { runAccountsAdd } from './accounts-add';
import { runAccountsExport } from './accounts-export';
import { runAccountsList } from './accounts-list';
import { runAccountsRecover } from './accounts-recover';
import { runAccountsRemove } from './accounts-remove';
import type { CommandContext } from './command-context';
import { EXIT } from './context';
import { UsageError } from './errors';

export const ACCOUNTS_USAGE = `Usage:
  authbahn accounts list [--json]
  authbahn accounts add URI... [--json]
  authbahn accounts remove ACCOUNT --yes
  authbahn accounts export [--format uris|migration] [--json]
  authbahn accounts recover [ID --restore] [--all] [--json]

Manage the stored accounts. Secrets live in the OS keychain; the data folder holds only metadata.
Run \`authbahn accounts SUBCOMMAND --help\` for the options of each.
`;

const SUBCOMMANDS: Record<string, (args: string[], ctx: CommandContext) => Promise<number>> = {
  list: runAccountsList,
  add: runAccountsAdd,
  remove: runAccountsRemove,
  export: runAccountsExport,
  recover: runAccountsRecover,
};

export async function runAccounts(args: string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError('accounts needs a subcommand', ACCOUNTS_USAGE);
  if (sub === '-h' || sub === '--help' || sub === 'help') {
    ctx.io.stdout(ACCOUNTS_USAGE);
    return EXIT.ok;
  }
  const run = Object.prototype.hasOwnProperty.call(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!run) throw new UsageError(`unknown accounts subcommand "${sub}"`, ACCOUNTS_USAGE);
  return run(rest, ctx);
}
