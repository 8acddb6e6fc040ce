// What the user pasted into the "Paste URI" box, decided before any parsing so the preview
// can say "this is a Google Authenticator export" rather than a generic error.

export type UriKind = 'empty' | 'otpauth' | 'migration' | 'unknown';

export function detectUriKind(text: string): UriKind {
  const t = text.trim().toLowerCase();
  if (!t) return 'empty';
  if (t.startsWith('otpauth-migration://')) return 'migration';
  if (t.startsWith('otpauth://')) return 'otpauth';
  return 'unknown';
}

/** The pasted text, trimmed; several lines are not accepted by importUri, so only the first non-empty line counts. */
export function firstUri(text: string): string {
  return text.split(/\r?\n/).map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}
