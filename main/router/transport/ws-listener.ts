// One WebSocket listener (a Crossbar "transport"): an HTTP server on 127.0.0.1 that upgrades
// requests on its path, checks Origin and negotiates a WAMP subprotocol before accepting, and
// hands each accepted socket to the router. Requests it refuses get a plain HTTP error saying why.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SerializerId, WampSerializer } from '../../../shared/wamp/serializers';
import { SERIALIZERS } from '../../../shared/wamp/serializers';
import type { TransportInfo } from '../auth/types';
import type { BoundTransport } from '../types';
import { chooseSubprotocol, normalizePath, offeredProtocols, originAllowed, pathAccepted } from './negotiate';

export interface ListenerConfig {
  id: string;
  host: string;
  port: number;
  path: string;
  serializers: SerializerId[];
  maxMessageSize: number;
  allowedOrigins: string[] | null;
}

export interface AcceptedSocket {
  socket: WebSocket;
  serializer: WampSerializer;
  batched: boolean;
  transport: TransportInfo;
}

function peerOf(req: IncomingMessage): string {
  const addr = req.socket.remoteAddress ?? 'unknown';
  const v4 = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  return `${v4.includes(':') ? 'tcp6' : 'tcp4'}:${v4}:${req.socket.remotePort ?? 0}`;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function refuse(socket: Duplex, status: number, statusText: string, message: string): void {
  const body = `${message}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
}

export class WsListener {
  private server: Server | undefined;
  private wss: WebSocketServer | undefined;
  readonly config: ListenerConfig;

  constructor(
    config: ListenerConfig,
    private readonly onSocket: (accepted: AcceptedSocket) => void,
  ) {
    this.config = { ...config, path: normalizePath(config.path) };
  }

  private get supportedProtocols(): string {
    return this.config.serializers.map((s) => SERIALIZERS[s].subprotocol).join(', ');
  }

  async start(): Promise<BoundTransport> {
    const { config } = this;
    const wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxMessageSize,
      perMessageDeflate: false,
      clientTracking: true,
      handleProtocols: (protocols) => chooseSubprotocol(protocols, config.serializers)?.protocol ?? false,
    });
    const server = createServer((_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket' });
      res.end(`This is a WAMP router. Connect with a WebSocket client on ${config.path} using one of: ${this.supportedProtocols}\n`);
    });
    server.on('upgrade', (req, socket, head) => this.upgrade(wss, req, socket, head));
    server.on('clientError', (_err, socket) => socket.destroy());
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.wss = wss;
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return { id: config.id, host: config.host, port, path: config.path, url: `ws://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}${config.path}` };
  }

  private upgrade(wss: WebSocketServer, req: IncomingMessage, socket: Duplex, head: Buffer): void {
    socket.on('error', () => socket.destroy());
    const { config } = this;
    if (!pathAccepted(req.url, config.path)) {
      refuse(socket, 404, 'Not Found', `no WAMP endpoint at ${req.url ?? '/'}; use ${config.path}`);
      return;
    }
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (!originAllowed(origin, config.allowedOrigins)) {
      refuse(socket, 403, 'Forbidden', `origin ${origin ?? ''} is not allowed on this transport`);
      return;
    }
    const offered = offeredProtocols(req.headers['sec-websocket-protocol']);
    const chosen = chooseSubprotocol(offered, config.serializers);
    if (!chosen) {
      const got = offered.length > 0 ? offered.join(', ') : 'none';
      refuse(socket, 400, 'Bad Request', `no common WAMP subprotocol: client offered ${got}; this router speaks ${this.supportedProtocols}`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      this.onSocket({
        socket: ws,
        serializer: chosen.serializer,
        batched: chosen.batched,
        transport: { type: 'websocket', peer: peerOf(req), protocol: chosen.protocol, transportId: config.id, httpHeaders: headersOf(req) },
      });
    });
  }

  /** Stop accepting; terminate sockets still open (the router has sent GOODBYE/closed sessions before). */
  async stop(): Promise<void> {
    const { server, wss } = this;
    this.server = undefined;
    this.wss = undefined;
    if (wss) for (const ws of wss.clients) ws.terminate();
    wss?.close();
    if (server) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }
}
