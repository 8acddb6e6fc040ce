// The web bridge: serves the built renderer over loopback HTTP and exposes the API contract on a
// WebSocket at /api. Access: a one-use login link (GET /login?code=…) is traded for an HttpOnly,
// SameSite=Strict session cookie bound to this launch; the WebSocket upgrade needs that cookie, an allowed
// Origin and an allowed Host — a peer without it never gets a WebSocket, so it cannot make us buffer frames.
import { randomBytes } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../../shared/api/errors';
import { AuthLimiter, type AuthLimiterOptions } from './auth-limiter';
import { ApiSession, type ApiBackend } from './api-session';
import { BrowserSessions } from './browser-sessions';
import { allowedHostHeaders, allowedOrigins, isAllowedHostHeader, isAllowedOrigin, isLoopbackHost, urlHost } from './host-guard';
import { LoginCodes, type IssueOptions } from './login-codes';
import { loginRefusalPage, type LoginRefusal } from './login-pages';
import { API_PATH, CLOSE, LOGIN_PATH, MAX_PAYLOAD_BYTES, SESSION_PATH, type SessionProbe } from './protocol';
import type { SecretAccessCheck } from './secret-access';
import { SECURITY_HEADERS } from './security-headers';
import { contentTypeFor, locateStaticFile } from './static-files';

export interface WebServerOptions {
  /** The composition root's services (only handlers and events are used). */
  services: ApiBackend;
  /** Folder of the built renderer (must contain index.html). */
  staticDir: string;
  /** Default 127.0.0.1. Non-loopback hosts are refused unless allowNonLoopback. */
  host?: string;
  allowNonLoopback?: boolean;
  /** 0 (default) picks a free port. */
  port?: number;
  limiter?: AuthLimiterOptions;
  /** Asked before secret-revealing calls (secret-access.ts); default: allowed, as there is no app lock yet. */
  secretAccess?: SecretAccessCheck;
  /** Interval of WebSocket pings that detect dead peers; 0 disables. */
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export interface WebServer {
  /** e.g. http://127.0.0.1:5173 */
  origin: string;
  port: number;
  /** A fresh one-use login link, e.g. http://127.0.0.1:5173/login?code=… — each call issues a new code. */
  issueLoginLink(options?: IssueOptions): string;
  close(): Promise<void>;
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  // `localhost` may resolve to ::1 or 127.0.0.1 depending on the system; pin it so the URL is predictable.
  const host = opts.host === undefined || opts.host === 'localhost' ? '127.0.0.1' : opts.host.replace(/^\[|\]$/g, '');
  if (!isLoopbackHost(host) && !opts.allowNonLoopback) {
    throw new AppError('INVALID_ARGUMENT', `Refusing to serve on ${host}: the web UI binds to loopback addresses only (127.0.0.1, ::1)`);
  }
  const port = opts.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new AppError('INVALID_ARGUMENT', `Invalid port ${port}`);
  const staticDir = resolve(opts.staticDir);
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    throw new AppError('INVALID_ARGUMENT', `No web UI build at ${staticDir} (index.html missing) — run \`npm run build\` first`);
  }
  const log = opts.log;

  const limiter = new AuthLimiter(opts.limiter);
  // Tells a reconnecting tab whether it reached the same run of the server (see web-protocol.ts).
  const instance = randomBytes(12).toString('base64url');
  const codes = new LoginCodes();
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES, clientTracking: true });
  // Filled in once listen() knows the port; requests cannot arrive before that.
  let hostHeaders = new Set<string>();
  let origins = new Set<string>();
  let sessions = new BrowserSessions(BrowserSessions.cookieNameFor(port));

  /**
   * A wrong credential (unknown, malformed or already-used code; unknown or malformed session cookie) counts
   * toward the per-peer lockout and is logged; during a lockout wrong ones get 429 without a log line.
   * A correct credential is accepted even then: every loopback client shares one address, so a local
   * process spamming wrong links must not lock the user out of their own UI. Codes and session ids are
   * 256-bit random values — the lockout protects CPU and the log, not the secret.
   */
  function refuseCredential(peer: string, what: string): 'locked' | 'refused' {
    if (limiter.retryAfter(peer) > 0) return 'locked';
    limiter.recordFailure(peer);
    log?.(`web bridge: refused ${what} from ${peer}`);
    return 'refused';
  }

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      log?.(`web bridge: request failed: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function handleHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
    if (!isAllowedHostHeader(req.headers.host, hostHeaders)) {
      sendText(res, 421, 'Misdirected request: unknown Host');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      sendText(res, 405, 'Method not allowed');
      return;
    }
    const target = req.url ?? '/';
    const [path = '', query = ''] = splitTarget(target);
    if (path === API_PATH) {
      sendText(res, 426, 'This endpoint speaks WebSocket');
      return;
    }
    if (path === LOGIN_PATH) {
      handleLogin(req, res, query);
      return;
    }
    if (path === SESSION_PATH) {
      handleSessionProbe(req, res);
      return;
    }
    const file = await locateStaticFile(staticDir, target);
    if ('status' in file) {
      sendText(res, file.status, file.status === 404 ? 'Not found' : 'Bad request');
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', contentTypeFor(file.path));
    res.setHeader('Content-Length', String(file.size));
    // index.html names the hashed bundles and must never be served stale; hashed assets never change.
    res.setHeader('Cache-Control', file.isIndex ? 'no-store' : target.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(file.path);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  }

  /** GET /login?code=…: a valid, unused code becomes a session cookie and a redirect to the clean URL `/`. */
  function handleLogin(req: IncomingMessage, res: ServerResponse, query: string): void {
    if (req.method !== 'GET') {
      // A HEAD (link preview, prefetch check) must not use up the code.
      res.setHeader('Allow', 'GET');
      sendText(res, 405, 'Method not allowed');
      return;
    }
    const peer = req.socket.remoteAddress ?? 'unknown';
    const outcome = codes.redeem(new URLSearchParams(query).get('code'));
    if (outcome === 'ok') {
      const id = sessions.create();
      log?.(`web bridge: a browser signed in with a login link from ${peer}`);
      res.statusCode = 303;
      res.setHeader('Set-Cookie', sessions.setCookieHeader(id));
      res.setHeader('Location', '/');
      res.setHeader('Cache-Control', 'no-store');
      res.end();
      return;
    }
    const refusal: LoginRefusal = refuseCredential(peer, `a login link (${outcome})`) === 'locked' ? 'locked' : outcome;
    const page = loginRefusalPage(refusal);
    res.statusCode = page.status;
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.setHeader('Cache-Control', 'no-store');
    res.end(page.html);
  }

  /**
   * GET /session: lets the page tell "not signed in" from "server down" — a refused WebSocket says neither.
   * Always 200 with a JSON answer: being signed out is an expected state, not an error for the console.
   */
  function handleSessionProbe(req: IncomingMessage, res: ServerResponse): void {
    const check = sessions.check(req.headers.cookie);
    if (check === 'valid') {
      sendJson(res, 200, { signedIn: true } satisfies SessionProbe);
      return;
    }
    if (check === 'invalid') {
      res.setHeader('Set-Cookie', sessions.clearCookieHeader());
      // Counted like any wrong credential; during a lockout the answer is the same, just unlogged.
      refuseCredential(req.socket.remoteAddress ?? 'unknown', 'an unknown session cookie');
    }
    sendJson(res, 200, { signedIn: false, reason: check === 'invalid' ? 'unknown-session' : 'no-session' } satisfies SessionProbe);
  }

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    // A reset during the handshake must not become an unhandled 'error' event.
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '').split('?', 1)[0];
    if (path !== API_PATH) return refuseUpgrade(socket, 404, 'Not Found');
    if (!isAllowedHostHeader(req.headers.host, hostHeaders)) return refuseUpgrade(socket, 421, 'Misdirected Request');
    if (!isAllowedOrigin(req.headers.origin, origins)) {
      log?.(`web bridge: refused a WebSocket from origin ${JSON.stringify(req.headers.origin ?? '(none)')}`);
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    const peer = req.socket.remoteAddress ?? 'unknown';
    const check = sessions.check(req.headers.cookie);
    if (check === 'none') return refuseUpgrade(socket, 401, 'Unauthorized');
    if (check === 'invalid') {
      return refuseCredential(peer, 'a WebSocket with an unknown session cookie') === 'locked'
        ? refuseUpgrade(socket, 429, 'Too Many Requests')
        : refuseUpgrade(socket, 401, 'Unauthorized');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      new ApiSession(ws, {
        backend: opts.services,
        peer,
        instance,
        ...(opts.secretAccess ? { secretAccess: opts.secretAccess } : {}),
        ...(log ? { log } : {}),
      });
    });
  });

  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  // Heartbeat: a browser tab that vanished without a close frame is dropped instead of kept forever.
  const alive = new WeakMap<WebSocket, boolean>();
  const heartbeatMs = opts.heartbeatMs ?? 30_000;
  const heartbeat =
    heartbeatMs > 0
      ? setInterval(() => {
          for (const ws of wss.clients) {
            if (alive.get(ws) === false) {
              ws.terminate();
              continue;
            }
            alive.set(ws, false);
            ws.ping();
          }
        }, heartbeatMs)
      : undefined;
  heartbeat?.unref();

  await new Promise<void>((resolveListen, rejectListen) => {
    const onError = (error: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      rejectListen(
        new AppError(
          'INVALID_ARGUMENT',
          error.code === 'EADDRINUSE' ? `Port ${port} on ${host} is already in use` : `Cannot listen on ${host}:${port}: ${error.message}`,
        ),
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolveListen();
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  }).catch((error: unknown) => {
    if (heartbeat) clearInterval(heartbeat);
    wss.close();
    throw error;
  });
  server.on('error', (error) => log?.(`web bridge: server error: ${error.message}`));

  const actualPort = (server.address() as AddressInfo).port;
  hostHeaders = allowedHostHeaders(actualPort, host);
  origins = allowedOrigins(actualPort, host);
  sessions = new BrowserSessions(BrowserSessions.cookieNameFor(actualPort));
  const origin = `http://${urlHost(host)}:${actualPort}`;

  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= new Promise<void>((resolveClose) => {
      if (heartbeat) clearInterval(heartbeat);
      for (const ws of wss.clients) ws.close(CLOSE.goingAway, 'server stopping');
      // Give close frames a moment to go out, then cut whatever is left.
      const force = setTimeout(() => {
        for (const ws of wss.clients) ws.terminate();
        server.closeAllConnections();
      }, 500);
      wss.close();
      server.close(() => {
        clearTimeout(force);
        resolveClose();
      });
      server.closeIdleConnections();
    }));

  const issueLoginLink = (options?: IssueOptions) => `${origin}${LOGIN_PATH}?code=${codes.issue(options)}`;
  return { origin, port: actualPort, issueLoginLink, close };
}

/** Path and query of a request target; the query is never used to pick a file. */
function splitTarget(target: string): [string, string] {
  const q = target.indexOf('?');
  return q < 0 ? [target, ''] : [target.slice(0, q), target.slice(q + 1)];
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(JSON.stringify(value));
}

function sendText(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  res.end(text);
}

function refuseUpgrade(socket: Duplex, status: number, text: string): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`);
  // end() flushes the response first; a peer that never reads must not keep the socket open.
  setTimeout(() => socket.destroy(), 1_000).unref();
}
