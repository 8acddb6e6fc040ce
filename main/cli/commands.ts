// The CLI's commands, each loaded only when it runs (or its help is asked for). `authbahn code --secret`
// must start like a small tool, so it must not pay for loading the router, the tester, the QR engine or
// the web server: every command module is a dynamic import, and so is everything heavy behind it.
import type { CliIo } from './context';
import type { CommandContext } from './command-context';

export interface CommandModule {
  run(args: string[], ctx: CommandContext): Promise<number>;
  usage: string;
}

type Loader = () => Promise<CommandModule>;

export const COMMANDS: Record<string, Loader> = {
  code: () => import('./code').then((m) => ({ run: m.runCode, usage: m.CODE_USAGE })),
  accounts: () => import('./accounts').then((m) => ({ run: m.runAccounts, usage: m.ACCOUNTS_USAGE })),
  scan: () => import('./scan').then((m) => ({ run: m.runScan, usage: m.SCAN_USAGE })),
  test: () => import('./test').then((m) => ({ run: m.runTestCommand, usage: m.TEST_USAGE })),
  router: () => import('./router').then((m) => ({ run: m.runRouter, usage: m.ROUTER_USAGE })),
  keys: () => import('./keys').then((m) => ({ run: m.runKeys, usage: m.KEYS_USAGE })),
  serve: () =>
    import('./serve').then((m) => ({
      // serve parses its own options; hand a leading --data-dir on to it.
      run: (args: string[], ctx: CommandContext) =>
        m.runServe(ctx.globalDataDir === undefined ? args : ['--data-dir', ctx.globalDataDir, ...args], ctx.io as CliIo),
      usage: m.SERVE_USAGE,
    })),
};

/** `help accounts add` and friends: two-word topics resolve through the parent command's module. */
export const SUBCOMMAND_USAGE: Record<string, () => Promise<string>> = {
  'accounts list': () => import('./accounts-list').then((m) => m.ACCOUNTS_LIST_USAGE),
  'accounts add': () => import('./accounts-add').then((m) => m.ACCOUNTS_ADD_USAGE),
  'accounts remove': () => import('./accounts-remove').then((m) => m.ACCOUNTS_REMOVE_USAGE),
  'accounts export': () => import('./accounts-export').then((m) => m.ACCOUNTS_EXPORT_USAGE),
  'accounts recover': () => import('./accounts-recover').then((m) => m.ACCOUNTS_RECOVER_USAGE),
  'accounts import': () => import('./accounts-import').then((m) => m.accountsImportUsage()),
};

export const own = <T>(table: Record<string, T>, key: string): T | undefined =>
  Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
