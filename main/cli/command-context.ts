// What the CLI commands share: the io, injectable dependencies, and opening the services for one command.
import { homedir } from 'node:os';
import { AppError } from '../../shared/api/errors';
import { resolveDataDir, resolveKeychainService } from '../paths';
import type { ServiceOptions, Services } from '../services';
import type { CliIo } from './context';
import pkg from '../../package.json' with { type: 'json' };

export const VERSION: string = pkg.version;

/** Injection points for in-process tests; production uses the defaults. */
export interface CliDeps {
  createServices?: (opts: ServiceOptions) => Promise<Services>;
  /** Merged into the ServiceOptions (tests: secretStore, now, probeTimeoutMs). */
  serviceOverrides?: Partial<ServiceOptions>;
  /** Whole standard input (for `-` arguments). */
  readStdin?: () => Promise<string>;
  /** Asks for a password without echo (default: the terminal, when there is one). */
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

/** Opens the services for one command, runs `fn` and always disposes them. */
export async function withServices<T>(ctx: CommandContext, options: OpenOptions, fn: (services: Services) => Promise<T>): Promise<T> {
  const { io, deps } = ctx;
  const dataDir = resolveDataDir({
    flag: options.dataDirFlag ?? ctx.globalDataDir,
    env: io.env,
    platform: deps.platform ?? process.platform,
    home: deps.home ?? homedir(),
  });
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
  try {
    const status = services.status();
    for (const warning of status.warnings) io.stderr(`authbahn: warning: ${warning}\n`);
    if (options.needsKeychain && !status.keychain.ok) {
      const e = status.keychain.error;
      throw new AppError(e.code, e.message, e.details);
    }
    return await fn(services);
  } finally {
    await services.dispose();
  }
}

export async function readStdin(ctx: CommandContext): Promise<string> {
  if (ctx.deps.readStdin) return ctx.deps.readStdin();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    // Far more than any pasted URI list; stops `authbahn accounts add - < /dev/urandom` from eating memory.
    if (size > 4 * 1024 * 1024) throw new AppError('INVALID_ARGUMENT', 'Standard input is larger than 4 MiB');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
