// The WebSocket side of a transport: an HTTP server that never listens itself — the transport's
// endpoint (TCP or Unix, plain or TLS) hands it connections — and upgrades requests on its path after
// checking Origin and negotiating a WAMP subprotocol. Requests it refuses get a plain HTTP error saying why.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { SerializerId, WampSerializer } from '../../../shared/wamp/serializers';
import { SERIALIZERS } from '../../../shared/wamp/serializers';
import type { TransportInfo } from '../auth/types';
import { chooseSubprotocol, normalizePath, offeredProtocols, originAllowed, pathAccepted } from './negotiate';

export interface WsAcceptorConfig {
  id: string;
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

export class WsAcceptor {
  private readonly server: Server;
  private readonly wss: WebSocketServer;
  readonly config: WsAcceptorConfig;

  constructor(
    config: WsAcceptorConfig,
    private readonly onSocket: (accepted: AcceptedSocket) => void,
    /** Peer address and TLS details of the connection a request came in on. */
    private readonly describe: (socket: Duplex, info: TransportInfo) => TransportInfo,
    peerOf: (socket: Duplex) => string,
  ) {
    this.config = { ...config, path: normalizePath(config.path) };
    this.peerOf = peerOf;
    const { serializers } = this.config;
    this.wss = new WebSocketServer({
      noServer: true,
      maxPayload: config.maxMessageSize,
      perMessageDeflate: false,
      clientTracking: true,
      handleProtocols: (protocols) => chooseSubprotocol(protocols, serializers)?.protocol ?? false,
    });
    this.server = createServer((_req, res) => {
      res.writeHead(426, { 'Content-Type': 'text/plain; charset=utf-8', Upgrade: 'websocket' });
      res.end(`This is a WAMP router. Connect with a WebSocket client on ${this.config.path} using one of: ${this.supportedProtocols}\n`);
    });
    this.server.on('upgrade', (req, socket, head) => this.upgrade(req, socket, head));
    // Bytes that are not HTTP (a RawSocket handshake, TLS to a plain port): a short HTTP answer says
    // what this port is, which the tester reads as "not a RawSocket transport". Then the socket goes.
    this.server.on('clientError', (_err, socket: Duplex & { bytesWritten?: number }) => {
      if (socket.writable && !socket.bytesWritten) {
        const body = `This port speaks HTTP/WebSocket (WAMP on ${this.config.path}), not RawSocket.\n`;
        socket.end(`HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
        setTimeout(() => socket.destroy(), 1000).unref();
      } else socket.destroy();
    });
  }

  private readonly peerOf: (socket: Duplex) => string;

  private get supportedProtocols(): string {
    return this.config.serializers.map((s) => SERIALIZERS[s].subprotocol).join(', ');
  }

  /** Serve HTTP/WebSocket on a connection the endpoint accepted (plain or TLS). */
  accept(socket: Duplex): void {
    this.server.emit('connection', socket);
  }

  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
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
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      const transport = this.describe(socket, {
        type: 'websocket',
        peer: this.peerOf(socket),
        protocol: chosen.protocol,
        transportId: config.id,
        httpHeaders: headersOf(req),
      });
      this.onSocket({ socket: ws, serializer: chosen.serializer, batched: chosen.batched, transport });
    });
  }

  /** Terminate the WebSockets still open (the router has sent GOODBYE/closed sessions before). */
  stop(): void {
    for (const ws of this.wss.clients) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
  }
}
