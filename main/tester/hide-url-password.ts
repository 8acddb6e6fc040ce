// A test result must not carry the password of its router URL (ws://user:PASSWORD@host): the result is
// printed (`authbahn test`, --json), exported as a report, kept in the session history and shown in the UI.
// The URL appears in many places — details.url, the profile name the CLI derives from it, the START and
// CONNECT trace lines, diagnosis texts — so every string of the result is scrubbed rather than each field.
import type { TestResult } from '../../shared/api/tester-contract';
import { URL_PASSWORD_MASK, urlPassword, urlUsername } from '../../shared/wamp/url-password';

export function hideUrlPassword(result: TestResult, url: string): TestResult {
  const replacements = userinfoForms(url);
  if (replacements.length === 0) return result;
  return scrub(result, replacements) as TestResult;
}

/** "user:password@" as written and as the URL parser normalises it, each with its masked form. */
function userinfoForms(url: string): [string, string][] {
  const forms: [string, string][] = [];
  const password = urlPassword(url);
  if (password !== null) forms.push([`${urlUsername(url)}:${password}@`, `${urlUsername(url)}:${URL_PASSWORD_MASK}@`]);
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') forms.push([`${parsed.username}:${parsed.password}@`, `${parsed.username}:${URL_PASSWORD_MASK}@`]);
  } catch {
    // not a URL: nothing more to find
  }
  return forms;
}

function scrub(value: unknown, replacements: [string, string][]): unknown {
  if (typeof value === 'string') return replacements.reduce((text, [secret, mask]) => text.split(secret).join(mask), value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, replacements));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrub(v, replacements)]));
  }
  return value;
}
