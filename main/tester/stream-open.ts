// Opens the byte stream under a tester connection — TCP, TLS over TCP, or a Unix socket — with one
// deadline, tracing each step, and for TLS applies the tester's certificate rule (tls-trust.ts) before
// handing the stream on: nothing of WebSocket or WAMP is written to a server that failed it.
import { connect as netConnect, isIP, type Socket } from 'node:net';
import { connect as tlsConnect, type TLSSocket } from 'node:tls';
import { classifyOpenError, openTimeout, type ConnectPhase, type OpenFailure } from './open-failure';
import { judgeCertificate, type TlsTrust, type TlsVerdict } from './tls-trust';
import type { Tracer } from './trace';

export type StreamTarget = { host: string; port: number } | { path: string };

export type OpenedStream = { ok: true; socket: Socket; verdict?: TlsVerdict } | { ok: false; failure: OpenFailure };

export interface StreamOptions {
  target: StreamTarget;
  /** undefined: plain. */
  tls?: TlsTrust;
  timeoutMs: number;
  tracer: Tracer;
  /** "the RawSocket handshake" / "the WebSocket upgrade request": what is sent once the stream is up. */
  next: string;
  rawsocket: boolean;
}

export function openStream(options: StreamOptions): Promise<OpenedStream> {
  const { target, tls, tracer, timeoutMs } = options;
  const secure = tls !== undefined;
  return new Promise((resolve) => {
    let phase: ConnectPhase = 'connecting';
    let settled = false;
    let socket: Socket;
    const finish = (result: OpenedStream) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.removeAllListeners('error');
      socket.removeAllListeners('secureConnect');
      socket.removeAllListeners('connect');
      if (!result.ok) {
        socket.on('error', () => undefined);
        socket.destroy();
      }
      resolve(result);
    };
    const fail = (failure: OpenFailure) => finish({ ok: false, failure: { phase, ...failure } });
    const timer = setTimeout(() => fail(openTimeout(phase, secure, timeoutMs, options.rawsocket)), timeoutMs);
    if ('path' in target) {
      socket = netConnect({ path: target.path });
    } else if (tls) {
      const hostname = target.host;
      const tlsSocket: TLSSocket = tlsConnect({
        host: hostname,
        port: target.port,
        // SNI takes host names only.
        servername: isIP(hostname) ? '' : hostname,
        // Verified below, by the tester's rule, before anything is written.
        rejectUnauthorized: false,
        ...(tls.ca ? { ca: tls.ca } : {}),
      });
      tlsSocket.once('secureConnect', () => {
        const verdict = judgeCertificate(tlsSocket, hostname, tls);
        tracer.info('TLS', `TLS handshake done (${tlsSocket.getProtocol() ?? 'TLS'}); ${verdict.text}`);
        if (!verdict.accepted) {
          fail({ kind: 'tls_failure', error: verdict.text, ...(verdict.problem ? { tls: verdict.problem } : {}) });
          return;
        }
        phase = 'upgrade_sent';
        finish({ ok: true, socket: tlsSocket, verdict });
      });
      socket = tlsSocket;
    } else {
      socket = netConnect({ host: target.host, port: target.port });
    }
    socket.once('connect', () => {
      const where = 'path' in target ? `Unix socket ${target.path}` : `${socket.remoteAddress ?? target.host}:${socket.remotePort ?? target.port}`;
      tracer.info('TCP', `${'path' in target ? 'Connected to' : 'TCP connected to'} ${where}${secure ? '; starting TLS' : `; sending ${options.next}`}`);
      if (secure) phase = 'tcp_connected';
      else {
        phase = 'upgrade_sent';
        finish({ ok: true, socket });
      }
    });
    socket.on('error', (error) => fail(classifyOpenError(error, secure, phase)));
  });
}
