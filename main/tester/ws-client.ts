// WAMP-over-WebSocket client used by the tester. Unlike a normal client library it never retries and
// never waits forever: opening has its own deadline, every receive has one, and every way the
// connection can fail is turned into a failure kind the diagnosis can explain.
import type { IncomingMessage } from 'node:http';
import WebSocket, { type RawData } from 'ws';
import { parseMessage, type WampMessage } from '../../shared/wamp/messages';
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
  | 'connection_closed';

export interface OpenFailure {
  kind: OpenFailureKind;
  error: string;
}

export type Incoming =
  | { type: 'message'; message: WampMessage }
  | { type: 'invalid'; error: string }
  | { type: 'closed'; code: number; reason: string }
  | { type: 'timeout' };

/** Frames larger than this are refused by the client (a router has no reason to send them to a tester). */
const MAX_PAYLOAD = 16 * 1024 * 1024;

const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);

export function classifyOpenError(error: unknown, secure: boolean): OpenFailure {
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
    return { kind: 'tls_failure', error: tlsText(code, message) };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE' || /socket hang up/i.test(message)) return { kind: 'connection_closed', error: text };
  if (/Invalid (Upgrade|Sec-WebSocket-Accept) header|Unexpected server response/.test(message)) return { kind: 'http_error', error: message };
  return { kind: 'connection_closed', error: text };
}

/** OpenSSL's "write EPROTO 80FC…:error:0A00010B:SSL routines:ssl3_get_record:wrong version number:…" → the reason. */
function tlsText(code: string, message: string): string {
  const reason = /SSL routines:[^:]*:([^:]+)/.exec(message)?.[1]?.trim();
  if (reason === 'wrong version number') return 'the server did not answer in TLS (OpenSSL: wrong version number) — it probably speaks plain ws:// on this port';
  if (reason) return `OpenSSL: ${reason}`;
  return code && !message.includes(code) ? `${code}: ${message}` : message;
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
      const timer = setTimeout(
        () => finish({ ok: false, failure: { kind: 'connect_timeout', error: `no WebSocket connection within ${timeoutMs} ms` } }),
        timeoutMs,
      );
      try {
        ws = new WebSocket(parsed.href, [serializer.subprotocol], {
          perMessageDeflate: false,
          maxPayload: MAX_PAYLOAD,
          followRedirects: false,
          headers: { 'User-Agent': 'Authbahn connection tester' },
        });
      } catch (error) {
        clearTimeout(timer);
        resolve({ ok: false, failure: { kind: 'invalid_url', error: error instanceof Error ? error.message : String(error) } });
        return;
      }
      ws.binaryType = 'nodebuffer';
      ws.on('error', (error) => finish({ ok: false, failure: classifyOpenError(error, secure) }));
      ws.on('unexpected-response', (_req, res: IncomingMessage) => {
        void readSnippet(res).then((body) => {
          const status = `HTTP ${res.statusCode ?? '?'}${res.statusMessage ? ` ${res.statusMessage}` : ''}`;
          const kind = /subprotocol/i.test(body) ? 'no_common_subprotocol' : 'http_error';
          finish({ ok: false, failure: { kind, error: body ? `${status}: ${body}` : status } });
        });
      });
      ws.on('open', () => {
        const chosen = ws.protocol;
        if (chosen !== serializer.subprotocol) {
          finish({ ok: false, failure: { kind: 'no_common_subprotocol', error: chosen ? `server chose "${chosen}"` : 'server chose no subprotocol' } });
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

/** First bytes of an HTTP error body, for the diagnosis (Crossbar explains a subprotocol mismatch there). */
function readSnippet(res: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let body = '';
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      clearTimeout(timer);
      res.removeAllListeners('data');
      res.destroy();
      resolve(body.replace(/\s+/g, ' ').trim().slice(0, 300));
    };
    const timer = setTimeout(done, 1000);
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      body += chunk;
      if (body.length >= 2048) done();
    });
    res.on('end', done);
    res.on('error', done);
  });
}
