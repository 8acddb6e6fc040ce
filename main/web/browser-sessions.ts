// Browser sessions of the web bridge: a login code is traded for a random session id held in an HttpOnly,
// SameSite=Strict cookie. Page scripts cannot read it (so an XSS-free page cannot leak it either), other
// sites' pages never send it, and it is bound to this launch: ids live only in this process's memory,
// so a restarted `authbahn serve` knows none of them and every browser must use the new link.
import { generateToken, isWellFormedToken, tokenDigest } from './token';

export type CookieCheck = 'valid' | 'none' | 'invalid';

/** More sessions than any person opens; past it the oldest is forgotten (its tab must use a new link). */
const MAX_SESSIONS = 64;

export class BrowserSessions {
  private readonly ids = new Set<string>();

  /**
   * Cookies are scoped by host, not port: the port in the name keeps two `authbahn serve` instances on
   * 127.0.0.1 (different ports) from overwriting each other's cookie.
   */
  constructor(readonly cookieName: string) {}

  static cookieNameFor(port: number): string {
    return `authbahn_session_${port}`;
  }

  create(): string {
    const id = generateToken();
    this.ids.add(tokenDigest(id));
    if (this.ids.size > MAX_SESSIONS) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return id;
  }

  /** 'none': no cookie of ours at all (not a guess). 'invalid': one was presented and is unknown or malformed. */
  check(cookieHeader: string | undefined): CookieCheck {
    const values = cookieValues(cookieHeader, this.cookieName);
    if (values.length === 0) return 'none';
    for (const value of values) {
      if (isWellFormedToken(value) && this.ids.has(tokenDigest(value))) return 'valid';
    }
    return 'invalid';
  }

  setCookieHeader(id: string): string {
    // No Max-Age/Expires: a session cookie; the server forgets the id at exit anyway.
    return `${this.cookieName}=${id}; Path=/; HttpOnly; SameSite=Strict`;
  }

  /** Sent with a refusal so the browser stops presenting a dead cookie (e.g. one from an earlier launch). */
  clearCookieHeader(): string {
    return `${this.cookieName}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`;
  }
}

/** Values of every `name=` pair in a Cookie header (a browser may send the same name twice). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (typeof header !== 'string' || header.length === 0) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
    if (values.length >= 8) break;
  }
  return values;
}
