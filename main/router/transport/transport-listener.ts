// One configured transport (a Crossbar "transport"): its endpoint plus what it speaks on it —
// WebSocket (with its HTTP upgrade), RawSocket, or both on one port ("universal": the first octet
// decides; RawSocket clients open with 0x7F, which no HTTP request starts with).
import type { Socket } from 'node:net';
import type { SecureContextOptions } from 'node:tls';
import type { Duplex } from 'node:stream';
import type { SerializerId } from '../../../shared/wamp/serializers';
import type { TransportInfo } from '../auth/types';
import type { BoundTransport } from '../types';
import { withTlsDetails } from './channel-binding';
import { EndpointServer, peerOf, type EndpointAddress } from './endpoint-server';
import { RAWSOCKET_MAGIC } from './rawsocket-framing';
import { RawSocketAcceptor, type AcceptedRawSocket } from './rawsocket-acceptor';
import { WsAcceptor, type AcceptedSocket } from './ws-listener';

export type TransportKind = 'websocket' | 'rawsocket' | 'universal';

export interface TransportListenerConfig {
  id: string;
  kind: TransportKind;
  address: EndpointAddress;
  tls?: SecureContextOptions;
  handshakeTimeoutMs: number;
  websocket?: { path: string; serializers: SerializerId[]; maxMessageSize: number; allowedOrigins: string[] | null };
  rawsocket?: { serializers: SerializerId[]; maxMessageSize: number };
}

export interface TransportHandlers {
  onWebSocket(accepted: AcceptedSocket): void;
  onRawSocket(accepted: AcceptedRawSocket): void;
}

const hostForUrl = (host: string) => (host.includes(':') ? `[${host}]` : host);

export class TransportListener {
  private readonly endpoint: EndpointServer;
  private readonly ws: WsAcceptor | undefined;
  private readonly rs: RawSocketAcceptor | undefined;

  constructor(
    readonly config: TransportListenerConfig,
    handlers: TransportHandlers,
  ) {
    const { address } = config;
    const describe = (socket: Duplex, info: TransportInfo) => withTlsDetails(info, socket);
    if (config.kind !== 'rawsocket') {
      if (!config.websocket) throw new Error(`transport "${config.id}" has no websocket settings`);
      this.ws = new WsAcceptor({ id: config.id, ...config.websocket }, (a) => handlers.onWebSocket(a), describe, (s) => peerOf(s as Socket, address));
    }
    if (config.kind !== 'websocket') {
      if (!config.rawsocket) throw new Error(`transport "${config.id}" has no rawsocket settings`);
      this.rs = new RawSocketAcceptor(
        { transportId: config.id, serializers: config.rawsocket.serializers, maxMessageSize: config.rawsocket.maxMessageSize, handshakeTimeoutMs: config.handshakeTimeoutMs },
        (accepted) => handlers.onRawSocket(accepted),
        (socket) => ({ peer: peerOf(socket, address), transport: (info) => withTlsDetails(info, socket) }),
      );
    }
    this.endpoint = new EndpointServer({ address, handshakeTimeoutMs: config.handshakeTimeoutMs, ...(config.tls ? { tls: config.tls } : {}) }, (socket) => this.dispatch(socket));
  }

  private dispatch(socket: Socket): void {
    if (this.config.kind === 'websocket') return this.ws!.accept(socket);
    if (this.config.kind === 'rawsocket') return this.rs!.accept(socket);
    // universal: look at the first octet, then give the connection (and that octet) to one side.
    const timer = setTimeout(() => socket.destroy(), this.config.handshakeTimeoutMs);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
    socket.once('data', (chunk: Buffer) => {
      clearTimeout(timer);
      if (chunk[0] === RAWSOCKET_MAGIC) {
        this.rs!.accept(socket, chunk);
      } else {
        socket.pause();
        socket.unshift(chunk);
        // Node's HTTP server reads a fresh socket straight from its native handle, past the stream
        // buffer that now holds the sniffed bytes. A handle marked as consumed makes it read through
        // the stream instead ('data' events), where those bytes come first. (_consumed is the flag
        // Node's own http server sets and checks for exactly this.)
        const handle = (socket as unknown as { _handle?: { _consumed?: boolean } })._handle;
        if (handle) handle._consumed = true;
        this.ws!.accept(socket);
        socket.resume();
      }
    });
  }

  async start(): Promise<BoundTransport> {
    const port = await this.endpoint.start();
    const { config } = this;
    const secure = config.tls !== undefined;
    const path = config.websocket?.path ?? '/';
    const urls: string[] = [];
    if (config.address.kind === 'unix') {
      urls.push(`unix:${config.address.path}`);
      return { id: config.id, kind: config.kind, host: 'unix', port: 0, socketPath: config.address.path, path, tls: secure, url: urls[0]!, urls };
    }
    const hostPort = `${hostForUrl(config.address.host)}:${port}`;
    if (this.ws) urls.push(`${secure ? 'wss' : 'ws'}://${hostPort}${path}`);
    if (this.rs) urls.push(`${secure ? 'rss' : 'rs'}://${hostPort}`);
    return { id: config.id, kind: config.kind, host: config.address.host, port, path, tls: secure, url: urls[0]!, urls };
  }

  async stop(): Promise<void> {
    this.ws?.stop();
    await this.endpoint.stop();
  }
}
