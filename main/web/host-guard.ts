// Which Host and Origin headers the web bridge accepts. Checking Host defeats DNS rebinding
// (attacker.example resolving to 127.0.0.1 still sends `Host: attacker.example`); checking Origin on the
// WebSocket upgrade stops other web pages from talking to the API with the user's browser.
import { isIP } from 'node:net';

/** True for 127.0.0.0/8, ::1 and the name localhost — the only hosts `authbahn serve` binds to. */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (h === 'localhost') return true;
  if (isIP(h) === 4) return h.startsWith('127.');
  if (isIP(h) === 6) return h === '::1' || h === '0:0:0:0:0:0:0:1' || /^::ffff:127\./.test(h);
  return false;
}

/** `host` as it appears in a URL authority: IPv6 literals in brackets. */
export function urlHost(host: string): string {
  return isIP(host) === 6 ? `[${host}]` : host;
}

/** Host header values (lower-case, with port) that address this server. */
export function allowedHostHeaders(port: number, boundHost: string): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', urlHost(boundHost.toLowerCase())]);
  return new Set([...names].map((n) => `${n}:${port}`));
}

export function isAllowedHostHeader(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  return typeof header === 'string' && allowed.has(header.trim().toLowerCase());
}

/** Origins (scheme://host:port) the bridge's own page can have; a WebSocket from any other origin is refused. */
export function allowedOrigins(port: number, boundHost: string): Set<string> {
  return new Set([...allowedHostHeaders(port, boundHost)].map((h) => `http://${h}`));
}

export function isAllowedOrigin(header: string | undefined, allowed: ReadonlySet<string>): boolean {
  return typeof header === 'string' && allowed.has(header.trim().toLowerCase());
}
