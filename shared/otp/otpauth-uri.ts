// otpauth:// URIs (the Google Authenticator "Key Uri Format", as found in QR codes).
//
//   otpauth://TYPE/LABEL?secret=…&issuer=…&algorithm=…&digits=…&period=…&counter=…
//
// Parsing rules (they follow what real generators emit, not only what the spec says):
// - TYPE is totp, hotp or steam, any case. `encoder=steam` on a totp URI (KeePassXC, some Steam
//   exporters) also means Steam. Only TYPE and `encoder` decide Steam: an issuer of "Steam" with
//   digits=5 but neither marker is not guessed at, and is rejected for its digit count.
// - LABEL is percent-decoded (leniently: a stray "%" stays literal); "+" in it stays a literal plus. In query values "+" means a space
//   (form encoding), which is how several generators write spaces in `issuer`.
// - Issuer: the `issuer` parameter wins; a "Prefix:" in the label is then removed. Without the
//   parameter, the label prefix is the issuer. See label.ts.
// - Defaults: SHA1, 6 digits, 30 s, counter 0. HOTP without `counter` starts at 0 (the spec makes it
//   required, but generators omit it and 0 is what they mean).
// - Steam codes are always 5 characters of SHA1; `digits` and `algorithm` are ignored for Steam.
// - Parameter names are matched case-insensitively; unknown parameters (image, color, …) are
//   ignored; a known parameter given twice is rejected, since two secrets mean we cannot know which
//   one the service has.
import type { AppErrorData } from '../api/errors';
import { err, ok, type Result } from '../api/result';
import { normalizeBase32 } from './base32';
import { splitLabel } from './label';
import { counterError, digitsError, parseAlgorithmName, parseDecimal, periodError, textError } from './params';
import {
  DEFAULT_PARAMS,
  MAX_OTPAUTH_URI_LENGTH,
  STEAM_DIGITS,
  type HashAlgorithm,
  type OtpAccountData,
  type OtpType,
} from './types';

const KNOWN_PARAMS = new Set(['secret', 'issuer', 'algorithm', 'digits', 'period', 'counter', 'encoder']);

function invalidUri(message: string): Result<never, AppErrorData> {
  return err({ code: 'INVALID_URI', message });
}

function tryDecode(escapes: string): string | undefined {
  try {
    return decodeURIComponent(escapes);
  } catch {
    return undefined;
  }
}

/** Decode a run of %XX escapes, keeping any escape that is not part of valid UTF-8 literally. */
function decodeRun(run: string): string {
  const whole = tryDecode(run);
  if (whole !== undefined) return whole;
  const escapes = run.match(/%[0-9A-Fa-f]{2}/g) ?? [];
  let out = '';
  for (let i = 0; i < escapes.length; ) {
    // A UTF-8 character is 1–4 bytes: take the longest run of escapes that decodes.
    let taken = 0;
    for (let n = Math.min(4, escapes.length - i); n >= 1 && taken === 0; n -= 1) {
      const decoded = tryDecode(escapes.slice(i, i + n).join(''));
      if (decoded !== undefined) {
        out += decoded;
        taken = n;
      }
    }
    if (taken === 0) {
      out += escapes[i];
      taken = 1;
    }
    i += taken;
  }
  return out;
}

/**
 * Percent-decoding that never fails: valid UTF-8 escapes are decoded, anything else (a bare "%" as
 * in "100%", a broken sequence) stays literal. Hand-made QR codes contain such labels, and a
 * cosmetic flaw in a name should not stop someone from importing their second factor.
 */
function percentDecode(text: string): string {
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodeRun);
}

/** Parse `a=b&c=d` with form semantics ("+" is a space). Keys lower-cased. */
function parseQuery(query: string): Result<Map<string, string>, AppErrorData> {
  const params = new Map<string, string>();
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const name = percentDecode(rawKey.replace(/\+/g, ' ')).toLowerCase();
    const value = percentDecode(rawValue.replace(/\+/g, ' '));
    if (!KNOWN_PARAMS.has(name)) continue;
    if (params.has(name)) return invalidUri(`The URI has the parameter "${name}" more than once`);
    params.set(name, value);
  }
  return ok(params);
}

/** A user-supplied value for an error message: quoted, escaped, at most 20 characters. */
function quote(value: string): string {
  return JSON.stringify(value.length > 20 ? `${value.slice(0, 20)}…` : value);
}

/** A decimal parameter: absent or empty → fallback; otherwise it must pass `problemOf`. */
function numericParam(
  params: Map<string, string>,
  name: string,
  fallback: number,
  problemOf: (n: number) => string | null,
): Result<number, AppErrorData> {
  const raw = params.get(name);
  if (raw === undefined || raw.trim() === '') return ok(fallback);
  const parsed = parseDecimal(raw) ?? Number.NaN;
  const problem = problemOf(parsed);
  return problem === null ? ok(parsed) : invalidUri(`${problem} (the URI says ${quote(raw)})`);
}

/** Parse an otpauth:// URI into account data. Errors: INVALID_URI, or INVALID_SECRET for a bad secret. */
export function parseOtpauthUri(uri: string): Result<OtpAccountData, AppErrorData> {
  if (typeof uri !== 'string') return invalidUri('The URI must be text');
  if (uri.length > MAX_OTPAUTH_URI_LENGTH) {
    return invalidUri(`The URI is too long: ${uri.length} characters (at most ${MAX_OTPAUTH_URI_LENGTH})`);
  }
  const text = uri.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'otpauth-migration') {
    return invalidUri('This is a Google Authenticator export (otpauth-migration://), not a single-account otpauth:// URI');
  }
  if (scheme !== 'otpauth' || text.slice(8, 10) !== '//') {
    return invalidUri('Not an otpauth:// URI');
  }
  // Drop a fragment; nothing in the format uses one.
  const hash = text.indexOf('#');
  const body = text.slice(10, hash < 0 ? undefined : hash);
  const question = body.indexOf('?');
  const path = question < 0 ? body : body.slice(0, question);
  const query = question < 0 ? '' : body.slice(question + 1);

  const slash = path.indexOf('/');
  const rawType = (slash < 0 ? path : path.slice(0, slash)).toLowerCase();
  const rawLabel = slash < 0 ? '' : path.slice(slash + 1);
  if (rawType !== 'totp' && rawType !== 'hotp' && rawType !== 'steam') {
    return invalidUri(rawType === '' ? 'The URI has no OTP type (expected otpauth://totp/…)' : `Unknown OTP type ${quote(rawType)} (expected totp, hotp or steam)`);
  }

  const paramsResult = parseQuery(query);
  if (!paramsResult.ok) return paramsResult;
  const params = paramsResult.value;

  let type: OtpType = rawType;
  const encoder = params.get('encoder');
  if (encoder !== undefined && encoder.trim() !== '') {
    if (encoder.trim().toLowerCase() !== 'steam') return invalidUri(`Unsupported encoder ${quote(encoder)} (only "steam" is known)`);
    if (type === 'hotp') return invalidUri('encoder=steam needs a time-based (totp) URI, not hotp');
    type = 'steam';
  }

  const secretParam = params.get('secret');
  if (secretParam === undefined || secretParam.trim() === '') return invalidUri('The URI has no secret parameter');
  const secret = normalizeBase32(secretParam);
  if (!secret.ok) return err({ ...secret.error, message: `Invalid secret in the URI: ${secret.error.message}` });

  const names = splitLabel(percentDecode(rawLabel), params.get('issuer'));
  if (names.label === '') names.label = names.issuer;
  if (names.label === '') return invalidUri('The URI names neither an account nor an issuer');
  const issuerProblem = textError('Issuer', names.issuer);
  if (issuerProblem !== null) return invalidUri(issuerProblem);
  const labelProblem = textError('Label', names.label);
  if (labelProblem !== null) return invalidUri(labelProblem);

  let algorithm: HashAlgorithm = DEFAULT_PARAMS.algorithm;
  const algorithmParam = params.get('algorithm');
  if (type !== 'steam' && algorithmParam !== undefined && algorithmParam.trim() !== '') {
    const parsed = parseAlgorithmName(algorithmParam);
    if (parsed === undefined) return invalidUri(`Unsupported algorithm ${quote(algorithmParam)} (expected SHA1, SHA256 or SHA512)`);
    algorithm = parsed;
  }

  const otpType = type;
  const digits = otpType === 'steam' ? ok(STEAM_DIGITS) : numericParam(params, 'digits', DEFAULT_PARAMS.digits, (n) => digitsError(otpType, n));
  if (!digits.ok) return digits;
  const period = numericParam(params, 'period', DEFAULT_PARAMS.period, periodError);
  if (!period.ok) return period;
  const counter = otpType === 'hotp' ? numericParam(params, 'counter', DEFAULT_PARAMS.counter, counterError) : ok(0);
  if (!counter.ok) return counter;

  return ok({
    type,
    issuer: names.issuer,
    label: names.label,
    secret: secret.value,
    algorithm: type === 'steam' ? 'SHA1' : algorithm,
    digits: digits.value,
    period: period.value,
    counter: counter.value,
  });
}

/** encodeURIComponent that cannot throw: lone surrogates become U+FFFD instead of a URIError. */
function encode(text: string): string {
  return encodeURIComponent(text.replace(/\p{Surrogate}/gu, '\uFFFD'));
}

/**
 * Canonical otpauth:// URI for an account.
 *
 *   totp:  otpauth://totp/Issuer:Label?secret=…&issuer=Issuer&algorithm=SHA1&digits=6&period=30
 *   hotp:  otpauth://hotp/Issuer:Label?secret=…&issuer=Issuer&algorithm=SHA1&digits=6&counter=N
 *          (plus &period=N only when it is not the default 30, so the value survives a round trip)
 *   steam: otpauth://totp/Issuer:Label?secret=…&issuer=Issuer&digits=5&period=30&encoder=steam
 *
 * Steam is written as totp + encoder=steam (the KeePassXC convention) rather than otpauth://steam/:
 * phone apps that do not know Steam still import the account instead of rejecting the QR code, and
 * apps that do know it read the encoder. Without an issuer, the label has no prefix; if such a label
 * contains ":" an empty `issuer=` parameter marks it as literal (see label.ts).
 */
export function formatOtpauthUri(a: OtpAccountData): string {
  const pathLabel = a.issuer === '' ? encode(a.label) : `${encode(a.issuer)}:${encode(a.label)}`;
  const params: string[] = [`secret=${encode(a.secret)}`];
  if (a.issuer !== '' || a.label.includes(':')) params.push(`issuer=${encode(a.issuer)}`);
  if (a.type === 'steam') {
    params.push(`digits=${STEAM_DIGITS}`, `period=${a.period}`, 'encoder=steam');
    return `otpauth://totp/${pathLabel}?${params.join('&')}`;
  }
  params.push(`algorithm=${a.algorithm}`, `digits=${a.digits}`);
  if (a.type === 'hotp') {
    if (a.period !== DEFAULT_PARAMS.period) params.push(`period=${a.period}`);
    params.push(`counter=${a.counter}`);
  } else {
    params.push(`period=${a.period}`);
  }
  return `otpauth://${a.type}/${pathLabel}?${params.join('&')}`;
}
