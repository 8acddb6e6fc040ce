// What the CLI commands share: the io, injectable dependencies, and opening the services for one command.
import { homedir } from 'node:os';
import { AppError } from '../../shared/api/errors';
import { resolveDataDir, resolveKeychainService } from '../paths';
import type { AppStatus } from '../../shared/api/types';
import type { AccountReader } from '../account-services';
import type { ServiceOptions, Services } from '../services';
import { EXIT, type CliIo } from './context';
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;

/** Injection points for in-process tests; production uses the defaults. */
export interface CliDeps {
  createServices?: (opts: ServiceOptions) => Promise<Services>;
  /** Merged into the ServiceOptions (tests: secretStore, now, probeTimeoutMs). */
  serviceOverrides?: Partial<ServiceOptions>;
  /** Whole standard input (for `-` arguments). */
  readStdin?: () => Promise<string>;
  /** Whole standard input as bytes (`accounts import -` of a binary export); defaults to readStdin's text. */
  readStdinBytes?: () => Promise<Uint8Array>;
  /** Whether standard input is a terminal a password can be asked on; default process.stdin.isTTY. */
  stdinIsTTY?: boolean;
  /** Asks for a password without echo; default: main/cli/password-prompt.ts on the terminal. */
  promptPassword?: (prompt: string) => Promise<string>;
  home?: string;
  platform?: NodeJS.Platform;
  now?: () => number;
}

export interface CommandContext {
  io: CliIo;
  deps: CliDeps;
  /** --data-dir given before the command name; the command's own --data-dir wins. */
  globalDataDir: string | undefined;
}

export interface OpenOptions {
  dataDirFlag: string | undefined;
  /** Fail with KEYCHAIN_UNAVAILABLE (exit 2) up front instead of half-way through. */
  needsKeychain: boolean;
}

/**
 * Opens the services for one command, runs `fn` and always disposes them. Warnings go to stderr first.
 * When the data folder needed repairs (entries set aside, a backup restored — see Warnings.problem),
 * the command still runs, but a command that would have exited 0 exits 1: a script must not take a
 * repaired folder for business as usual.
 */
export async function withServices<T>(ctx: CommandContext, options: OpenOptions, fn: (services: Services) => Promise<T>): Promise<T> {
  const { io, deps } = ctx;
  const dataDir = cliDataDir(ctx, options.dataDirFlag);
  // Loaded here, not at the top: `code --secret`, `help` and `--version` never open the services.
  const create = deps.createServices ?? (await import('../services')).createServices;
  const services = await create({
    dataDir,
    keychainService: resolveKeychainService(io.env),
    // The CLI has no window and writes no clipboard; 'web' is the headless flavour of the services.
    mode: 'web',
    clipboard: null,
    version: VERSION,
    env: io.env,
    // The app lock guards the UI; a shell running as the user can read the keychain anyway (see services.ts).
    enforceLock: false,
    ...(deps.now ? { now: deps.now } : {}),
    ...deps.serviceOverrides,
  });
  return runOpened(io, services, options, fn);
}

/**
 * withServices for the commands that only read accounts or codes (`code ACCOUNT`, `accounts list`):
 * the account-only composition of main/account-services.ts, which loads a fraction of the code and
 * skips the start-up work only writers need (see there). Tests that inject createServices get it.
 */
export async function withAccountServices<T>(ctx: CommandContext, options: OpenOptions, fn: (services: AccountReader) => Promise<T>): Promise<T> {
  if (ctx.deps.createServices) return withServices(ctx, options, fn);
  const { io, deps } = ctx;
  const { createAccountServices } = await import('../account-services');
  const services = await createAccountServices({
    dataDir: cliDataDir(ctx, options.dataDirFlag),
    keychainService: resolveKeychainService(io.env),
    env: io.env,
    ...(deps.now ? { now: deps.now } : {}),
    ...pick(deps.serviceOverrides ?? {}, ['secretStore', 'now', 'platform', 'env', 'probeTimeoutMs']),
  });
  // No keychain check up front (the first secret read is the check); a command that needs the keychain
  // and fails before reading a secret (no such account, say) checks it then, so that an unreachable
  // keychain decides the outcome (exit 2) as the up-front check of withServices does.
  const reader = async (s: AccountReader): Promise<T> => {
    try {
      return await fn(s);
    } catch (error) {
      if (options.needsKeychain && !services.keychainChecked()) {
        const status = await services.checkKeychain();
        if (!status.ok) throw new AppError(status.error.code, status.error.message, status.error.details);
      }
      throw error;
    }
  };
  return runOpened(io, services, { ...options, needsKeychain: false }, reader);
}

interface Opened {
  status(): AppStatus;
  dataProblems(): string[];
  dispose(): Promise<void>;
}

async function runOpened<S extends Opened, T>(io: CliIo, services: S, options: OpenOptions, fn: (services: S) => Promise<T>): Promise<T> {
  try {
    const status = services.status();
    for (const warning of status.warnings) io.stderr(`authbahn: warning: ${warning}\n`);
    if (options.needsKeychain && !status.keychain.ok) {
      const e = status.keychain.error;
      throw new AppError(e.code, e.message, e.details);
    }
    const result = await fn(services);
    const problems = services.dataProblems();
    for (const problem of problems.filter((p) => !status.warnings.includes(p))) io.stderr(`authbahn: warning: ${problem}\n`);
    if (problems.length > 0 && result === EXIT.ok) {
      io.stderr('authbahn: the data folder needed repair (see the warnings above); exiting with status 1\n');
      return EXIT.failure as T;
    }
    return result;
  } finally {
    await services.dispose();
  }
}

function pick<T extends object, K extends keyof T>(from: T, keys: K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const key of keys) if (from[key] !== undefined) out[key] = from[key];
  return out;
}

/** The data folder of a command: its own --data-dir, the global one, $AUTHBAHN_DATA_DIR or the default. */
export function cliDataDir(ctx: CommandContext, dataDirFlag: string | undefined): string {
  return resolveDataDir({
    flag: dataDirFlag ?? ctx.globalDataDir,
    env: ctx.io.env,
    platform: ctx.deps.platform ?? process.platform,
    home: ctx.deps.home ?? homedir(),
  });
}

export async function readStdin(ctx: CommandContext): Promise<string> {
  if (ctx.deps.readStdin) return ctx.deps.readStdin();
  // Far more than any pasted URI list; stops `authbahn accounts add - < /dev/urandom` from eating memory.
  return Buffer.from(await readProcessStdin(4 * 1024 * 1024)).toString('utf8');
}

/** Standard input as bytes, at most `limit` of them (binary export files piped in). */
export async function readStdinBytes(ctx: CommandContext, limit: number): Promise<Uint8Array> {
  if (ctx.deps.readStdinBytes) return ctx.deps.readStdinBytes();
  if (ctx.deps.readStdin) return new TextEncoder().encode(await ctx.deps.readStdin());
  return readProcessStdin(limit);
}

async function readProcessStdin(limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) throw new AppError('INVALID_ARGUMENT', `Standard input is larger than ${Math.round(limit / 1024 / 1024)} MiB`);
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
