// The password part of a router URL (ws://user:PASSWORD@host/ws): WebSocket clients send it as HTTP Basic
// auth, so it is a secret — shown as "•••" wherever a URL is printed, and kept in the keychain rather than
// in saved profiles.
//
// Found by position in the text rather than rebuilt with URL.toString(): that would re-encode the mask and
// normalise the rest of the URL (trailing "/", host case), and the password must round-trip byte for byte
// (it is stored and re-inserted exactly as typed, percent-escapes and all).

export const URL_PASSWORD_MASK = '•••';

interface Userinfo {
  /** Index just past "scheme://". */
  start: number;
  /** Index of the "@" that ends the userinfo. */
  at: number;
  /** Index of the ":" between user and password, or -1. */
  colon: number;
}

function userinfoOf(url: string): Userinfo | null {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(url);
  if (!scheme) return null;
  const start = scheme[0].length;
  // ws/wss are "special" schemes for the WHATWG URL parser: "\" ends the authority like "/" does.
  let end = url.length;
  for (let i = start; i < url.length; i += 1) {
    if ('/?#\\'.includes(url[i]!)) {
      end = i;
      break;
    }
  }
  // The last "@" of the authority ends the userinfo (earlier ones belong to it), as in the URL parser.
  const at = url.lastIndexOf('@', end - 1);
  if (at < start) return null;
  const colon = url.indexOf(':', start);
  return { start, at, colon: colon >= 0 && colon < at ? colon : -1 };
}

/** The password as written in the URL (still percent-encoded), or null when there is none. */
export function urlPassword(url: string): string | null {
  const u = userinfoOf(url);
  if (!u || u.colon < 0 || u.colon + 1 === u.at) return null;
  return url.slice(u.colon + 1, u.at);
}

/** True when the URL has a userinfo part ("user@", "user:password@" or just "@") before the host. */
export function hasUserinfo(url: string): boolean {
  return userinfoOf(url) !== null;
}

/** The user name as written in the URL ("" when there is none). */
export function urlUsername(url: string): string {
  const u = userinfoOf(url);
  if (!u) return '';
  return url.slice(u.start, u.colon < 0 ? u.at : u.colon);
}

/** The URL without its password; the user name and everything else stay as written. */
export function withoutUrlPassword(url: string): string {
  const u = userinfoOf(url);
  if (!u || u.colon < 0) return parserAgrees(url) ? url : dropUserinfo(url);
  const stripped = url.slice(0, u.colon) + url.slice(u.at);
  return parserAgrees(stripped) ? stripped : dropUserinfo(url);
}

/** The URL with its password shown as "•••" (for display, logs, reports). */
export function redactUrlPassword(url: string): string {
  if (urlPassword(url) === null) return parserAgrees(url) ? url : dropUserinfo(url);
  const u = userinfoOf(url)!;
  const stripped = url.slice(0, u.colon) + url.slice(u.at);
  if (!parserAgrees(stripped)) return dropUserinfo(url);
  return `${url.slice(0, u.colon)}:${URL_PASSWORD_MASK}${url.slice(u.at)}`;
}

/**
 * Puts a stored password back into a URL that has a user name (or an empty one: "ws://@host") and no
 * password of its own; any other URL is returned unchanged.
 */
export function withUrlPassword(url: string, password: string | null): string {
  if (password === null || password === '') return url;
  const u = userinfoOf(url);
  if (!u || u.colon >= 0) return url;
  return `${url.slice(0, u.at)}:${password}${url.slice(u.at)}`;
}

/**
 * Belt and braces for odd inputs (tabs, control characters) where the URL parser would find a password
 * that the scan above did not: then nothing of the userinfo is shown.
 */
function parserAgrees(textWithoutPassword: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(textWithoutPassword);
  } catch {
    return true; // not a URL at all: nothing a WebSocket client would send as a password
  }
  return parsed.password === '';
}

function dropUserinfo(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString();
  } catch {
    return url;
  }
}
