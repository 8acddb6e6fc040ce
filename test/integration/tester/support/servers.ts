// Real peers for the tester's failure paths: servers that misbehave the way broken or foreign
// endpoints do (silent TCP, silent WAMP, wrong subprotocol, plain HTTP, garbage frames), and a
// small scripted WAMP peer. All bind 127.0.0.1 on port 0.
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { serializerForSubprotocol, type WampSerializer } from '../../../../shared/wamp/serializers';

export interface Running {
  url: string;
  close(): Promise<void>;
}

function portOf(server: { address(): AddressInfo | string | null }): number {
  return (server.address() as AddressInfo).port;
}

/** A port nothing listens on: bound once, then closed. */
export async function closedPort(): Promise<number> {
  const server = createNetServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = portOf(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Accepts TCP connections and never says anything (not even the HTTP upgrade answer). */
export async function silentTcpServer(): Promise<Running> {
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${portOf(server)}/ws`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export interface WsBehaviour {
  /** Chooses the subprotocol; default: the first offered one. Return false to pick none. */
  handleProtocols?: (offered: Set<string>) => string | false;
  onConnection?: (ws: WebSocket, serializer: WampSerializer | undefined) => void;
}

/** A WebSocket server whose behaviour the test scripts. */
export async function wsServer(behaviour: WsBehaviour): Promise<Running & { server: WebSocketServer }> {
  const http: HttpServer = createHttpServer((_req, res) => {
    res.writeHead(404).end('not found');
  });
  const wss = new WebSocketServer({
    server: http,
    handleProtocols: (offered) => (behaviour.handleProtocols ? behaviour.handleProtocols(offered) : ([...offered][0] ?? false)),
  });
  wss.on('connection', (ws) => {
    ws.on('error', () => undefined);
    behaviour.onConnection?.(ws, serializerForSubprotocol(ws.protocol));
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${portOf(http)}/ws`,
    server: wss,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

/** A plain HTTP server that answers every request (including the upgrade) with the given status. */
export async function httpOnlyServer(status: number, body: string): Promise<Running> {
  const http = createHttpServer((_req, res) => res.writeHead(status, { 'content-type': 'text/plain' }).end(body));
  http.on('upgrade', (_req, socket) => {
    socket.end(`HTTP/1.1 ${status} Nope\r\ncontent-type: text/plain\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return {
    url: `ws://127.0.0.1:${portOf(http)}/ws`,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

/** Decodes one frame with the connection's serializer. */
export function decodeFrame(serializer: WampSerializer, data: Buffer, isBinary: boolean): unknown[] {
  return serializer.decode(isBinary ? new Uint8Array(data) : data.toString('utf8')) as unknown[];
}

export function sendFrame(ws: WebSocket, serializer: WampSerializer, message: unknown[]): void {
  ws.send(serializer.encode(message), { binary: serializer.binary });
}

/** A wss:// WAMP-less server with a fresh self-signed certificate (made with the openssl CLI). */
export async function tlsWsServer(): Promise<Running> {
  const dir = await mkdtemp(join(tmpdir(), 'authbahn-tls-'));
  try {
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-subj', '/CN=127.0.0.1', '-days', '1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
    ]);
    const [key, cert] = await Promise.all([readFile(join(dir, 'key.pem')), readFile(join(dir, 'cert.pem'))]);
    const https = createHttpsServer({ key, cert });
    const wss = new WebSocketServer({ server: https, handleProtocols: (offered) => [...offered][0] ?? false });
    wss.on('connection', (ws) => ws.on('error', () => undefined));
    https.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    return {
      url: `wss://127.0.0.1:${portOf(https)}/ws`,
      close: async () => {
        await new Promise<void>((resolve) => wss.close(() => resolve()));
        await new Promise<void>((resolve) => https.close(() => resolve()));
      },
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
