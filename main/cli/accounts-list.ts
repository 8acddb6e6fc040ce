// `authbahn accounts list`: metadata only, so it works even while the keychain is locked.
import type { AccountView } from '../../shared/api/types';
import { parseCommandArgs } from './args';
import { withAccountServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { UsageError } from './errors';

export const ACCOUNTS_LIST_USAGE = `Usage: authbahn accounts list [--json] [--data-dir DIR]

List the stored accounts (never their secrets).

Options:
  --json           print the accounts as a JSON array (id, type, issuer, label, algorithm, digits, period, counter, tags, …)
  --data-dir DIR   folder of the account metadata
  -h, --help       show this help
`;

export async function runAccountsList(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { json: { type: 'boolean' } }, ACCOUNTS_LIST_USAGE);
  if (values.help) {
    ctx.io.stdout(ACCOUNTS_LIST_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`, ACCOUNTS_LIST_USAGE);
  return withAccountServices(ctx, { dataDirFlag: values['data-dir'], needsKeychain: false }, async (services) => {
    const accounts = await services.accounts.list();
    if (values.json) ctx.io.stdout(`${JSON.stringify(accounts, null, 2)}\n`);
    else if (accounts.length === 0) ctx.io.stdout('No accounts yet. Add one with: authbahn accounts add "otpauth://totp/…"\n');
    else ctx.io.stdout(formatTable(accounts));
    return EXIT.ok;
  });
}

export function formatTable(accounts: AccountView[]): string {
  const rows = [
    ['ID', 'ISSUER', 'LABEL', 'TYPE', 'DIGITS', 'PERIOD/COUNTER'],
    ...accounts.map((a) => [
      a.id,
      a.issuer || '-',
      a.label,
      a.type,
      String(a.digits),
      a.type === 'hotp' ? `counter ${a.counter}` : `${a.period}s`,
    ]),
  ];
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => (col === row.length - 1 ? cell : cell.padEnd(widths[col]!))).join('  ')).join('\n') + '\n';
}
