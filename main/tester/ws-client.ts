// WAMP-over-WebSocket client used by the tester. Unlike a normal client library it never retries and
// never waits forever: opening has its own deadline, every receive has one, and every way the
// connection can fail is turned into a failure kind the diagnosis can explain.
import type { IncomingMessage } from 'node:http';
import { connect as netConnect, isIP, type NetConnectOpts, type Socket } from 'node:net';
import { connect as tlsConnect, type ConnectionOptions, type TLSSocket } from 'node:tls';
import WebSocket, { type RawData } from 'ws';
import { parseMessage, type WampMessage } from '../../shared/wamp/messages';
import { classifyHttpAnswer, type HttpAnswer } from './http-answer';
import type { WampSerializer } from '../../shared/wamp/serializers';
import type { Tracer } from './trace';

export type OpenFailureKind =
  | 'invalid_url'
  | 'connection_refused'
  | 'dns_failure'
  | 'tls_failure'
  | 'http_error'
  | 'no_common_subprotocol'
  | 'connect_timeout'
  | 'connection_closed'
  | 'closed_during_upgrade'
  | 'tls_required';

/**
 * How far the opening got: a timeout or a close means different things before TCP connects, during
 * the TLS handshake and after the HTTP upgrade request went out. For ws:// the upgrade request is
 * sent as soon as TCP connects; for wss:// once TLS is done.
 */
export type ConnectPhase = 'connecting' | 'tcp_connected' | 'upgrade_sent' | 'upgraded';

export interface OpenFailure {
  kind: OpenFailureKind;
  error: string;
  phase?: ConnectPhase;
  http?: HttpAnswer;
  /** tls_failure: the port answered (or ignored) TLS like a plain ws:// port does. */
  plainPort?: boolean;
}

export type Incoming =
  | { type: 'message'; message: WampMessage }
  | { type: 'invalid'; error: string }
  | { type: 'closed'; code: number; reason: string }
  | { type: 'timeout' };

/** Frames larger than this are refused by the client (a router has no reason to send them to a tester). */
const MAX_PAYLOAD = 16 * 1024 * 1024;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

export function classifyOpenError(error: unknown, secure: boolean, phase?: ConnectPhase): OpenFailure {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  const text = code && !message.includes(code) ? `${code}: ${message}` : message;
  if (/Server sent (no|an invalid) subprotocol|subprotocol but none was requested/.test(message)) {
    return { kind: 'no_common_subprotocol', error: message };
  }
  if (code === 'ECONNREFUSED') return { kind: 'connection_refused', error: text };
  if (DNS_CODES.has(code)) return { kind: 'dns_failure', error: text };
  if (
    secure &&
    (/^(ERR_TLS|ERR_SSL|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|EPROTO$)/.test(code) || /\b(ssl|tls|certificate)\b/i.test(message))
  ) {
    const tls = tlsText(code, message);
    return { kind: 'tls_failure', error: tls.text, ...(tls.plainPort ? { plainPort: true } : {}) };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) {
    // The upgrade request went out and the server hung up without any HTTP answer.
    if (phase === 'upgrade_sent') return { kind: 'closed_during_upgrade', error: text };
    return { kind: 'connection_closed', error: text };
  }
  if (/Invalid (Upgrade|Sec-WebSocket-Accept) header|Unexpected server response/.test(message)) return { kind: 'http_error', error: message };
  return { kind: 'connection_closed', error: text };
}

/** OpenSSL reasons a client sees when the port does not speak TLS at all (an HTTP answer read as a TLS record). */
const PLAIN_PORT_REASONS = new Set(['wrong version number', 'packet length too long', 'record layer failure', 'http request']);

/** OpenSSL's "write EPROTO 80FC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…" → the reason. */
function tlsText(code: string, message: string): { text: string; plainPort: boolean } {
  const reason = /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1]?.trim();
  if (reason && PLAIN_PORT_REASONS.has(reason)) {
    return { text: `the server did not answer in TLS (OpenSSL: ${reason}) — it probably speaks plain ws:// on this port`, plainPort: true };
  }
  if (reason) return { text: `OpenSSL: ${reason}`, plainPort: false };
  return { text: code && !message.includes(code) ? `${code}: ${message}` : message, plainPort: false };
}

/** Timeout while opening, told apart by how far the connection got. */
export function openTimeout(phase: ConnectPhase, secure: boolean, timeoutMs: number): OpenFailure {
  if (phase === 'tcp_connected' && secure) {
    return {
      kind: 'tls_failure',
      phase,
      plainPort: true,
      error: `the TCP connection was accepted, but the TLS handshake got no answer within ${timeoutMs} ms — the port probably speaks plain ws://`,
    };
  }
  const where =
    phase === 'connecting'
      ? 'the TCP connection got no answer'
      : 'the TCP connection was accepted, but the WebSocket upgrade request got no answer';
  return { kind: 'connect_timeout', phase, error: `${where} within ${timeoutMs} ms` };
}

export class WampConnection {
  private readonly queue: Incoming[] = [];
  private waiter: ((incoming: Incoming) => void) | undefined;
  private closed: { code: number; reason: string } | undefined;
  private closing = false;

  private constructor(
    private readonly ws: WebSocket,
    readonly serializer: WampSerializer,
    private readonly tracer: Tracer,
  ) {
    ws.on('message', (data, isBinary) => this.onData(data, isBinary));
    ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString('utf8') };
      // Once the tester has started closing, either side's close frame may be the first; only say who when it is certain.
      this.tracer.info('CLOSED', `WebSocket closed${this.closing ? '' : ' by the server'} (code ${code}${this.closed.reason ? `, "${this.closed.reason}"` : ''})`);
      this.push({ type: 'closed', ...this.closed });
    });
    // After opening, errors end in 'close' as well; without a listener they would crash the process.
    ws.on('error', (error) => this.tracer.info('ERROR', error.message));
  }

  /** Opens the WebSocket offering exactly the serializer's subprotocol. Never rejects. */
  static open(
    url: string,
    serializer: WampSerializer,
    timeoutMs: number,
    tracer: Tracer,
  ): Promise<{ ok: true; connection: WampConnection } | { ok: false; failure: OpenFailure }> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return Promise.resolve({ ok: false, failure: { kind: 'invalid_url', error: 'not a valid URL' } });
    }
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
      return Promise.resolve({ ok: false, failure: { kind: 'invalid_url', error: `the scheme must be ws:// or wss://, not ${parsed.protocol}//` } });
    }
    const secure = parsed.protocol === 'wss:';
    return new Promise((resolve) => {
      let settled = false;
      let ws: WebSocket;
      let phase: ConnectPhase = 'connecting';
      const finish = (result: { ok: true; connection: WampConnection } | { ok: false; failure: OpenFailure }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!result.ok) {
          ws.removeAllListeners();
          ws.on('error', () => undefined);
          if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
        }
        resolve(result);
      };
      const fail = (failure: OpenFailure) => finish({ ok: false, failure: { phase, ...failure } });
      const timer = setTimeout(() => fail(openTimeout(phase, secure, timeoutMs)), timeoutMs);
      // Our own socket factory (same as ws's default) so the trace and the diagnosis know how far the opening got.
      const createConnection = (options: ConnectionOptions & { socketPath?: string }): Socket => {
        let socket: Socket | TLSSocket;
        if (secure) {
          options.path = undefined;
          if (!options.servername && options.servername !== '') options.servername = isIP(options.host ?? '') ? '' : options.host;
          const tlsSocket = tlsConnect(options);
          tlsSocket.once('secureConnect', () => {
            phase = 'upgrade_sent';
            tracer.info('TLS', `TLS handshake done (${tlsSocket.getProtocol() ?? 'TLS'}); sending the WebSocket upgrade request`);
          });
          socket = tlsSocket;
        } else {
          socket = netConnect({ ...options, path: options.socketPath } as unknown as NetConnectOpts);
        }
        socket.once('connect', () => {
          phase = secure ? 'tcp_connected' : 'upgrade_sent';
          tracer.info('TCP', `TCP connected to ${socket.remoteAddress ?? parsed.hostname}:${socket.remotePort ?? ''}${secure ? '; starting TLS' : '; sending the WebSocket upgrade request'}`);
        });
        return socket;
      };
      try {
        ws = new WebSocket(parsed.href, [serializer.subprotocol], {
          perMessageDeflate: false,
          maxPayload: MAX_PAYLOAD,
          followRedirects: false,
          headers: { 'User-Agent': 'Authbahn connection tester' },
          createConnection: createConnection as unknown as NonNullable<WebSocket.ClientOptions['createConnection']>,
        });
      } catch (error) {
        clearTimeout(timer);
        resolve({ ok: false, failure: { kind: 'invalid_url', error: error instanceof Error ? error.message : String(error) } });
        return;
      }
      ws.binaryType = 'nodebuffer';
      ws.on('error', (error) => fail(classifyOpenError(error, secure, phase)));
      ws.on('upgrade', () => {
        phase = 'upgraded';
      });
      ws.on('unexpected-response', (_req, res: IncomingMessage) => {
        void readBody(res).then((body) => fail(classifyHttpAnswer(res.statusCode, res.statusMessage, body, secure)));
      });
      ws.on('open', () => {
        const chosen = ws.protocol;
        if (chosen !== serializer.subprotocol) {
          fail({ kind: 'no_common_subprotocol', error: chosen ? `server chose "${chosen}"` : 'server chose no subprotocol' });
          return;
        }
        ws.removeAllListeners();
        finish({ ok: true, connection: new WampConnection(ws, serializer, tracer) });
      });
    });
  }

  get protocol(): string {
    return this.ws.protocol;
  }

  send(message: unknown[]): void {
    const data = this.serializer.encode(message);
    const bytes = typeof data === 'string' ? Buffer.byteLength(data) : data.length;
    this.tracer.frame('out', message, bytes);
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(data, { binary: this.serializer.binary });
  }

  /** The next incoming item, or {type:'timeout'} after timeoutMs. A closed connection keeps answering 'closed'. */
  receive(timeoutMs: number): Promise<Incoming> {
    const next = this.queue.shift();
    if (next) return Promise.resolve(next);
    if (this.closed) return Promise.resolve({ type: 'closed', ...this.closed });
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiter = undefined;
        resolve({ type: 'timeout' });
      }, timeoutMs);
      this.waiter = (incoming) => {
        clearTimeout(timer);
        this.waiter = undefined;
        resolve(incoming);
      };
    });
  }

  /**
   * Waits for a message `accept` returns true for, skipping (but tracing) others — EVENTs and
   * INVOCATIONs can arrive between a request and its answer. The deadline covers the whole wait.
   */
  async receiveMatching(accept: (message: WampMessage) => boolean, timeoutMs: number): Promise<Incoming> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const left = deadline - performance.now();
      if (left <= 0) return { type: 'timeout' };
      const incoming = await this.receive(left);
      if (incoming.type !== 'message' || accept(incoming.message)) return incoming;
    }
  }

  /** Closes the WebSocket and waits (bounded) for the close handshake. */
  async close(timeoutMs: number): Promise<void> {
    if (this.closed) return;
    this.closing = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, timeoutMs);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close(1000);
    });
  }

  private onData(data: RawData, isBinary: boolean): void {
    const buffer = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    let value: unknown;
    try {
      value = this.serializer.decode(isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString('utf8'));
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      this.tracer.info('UNDECODABLE', `${buffer.length}-byte ${isBinary ? 'binary' : 'text'} frame: ${text}`);
      this.push({ type: 'invalid', error: `a frame could not be decoded (${text})` });
      return;
    }
    this.tracer.frame('in', value, buffer.length);
    const parsed = parseMessage(value);
    this.push(parsed.ok ? { type: 'message', message: parsed.message } : { type: 'invalid', error: parsed.error });
  }

  private push(incoming: Incoming): void {
    if (this.waiter) this.waiter(incoming);
    else this.queue.push(incoming);
  }
}

/** First bytes of an HTTP error body, for the diagnosis (error pages say why; cleaned by cleanExcerpt). */
function readBody(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      res.removeAllListeners('data');
      res.destroy();
      resolve(body.slice(0, 4096));
    };
    const timer = setTimeout(done, 1000);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      body += chunk;
      if (body.length >= 4096) done();
    });
    res.on('end', done);
    res.on('error', done);
  });
}
