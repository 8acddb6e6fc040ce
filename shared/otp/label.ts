// The "Issuer:Account" label convention shared by otpauth:// URIs and Google Authenticator's
// migration payload (its `name` field holds the same string).

/**
 * Split a decoded label into issuer and account name.
 *
 * - `explicitIssuer` undefined (no issuer parameter): a prefix before the first ":" is the issuer.
 * - `explicitIssuer` non-empty: it wins. If the label starts with exactly "<issuer>:" that prefix
 *   is removed (so an issuer that itself contains ":" still works); otherwise any other prefix
 *   before the first ":" is removed too — the issuer parameter is the newer, authoritative field.
 * - `explicitIssuer` empty (an `issuer=` parameter with no value): the label is taken literally.
 *   formatOtpauthUri writes that when there is no issuer but the label contains ":", so such
 *   labels survive a round trip.
 *
 * Whitespace around both parts is trimmed ("Issuer: Account" is common).
 */
export function splitLabel(label: string, explicitIssuer: string | undefined): { issuer: string; label: string } {
  if (explicitIssuer === undefined) {
    const colon = label.indexOf(':');
    if (colon < 0) return { issuer: '', label: label.trim() };
    return { issuer: label.slice(0, colon).trim(), label: label.slice(colon + 1).trim() };
  }
  const issuer = explicitIssuer.trim();
  if (issuer === '') return { issuer, label: label.trim() };
  if (label.startsWith(`${issuer}:`)) return { issuer, label: label.slice(issuer.length + 1).trim() };
  const colon = label.indexOf(':');
  return { issuer, label: (colon < 0 ? label : label.slice(colon + 1)).trim() };
}
