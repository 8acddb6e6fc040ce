// Peer-supplied text (authids, realms, URIs, ABORT messages of dynamic authenticators) on its way into a
// log line: bounded in length and with every character that could forge a line or drive a terminal
// escaped. Without this an authid like "x\n2025-01-01T00:00:00Z auth: … → welcome" or one holding ANSI
// escape sequences writes fake lines into the router's login log, and a 1 MB authid writes 1 MB per line.
//
// Escaped: C0 controls (incl. \n, \r, \t, ESC), DEL, C1 controls, the Unicode line/paragraph separators,
// bidi embeddings/overrides/isolates and marks (which can make a line read differently than it is), and
// lone surrogates. The backslash itself is doubled so the escaping cannot be forged either.

/** Default bound for identifiers in a log line (authid, realm, role, peer, URI). */
export const LOG_ID_MAX = 256;
/** Default bound for free text in a log line (ABORT messages, errors). */
export const LOG_MESSAGE_MAX = 1024;

// One class of everything that is escaped; the replacer below names the common ones.
const UNSAFE = /[\\\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

const NAMED: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
}

/**
 * `value` as one safe log field: at most `max` characters of the original (a note says how many more
 * there were), then escaped. Truncating first keeps the cost bounded however long the input is.
 */
export function logText(value: string | null | undefined, max: number = LOG_ID_MAX): string {
  if (value === null || value === undefined) return '-';
  const text = String(value);
  let head = text;
  let more = '';
  if (text.length > max) {
    let cut = max;
    // Never split a surrogate pair (that would print as a lone surrogate).
    if (cut > 0 && /[\ud800-\udbff]/.test(text[cut - 1]!) && /[\udc00-\udfff]/.test(text[cut] ?? '')) cut -= 1;
    head = text.slice(0, cut);
    more = `…(+${text.length - cut} chars)`;
  }
  return head.replace(UNSAFE, escapeChar) + more;
}

/** Same for an optional field that should stay null when absent (stored log entries). */
export function logTextOrNull(value: string | null | undefined, max: number = LOG_ID_MAX): string | null {
  return value === null || value === undefined ? null : logText(value, max);
}
