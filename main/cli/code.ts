// `authbahn code`: the current code of a stored account, or of a secret given on the command line
// (which needs neither the keychain nor a data folder).
import type { CodeView } from '../../shared/api/types';
import { codeWindow } from '../../shared/otp/generate';
import { parseAlgorithmName, isOtpType } from '../../shared/otp/params';
import { DEFAULT_PARAMS, MAX_PERIOD, OTP_TYPES, type OtpType } from '../../shared/otp/types';
import { validateAccountInput } from '../../shared/otp/validate';
import { parseCommandArgs, parseInteger, warnSecretFlags } from './args';
import type { AccountReader } from '../account-services';
import { readStdin, withAccountServices, withServices, type CommandContext } from './command-context';
import { EXIT } from './context';
import { CliFailure, UsageError } from './errors';
import { requireAccount } from './find-account';

export const CODE_USAGE = `Usage:
  authbahn code ACCOUNT [--at UNIX_SECONDS] [--advance] [--json]
  authbahn code --secret BASE32 [--type totp|hotp|steam] [--algorithm SHA1|SHA256|SHA512]
                [--digits N] [--period SECONDS] [--counter N] [--at UNIX_SECONDS] [--json]

Print the current one-time code.

ACCOUNT is an account id, "issuer:label", or any part of "issuer label" that only one account has
(case-insensitive). --secret computes a code without storing anything and without the keychain;
--secret - reads the secret from standard input (keeps it out of the shell history and process list).

Options:
  --secret BASE32      the shared secret (base32, spaces/hyphens/lower case allowed)
  --type TYPE          totp (default), hotp or steam
  --algorithm ALG      SHA1 (default), SHA256 or SHA512
  --digits N           6 (default) to 8; Steam codes always have 5 characters
  --period SECONDS     time step, default 30
  --counter N          HOTP counter, default 0
  --at UNIX_SECONDS    compute for this time instead of now (decimals allowed)
  --advance            HOTP account: advance the stored counter first and print the new code
  --json               print {code, next, validFrom, validUntil, secondsRemaining, ...} (times in Unix seconds)
  --data-dir DIR       folder of the account metadata
  -h, --help           show this help
`;

const OPTIONS = {
  secret: { type: 'string' },
  type: { type: 'string' },
  algorithm: { type: 'string' },
  digits: { type: 'string' },
  period: { type: 'string' },
  counter: { type: 'string' },
  at: { type: 'string' },
  advance: { type: 'boolean' },
  json: { type: 'boolean' },
} as const;

/** Parameters only meaningful with --secret (a stored account has its own). */
const SECRET_ONLY = ['type', 'algorithm', 'digits', 'period', 'counter'] as const;

export async function runCode(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS, CODE_USAGE);
  if (values.help) {
    ctx.io.stdout(CODE_USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`expected one ACCOUNT, got ${positionals.length} arguments`, CODE_USAGE);
  const account = positionals[0];
  if (values.secret !== undefined && account !== undefined) throw new UsageError('give either --secret or ACCOUNT, not both', CODE_USAGE);
  if (values.secret === undefined && account === undefined) throw new UsageError('which code? give an ACCOUNT or --secret BASE32', CODE_USAGE);
  const atMs = values.at === undefined ? (ctx.deps.now ?? Date.now)() : parseUnixSeconds(values.at);

  if (values.secret !== undefined) {
    warnSecretFlags(ctx.io.stderr, values, ['secret']);
    if (values.advance) throw new UsageError('--advance applies to stored HOTP accounts, not to --secret', CODE_USAGE);
    const secret = values.secret === '-' ? (await readStdin(ctx)).trim() : values.secret;
    const output = fromSecret(secret, values, atMs);
    print(ctx, output, values.json === true, atMs);
    return EXIT.ok;
  }

  const misplaced = SECRET_ONLY.filter((name) => values[name] !== undefined);
  if (misplaced.length > 0) {
    throw new UsageError(`--${misplaced[0]} only applies with --secret; a stored account uses its own settings`, CODE_USAGE);
  }
  const show = async (services: AccountReader): Promise<number> => {
    const target = requireAccount(await services.accounts.list(), account!);
    let view: CodeView | undefined;
    if (values.advance) {
      if (target.type !== 'hotp') throw new CliFailure(`--advance applies to HOTP accounts; ${target.label} is ${target.type.toUpperCase()}`);
      view = await services.codes.hotpNext(target.id);
    } else {
      view = await services.codes.one(target.id, atMs);
    }
    // codes.one leaves out an account whose secret is gone; the warning printed by withServices says why.
    if (!view) throw new CliFailure(`no code for ${target.label}: its secret could not be read from the keychain`);
    print(
      ctx,
      {
        issuer: target.issuer,
        label: target.label,
        type: target.type,
        algorithm: target.algorithm,
        digits: target.digits,
        ...view,
      },
      values.json === true,
      atMs,
    );
    return EXIT.ok;
  };
  // --advance writes the counter: the full services with their start-up checks for writers. Showing a
  // code only reads, and takes the account-only services (see main/account-services.ts).
  const options = { dataDirFlag: values['data-dir'], needsKeychain: true };
  return values.advance ? withServices(ctx, options, show) : withAccountServices(ctx, options, show);
}

interface CodeOutput {
  id?: string;
  issuer?: string;
  label?: string;
  type: OtpType;
  algorithm: string;
  digits: number;
  code: string;
  next: string;
  validFrom: number | null;
  validUntil: number | null;
  period: number;
  counter: number;
}

function fromSecret(
  secret: string,
  values: { type?: string; algorithm?: string; digits?: string; period?: string; counter?: string },
  atMs: number,
): CodeOutput {
  const type = values.type === undefined ? DEFAULT_PARAMS.type : values.type.trim().toLowerCase();
  if (!isOtpType(type)) throw new CliFailure(`--type must be one of ${OTP_TYPES.join(', ')}, got "${values.type}"`);
  const algorithm = values.algorithm === undefined ? DEFAULT_PARAMS.algorithm : parseAlgorithmName(values.algorithm);
  if (algorithm === undefined) throw new CliFailure(`--algorithm must be SHA1, SHA256 or SHA512, got "${values.algorithm}"`);
  const digits = values.digits === undefined ? undefined : parseInteger('--digits', values.digits, 0, 99);
  if (type === 'steam' && digits !== undefined && digits !== 5) throw new CliFailure('Steam Guard codes always have 5 characters; leave out --digits');
  const period = values.period === undefined ? DEFAULT_PARAMS.period : parseInteger('--period', values.period, 1, MAX_PERIOD);
  const counter = values.counter === undefined ? DEFAULT_PARAMS.counter : parseInteger('--counter', values.counter, 0, Number.MAX_SAFE_INTEGER - 1);
  if (values.counter !== undefined && type !== 'hotp') throw new CliFailure('--counter applies to --type hotp only');

  // Same rules as the add form; the label is only there because accounts need one.
  const checked = validateAccountInput({
    type,
    issuer: '',
    label: 'command line',
    secret,
    algorithm,
    digits: digits ?? DEFAULT_PARAMS.digits,
    period,
    counter,
  });
  if (!checked.ok) {
    const [field, message] = Object.entries(checked.errors)[0] ?? ['input', 'invalid'];
    throw new CliFailure(`--${field}: ${message}`);
  }
  const value = checked.value;
  return { type: value.type, algorithm: value.algorithm, digits: value.digits, period: value.period, counter: value.counter, ...codeWindow(value, atMs) };
}

/** Unix seconds, decimals allowed, as milliseconds. */
function parseUnixSeconds(text: string): number {
  const t = text.trim();
  if (!/^\d{1,12}(\.\d{1,3})?$/.test(t)) throw new CliFailure(`--at must be Unix seconds (e.g. 1700000000 or 59.5), got "${text}"`);
  return Math.round(Number(t) * 1000);
}

function print(ctx: CommandContext, output: CodeOutput, json: boolean, atMs: number): void {
  if (!json) {
    ctx.io.stdout(`${output.code}\n`);
    return;
  }
  const seconds = (ms: number | null) => (ms === null ? null : ms / 1000);
  ctx.io.stdout(
    `${JSON.stringify({
      ...output,
      validFrom: seconds(output.validFrom),
      validUntil: seconds(output.validUntil),
      secondsRemaining: output.validUntil === null ? null : Math.max(0, (output.validUntil - atMs) / 1000),
    })}\n`,
  );
}
