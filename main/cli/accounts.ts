// `authbahn accounts SUBCOMMAND`: dispatch to one file per subcommand.
import type { CommandContext } from './command-context';
import { EXIT } from './context';
import { UsageError } from './errors';

export const ACCOUNTS_USAGE = `Usage:
  authbahn accounts list [--json]
  authbahn accounts add URI... [--json]
  authbahn accounts remove ACCOUNT --yes
  authbahn accounts export [--format uris|migration|aegis] [--encrypt] [--password-stdin] [--json]
  authbahn accounts recover [ID --restore] [--all] [--json]
  authbahn accounts import FILE... [--format auto|NAME] [--password-stdin] [--dry-run] [--json]

Manage the stored accounts. Secrets live in the OS keychain; the data folder holds only metadata.
Run \`authbahn accounts SUBCOMMAND --help\` for the options of each.
`;

type Run = (args: string[], ctx: CommandContext) => Promise<number>;

// Loaded on use, like the commands themselves (see commands.ts): `accounts list` needs no QR encoder.
const SUBCOMMANDS: Record<string, () => Promise<Run>> = {
  list: () => import('./accounts-list').then((m) => m.runAccountsList),
  add: () => import('./accounts-add').then((m) => m.runAccountsAdd),
  remove: () => import('./accounts-remove').then((m) => m.runAccountsRemove),
  export: () => import('./accounts-export').then((m) => m.runAccountsExport),
  recover: () => import('./accounts-recover').then((m) => m.runAccountsRecover),
  import: () => import('./accounts-import').then((m) => m.runAccountsImport),
};

export async function runAccounts(args: string[], ctx: CommandContext): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === undefined) throw new UsageError('accounts needs a subcommand', ACCOUNTS_USAGE);
  if (sub === '-h' || sub === '--help' || sub === 'help') {
    ctx.io.stdout(ACCOUNTS_USAGE);
    return EXIT.ok;
  }
  const load = Object.prototype.hasOwnProperty.call(SUBCOMMANDS, sub) ? SUBCOMMANDS[sub] : undefined;
  if (!load) throw new UsageError(`unknown accounts subcommand "${sub}"`, ACCOUNTS_USAGE);
  return (await load())(rest, ctx);
}
