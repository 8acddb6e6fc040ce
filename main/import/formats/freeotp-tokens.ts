// FreeOTP's token records, shared by FreeOTP v1's shared_prefs/tokens.xml, FreeOTP+'s copy of that file
// and FreeOTP+'s JSON export: {algo, counter, digits, issuerExt, label, period, secret, type}, the
// secret as a Java signed byte array. FreeOTP's stored HOTP counter is one lower than the counter of
// the URI the token was added from; we keep the stored value, since it is the state the app (and so
// the server's view of which codes were used) is in.
import { entryName, type ImportCollector } from '../imported-account';
import { isObject, num, str } from '../text';

function signedBytes(value: unknown): Uint8Array | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const out = new Uint8Array(value.length);
  for (const [i, b] of value.entries()) {
    if (typeof b !== 'number' || !Number.isInteger(b) || b < -128 || b > 255) return undefined;
    out[i] = b & 0xff;
  }
  return out;
}

export function isFreeOtpToken(value: unknown): boolean {
  return isObject(value) && Array.isArray(value.secret) && typeof value.type === 'string' && ('issuerExt' in value || 'label' in value);
}

export function addFreeOtpToken(out: ImportCollector, token: unknown): void {
  if (!isObject(token)) {
    out.skip(entryName(undefined, undefined), 'The token is not an object');
    return;
  }
  const issuer = str(token.issuerExt) ?? str(token.issuerInt);
  const label = str(token.label);
  const kind = str(token.type)?.toUpperCase();
  if (kind !== 'TOTP' && kind !== 'HOTP') {
    out.skip(entryName(issuer, label), `Unsupported OTP type "${(kind ?? '').slice(0, 20)}"`);
    return;
  }
  const secret = signedBytes(token.secret);
  if (secret === undefined) {
    out.skip(entryName(issuer, label), 'The secret is not a byte array');
    return;
  }
  // FreeOTP has no Steam type; people add Steam Guard as TOTP with issuer "Steam" and 5 digits.
  const steam = kind === 'TOTP' && issuer === 'Steam' && num(token.digits) === 5;
  out.add({
    type: steam ? 'steam' : kind === 'HOTP' ? 'hotp' : 'totp',
    issuer,
    label,
    secret,
    algorithm: str(token.algo),
    digits: num(token.digits),
    period: num(token.period),
    counter: kind === 'HOTP' ? num(token.counter) : undefined,
  });
}
