// Real peers for the tester's failure paths: servers that misbehave the way broken or foreign
// endpoints do (silent TCP, silent WAMP, wrong subprotocol, plain HTTP, garbage frames, raw HTTP
// answers, a close during the upgrade), and a small scripted WAMP router. All bind 127.0.0.1 on port 0.
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
import { MSG } from '../../../../shared/wamp/codes';
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

/**
 * Answers the first HTTP request (the upgrade) with exactly these bytes, then closes — for answers
 * Node's HTTP server would not write (a refusal in the status line, an HTTP/1.0 reply with no headers).
 */
export async function rawHttpServer(response: string): Promise<Running> {
  return rawTcpServer((socket) => socket.end(response));
}

/** Reads the HTTP upgrade request and closes the connection without any answer. */
export async function closeDuringUpgradeServer(): Promise<Running> {
  return rawTcpServer((socket) => socket.end());
}

/** Calls `onRequest` once a whole HTTP request head has arrived. */
async function rawTcpServer(onRequest: (socket: Socket) => void): Promise<Running> {
  const sockets = new Set<Socket>();
  const server: NetServer = createNetServer((socket) => {
    sockets.add(socket);
    let head = '';
    socket.on('error', () => undefined);
    socket.on('close', () => sockets.delete(socket));
    socket.on('data', (chunk: Buffer) => {
      if (head.includes('\r\n\r\n')) return;
      head += chunk.toString('latin1');
      if (head.includes('\r\n\r\n')) onRequest(socket);
    });
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

export type Frame = unknown[];

/** What a scripted router answers; each answer is a list of frames sent in order. */
export interface RouterScript {
  hello(details: Record<string, unknown>): Frame[];
  authenticate?(signature: string): Frame[];
  /** SUBSCRIBE, CALL, … after WELCOME. */
  request?(message: Frame): Frame[];
}

/** A WAMP router that replays given answers; it closes the connection after an ABORT, as routers do. */
export async function scriptedRouter(script: RouterScript): Promise<Running> {
  return wsServer({
    onConnection: (ws, serializer) => {
      const send = (frames: Frame[]) => {
        for (const frame of frames) {
          sendFrame(ws, serializer!, frame);
          if (frame[0] === MSG.ABORT) ws.close(1000);
        }
      };
      ws.on('message', (data: Buffer, isBinary) => {
        const message = decodeFrame(serializer!, data, isBinary);
        switch (message[0]) {
          case MSG.HELLO:
            return send(script.hello(message[2] as Record<string, unknown>));
          case MSG.AUTHENTICATE:
            return send(script.authenticate?.(String(message[1])) ?? []);
          case MSG.GOODBYE:
            return send([[MSG.GOODBYE, {}, 'wamp.close.goodbye_and_out']]);
          default:
            return send(script.request?.(message) ?? []);
        }
      });
    },
  });
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
