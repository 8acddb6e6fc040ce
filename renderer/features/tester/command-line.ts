// "Copy as command line": the `authbahn test …` line that runs what the profile form describes. It never
// holds a secret: the secret option is "-" (read from standard input), and a password in the URL is left
// out (ws://user@host). Every value is quoted for POSIX sh, so a name or URI with spaces, quotes, $, `
// or ; reaches authbahn as one argument and runs nothing.
import { DEFAULT_TEST_TIMEOUT_MS, type TesterProfileDraft } from '../../../shared/api/tester-contract';
import { withoutUrlPassword } from '../../../shared/wamp/url-password';
import { PROBE_ACTIONS } from './profile-form';

/** Characters that need no quoting in sh (no globbing, expansion, splitting or redirection). */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

/** One sh word: as it is when safe, else in single quotes (a quote inside becomes '\''). */
export function shellQuote(value: string): string {
  if (value !== '' && SAFE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface CommandLineOptions {
  /** "issuer:label" of the TOTP account (the CLI's --totp-account), else its id is used. */
  accountName?: string | null;
}

/** `--flag value`, or `--flag=value` when the value starts with "-" (it would read as an option). */
function option(flag: string, value: string): string[] {
  return value.startsWith('-') ? [`${flag}=${shellQuote(value)}`] : [flag, shellQuote(value)];
}

export function testCommandLine(draft: TesterProfileDraft, options: CommandLineOptions = {}): string {
  const words = ['authbahn', 'test', ...option('--url', withoutUrlPassword(draft.url)), ...option('--realm', draft.realm)];
  if (draft.serializer !== 'json') words.push('--serializer', draft.serializer);
  if (draft.authid) words.push(...option('--authid', draft.authid));
  if (draft.authrole) words.push(...option('--authrole', draft.authrole));
  switch (draft.authmethod) {
    case 'anonymous':
      break;
    case 'ticket':
      words.push('--ticket', '-');
      break;
    case 'wampcra':
      words.push('--secret', '-');
      if (draft.cra) words.push(...option('--salt', draft.cra.salt), '--iterations', String(draft.cra.iterations), '--keylen', String(draft.cra.keylen));
      break;
    case 'totp':
      if (draft.totpAccountId) words.push(...option('--totp-account', options.accountName || draft.totpAccountId));
      else words.push('--totp-secret', '-');
      break;
    case 'cryptosign':
      words.push('--authmethod', 'cryptosign', '--secret', '-');
      break;
  }
  if (draft.timeoutMs !== DEFAULT_TEST_TIMEOUT_MS) words.push('--timeout', String(draft.timeoutMs));
  for (const action of PROBE_ACTIONS) for (const uri of draft.probes[action]) words.push(...option(`--${action}`, uri));
  return words.join(' ');
}
