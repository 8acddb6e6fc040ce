// A transport's listening endpoint: TCP (host, port) or a Unix socket (path), plain or TLS. It only
// accepts connections (after the TLS handshake, when TLS) and hands each to the transport; it also
// keeps them so stop() can drop every one.
import { chmod, lstat, unlink } from 'node:fs/promises';
import { connect, createServer as createNetServer, type Server, type Socket } from 'node:net';
import { createServer as createTlsServer, type SecureContextOptions } from 'node:tls';

export type EndpointAddress = { kind: 'tcp'; host: string; port: number } | { kind: 'unix'; path: string };

export interface EndpointConfig {
  address: EndpointAddress;
  /** TLS server options (key, cert, …); undefined: plain. */
  tls?: SecureContextOptions;
  /** A TLS handshake must finish within this time. */
  handshakeTimeoutMs: number;
}

/** Crossbar's peer format: "tcp4:127.0.0.1:54321", "tcp6:::1:54321", "unix:/path". */
export function peerOf(socket: Socket, address: EndpointAddress): string {
  if (address.kind === 'unix') return `unix:${address.path}`;
  const addr = socket.remoteAddress ?? 'unknown';
  const v4 = addr.startsWith('::ffff:') ? addr.slice(7) : addr;
  return `${v4.includes(':') ? 'tcp6' : 'tcp4'}:${v4}:${socket.remotePort ?? 0}`;
}

export class EndpointServer {
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();

  constructor(
    readonly config: EndpointConfig,
    private readonly onConnection: (socket: Socket) => void,
  ) {}

  get secure(): boolean {
    return this.config.tls !== undefined;
  }

  /** Listen; resolves with the bound port (0 for a Unix socket). */
  async start(): Promise<number> {
    const { address, tls } = this.config;
    const track = (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      socket.setNoDelay(true);
      socket.on('error', () => socket.destroy());
      this.onConnection(socket);
    };
    const server = tls
      ? createTlsServer({ ...tls, handshakeTimeout: this.config.handshakeTimeoutMs }, track)
      : createNetServer({ noDelay: true }, track);
    // Failed TLS handshakes (a plain client, an untrusting one) end that connection only.
    if (tls) server.on('tlsClientError', (_error, socket) => socket.destroy());
    // Plain TCP sockets are tracked from 'connection'; TLS ones also while their handshake runs.
    if (tls) server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
    });
    if (address.kind === 'unix') await removeStaleSocket(address.path);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      const done = () => {
        server.off('error', reject);
        resolve();
      };
      if (address.kind === 'unix') server.listen(address.path, done);
      else server.listen(address.port, address.host, done);
    });
    // Only this user may connect to a Unix socket (as only this user may read the data folder).
    if (address.kind === 'unix') await chmod(address.path, 0o600).catch(() => undefined);
    this.server = server;
    const bound = server.address();
    return typeof bound === 'object' && bound ? bound.port : 0;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

/**
 * A socket file left by a router that crashed makes listen() fail with EADDRINUSE. Remove it only when
 * nothing answers on it (ECONNREFUSED); a live socket (another router) or another kind of file stays.
 */
async function removeStaleSocket(path: string): Promise<void> {
  let isSocket = false;
  try {
    isSocket = (await lstat(path)).isSocket();
  } catch {
    return;
  }
  if (!isSocket) return;
  const alive = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', (error: NodeJS.ErrnoException) => resolve(error.code !== 'ECONNREFUSED'));
  });
  if (!alive) await unlink(path).catch(() => undefined);
}
