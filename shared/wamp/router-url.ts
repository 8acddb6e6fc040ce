// The URL forms the tester connects to: ws:// and wss:// (WAMP over WebSocket), rs:// and rss://
// (WAMP over RawSocket on TCP, rss:// with TLS), and unix:/path (RawSocket on a Unix socket). One parser
// for the engine, the CLI and the profile form, so they accept and refuse the same things.

export type RouterUrlScheme = 'ws' | 'wss' | 'rs' | 'rss' | 'unix';

export interface ParsedRouterUrl {
  ok: true;
  scheme: RouterUrlScheme;
  transport: 'websocket' | 'rawsocket';
  tls: boolean;
  /** Host name without IPv6 brackets; "" for unix:. */
  hostname: string;
  /** host:port as written (brackets kept); the socket path for unix:. */
  host: string;
  /** TCP port (defaults 80/443 for ws/wss); 0 for unix:. */
  port: number;
  /** unix: the socket's absolute path. */
  socketPath?: string;
}

export type RouterUrl = ParsedRouterUrl | { ok: false; error: string };

export const ROUTER_URL_FORMS = 'ws://host:port/path, wss://…, rs://host:port, rss://host:port or unix:/path/to/socket';

export function parseRouterUrl(text: string): RouterUrl {
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    return { ok: false, error: `not a valid URL (expected ${ROUTER_URL_FORMS})` };
  }
  const scheme = parsed.protocol.slice(0, -1).toLowerCase();
  if (scheme === 'unix') {
    // unix:/run/router.sock (unix:///run/router.sock also parses to the same path).
    const path = decodeURIComponent(parsed.pathname);
    if (!path.startsWith('/') || path === '/') return { ok: false, error: 'a unix: URL needs the absolute path of the socket, e.g. unix:/run/authbahn/router.sock' };
    if (parsed.hostname !== '') return { ok: false, error: 'write a unix: URL as unix:/path/to/socket (no host)' };
    return { ok: true, scheme: 'unix', transport: 'rawsocket', tls: false, hostname: '', host: path, port: 0, socketPath: path };
  }
  if (scheme !== 'ws' && scheme !== 'wss' && scheme !== 'rs' && scheme !== 'rss') {
    return { ok: false, error: `the scheme must be ws://, wss://, rs://, rss:// or unix:, not ${parsed.protocol}//` };
  }
  if (parsed.hostname === '') return { ok: false, error: 'the URL needs a host' };
  const tls = scheme === 'wss' || scheme === 'rss';
  const rawsocket = scheme === 'rs' || scheme === 'rss';
  if (rawsocket && parsed.port === '') return { ok: false, error: `an ${scheme}:// URL needs a port, e.g. ${scheme}://127.0.0.1:8080` };
  if (rawsocket && parsed.pathname !== '' && parsed.pathname !== '/') return { ok: false, error: `RawSocket has no paths: write ${scheme}://${parsed.host}` };
  return {
    ok: true,
    scheme,
    transport: rawsocket ? 'rawsocket' : 'websocket',
    tls,
    hostname: parsed.hostname.replace(/^\[|\]$/g, ''),
    host: parsed.host,
    port: parsed.port === '' ? (tls ? 443 : 80) : Number(parsed.port),
  };
}
