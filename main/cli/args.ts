// node:util parseArgs with errors turned into UsageError (exit 2 plus the command's usage).
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliFailure, UsageError } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;

/** --data-dir and --help are accepted by every command, before or after the command name. */
export const COMMON_OPTIONS = {
  'data-dir': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

export function parseCommandArgs<O extends Options>(args: string[], options: O, usage: string) {
  try {
    return parseArgs({ args, options: { ...COMMON_OPTIONS, ...options }, strict: true, allowPositionals: true });
  } catch (error) {
    throw new UsageError(friendlyParseError(error), usage);
  }
}

export function friendlyParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    const name = /Unknown option '([^']+)'/.exec(message)?.[1];
    return name ? `unknown option "${name}"` : message;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    const missing = /Option '(--?[\w-]+)(?:, --?[\w-]+)? <value>' argument missing/.exec(message)?.[1];
    if (missing) return `option ${missing} needs a value`;
    const noArg = /Option '(--?[\w-]+)' does not take an argument/.exec(message)?.[1];
    if (noArg) return `option ${noArg} takes no value`;
  }
  return message;
}

/** A whole number in [min, max] from a flag value. A wrong value is invalid input (exit 1), not a usage error. */
export function parseInteger(flag: string, value: string, min: number, max: number): number {
  const t = value.trim();
  if (!/^\d{1,16}$/.test(t)) throw new CliFailure(`${flag} must be a whole number, got "${value}"`);
  const n = Number(t);
  if (!Number.isSafeInteger(n) || n < min || n > max) throw new CliFailure(`${flag} must be from ${min} to ${max}, got ${t}`);
  return n;
}

/**
 * One stderr line when a secret came in as a command-line argument: other local users can read it
 * (ps, /proc/PID/cmdline) and the shell keeps it in its history. Not an error — scripts may have reasons.
 */
export function warnSecretInArgv(stderr: (text: string) => void, what: string, instead: string): void {
  stderr(`authbahn: warning: ${what} on the command line is visible to other users (ps, shell history); ${instead}\n`);
}

/** warnSecretInArgv for each `--flag VALUE` secret that was given; "-" (read it from standard input) is the safe form. */
export function warnSecretFlags(stderr: (text: string) => void, values: Readonly<Record<string, unknown>>, flags: readonly string[]): void {
  for (const flag of flags) {
    const value = values[flag];
    if (typeof value === 'string' && value !== '-') warnSecretInArgv(stderr, `--${flag}`, `use --${flag} - to read it from standard input`);
  }
}
