// The web bridge: serves the built renderer over loopback HTTP and exposes the API contract on a
// WebSocket at /api, guarded by a per-launch token, the Origin header and the Host header.
import { createReadStream, existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { resolve } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { AppError } from '../../shared/api/errors';
import { AuthLimiter, type AuthLimiterOptions } from './auth-limiter';
import { ApiSession, type ApiBackend } from './api-session';
import { allowedHostHeaders, allowedOrigins, isAllowedHostHeader, isAllowedOrigin, isLoopbackHost, urlHost } from './host-guard';
import { API_PATH, CLOSE, HELLO_TIMEOUT_MS, MAX_PAYLOAD_BYTES } from './protocol';
import { SECURITY_HEADERS } from './security-headers';
import { contentTypeFor, locateStaticFile } from './static-files';
import { generateToken } from './token';

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
  /** Default: 32 fresh random bytes. Fixed tokens are for tests only. */
  token?: string;
  helloTimeoutMs?: number;
  limiter?: AuthLimiterOptions;
  /** Interval of WebSocket pings that detect dead peers; 0 disables. */
  heartbeatMs?: number;
  log?: (line: string) => void;
}

export interface WebServer {
  /** Full link including the token fragment, e.g. http://127.0.0.1:5173/#token=… */
  url: string;
  origin: string;
  port: number;
  token: string;
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
  const token = opts.token ?? generateToken();
  if (token.length < 16) throw new AppError('INVALID_ARGUMENT', 'Token must be at least 16 characters');
  const log = opts.log;

  const limiter = new AuthLimiter(opts.limiter);
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES, clientTracking: true });
  // Filled in once listen() knows the port; requests cannot arrive before that.
  let hostHeaders = new Set<string>();
  let origins = new Set<string>();

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
    if (target === API_PATH || target.startsWith(`${API_PATH}?`)) {
      sendText(res, 426, 'This endpoint speaks WebSocket');
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
    if (limiter.retryAfter(peer) > 0) return refuseUpgrade(socket, 429, 'Too Many Requests');
    wss.handleUpgrade(req, socket, head, (ws) => {
      alive.set(ws, true);
      ws.on('pong', () => alive.set(ws, true));
      new ApiSession(ws, { backend: opts.services, token, limiter, peer, helloTimeoutMs: opts.helloTimeoutMs ?? HELLO_TIMEOUT_MS, ...(log ? { log } : {}) });
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

  return { url: `${origin}/#token=${token}`, origin, port: actualPort, token, close };
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
