// `authbahn` command line: entry point of bin/authbahn.js. Every failure becomes a message on stderr
// and an exit code (0 ok, 1 failure, 2 usage or keychain unavailable) — never an unhandled rejection.
import { friendlyParseError } from './cli/args';
import { VERSION, type CliDeps, type CommandContext } from './cli/command-context';
import { COMMANDS, own, SUBCOMMAND_USAGE } from './cli/commands';
import { EXIT, type CliIo } from './cli/context';
import { reportError, UsageError } from './cli/errors';
import { parseArgs } from 'node:util';

export const USAGE = `Usage: authbahn [--data-dir DIR] COMMAND [options]

Authbahn: desktop authenticator (TOTP/HOTP/Steam, secrets in the OS keychain) — command line.

Commands:
  code ACCOUNT                      print the current code of a stored account
  code --secret BASE32              print a code for a secret without storing it
  accounts list                     list the accounts (metadata only)
  accounts add URI...               add otpauth:// or otpauth-migration:// URIs (- reads stdin)
  accounts remove ACCOUNT --yes     remove an account and its keychain secret
  accounts export [--format F]      print all accounts with secrets (uris or migration)
  accounts recover [ID --restore]   list (or restore) keychain secrets left without an account
  accounts import FILE...           import another authenticator's export (Aegis, 2FAS, andOTP, …)
  scan IMAGE... [--json] [--import] find QR codes in images; list (or import) their accounts
  test --url URL --realm R [...]    test a connection to any WAMP router (trace + diagnosis)
  router --config FILE [--json]     run the local WAMP router from a Crossbar-style config.json
  keys generate|list|show|import|delete NAME
                                    Ed25519 keys for WAMP-Cryptosign (private half in the keychain)
  serve                             serve the app's UI to your browser on 127.0.0.1
  help [COMMAND]                    show help for a command

Options for every command:
  --data-dir DIR   folder of the account metadata (default: $AUTHBAHN_DATA_DIR, else
                   ~/.config/authbahn on Linux, ~/Library/Application Support/Authbahn on macOS,
                   %APPDATA%\\Authbahn on Windows)
  -h, --help       show help
  -V, --version    show the version

Environment:
  AUTHBAHN_DATA_DIR           data folder (overridden by --data-dir)
  AUTHBAHN_KEYCHAIN_SERVICE   keychain service name the secrets are stored under (default: Authbahn)

Exit codes: 0 success, 1 failure (not found, invalid input), 2 usage error or keychain unavailable.
Run \`authbahn help COMMAND\` for the options of a command.
`;

export async function main(argv: string[], io?: Partial<CliIo>, deps: CliDeps = {}): Promise<number> {
  const fullIo = withDefaults(io);
  try {
    return await run(argv, { io: fullIo, deps, globalDataDir: undefined });
  } catch (error) {
    try {
      return reportError(error, fullIo.stderr);
    } catch {
      return EXIT.failure;
    }
  }
}

async function run(argv: string[], base: CommandContext): Promise<number> {
  const { io } = base;
  const at = commandIndex(argv);
  const leading = argv.slice(0, at);
  let globals;
  try {
    globals = parseArgs({
      args: leading,
      options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' }, version: { type: 'boolean', short: 'V' } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    throw new UsageError(friendlyParseError(error), USAGE);
  }
  if (globals.version) {
    io.stdout(`authbahn ${VERSION}\n`);
    return EXIT.ok;
  }
  const command = argv[at];
  const rest = argv.slice(at + 1);
  if (command === undefined || command === '--') {
    if (globals.help) {
      io.stdout(USAGE);
      return EXIT.ok;
    }
    throw new UsageError('no command given', USAGE);
  }
  if (globals.help) return help([command, ...rest.filter((a) => !a.startsWith('-'))], io);
  const ctx: CommandContext = { ...base, globalDataDir: globals['data-dir'] };

  if (command === 'help') return help(rest, io);
  const load = own(COMMANDS, command);
  if (!load) throw new UsageError(`unknown command "${command}"`, USAGE);
  return (await load()).run(rest, ctx);
}

/** Index of the command word: the first argument that is neither an option nor the value of --data-dir. */
function commandIndex(argv: string[]): number {
  let i = 0;
  while (i < argv.length) {
    const arg = argv[i]!;
    if (arg === '--data-dir') i += 2;
    else if (arg.startsWith('-') && arg !== '-' && arg !== '--') i += 1;
    else return i;
  }
  return Math.min(i, argv.length);
}

async function help(topic: string[], io: CliIo): Promise<number> {
  if (topic.length === 0) {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const sub = own(SUBCOMMAND_USAGE, topic.slice(0, 2).join(' '));
  const command = own(COMMANDS, topic[0]!);
  const text = sub ? await sub() : command ? (await command()).usage : undefined;
  if (text === undefined) throw new UsageError(`no help for "${topic.join(' ')}"`, USAGE);
  io.stdout(text);
  return EXIT.ok;
}

function withDefaults(io: Partial<CliIo> | undefined): CliIo {
  if (!io?.stdout || !io.stderr) ignoreBrokenPipes();
  return {
    stdout: io?.stdout ?? ((text) => void process.stdout.write(text)),
    stderr: io?.stderr ?? ((text) => void process.stderr.write(text)),
    env: io?.env ?? process.env,
    untilSignal: io?.untilSignal ?? untilSignal,
  };
}

let pipesGuarded = false;
/** `authbahn accounts export | head -1` closes our stdout early: that is not a crash. */
function ignoreBrokenPipes(): void {
  if (pipesGuarded) return;
  pipesGuarded = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
}

/** Resolves on the first SIGINT/SIGTERM (the command then cleans up); a second one during cleanup exits at once. */
function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    const onSignal = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
      process.once('SIGINT', () => process.exit(130));
      process.once('SIGTERM', () => process.exit(143));
      resolve();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
}
