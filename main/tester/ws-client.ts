// WAMP-over-WebSocket client used by the tester. Unlike a normal client library it never retries and
// never waits forever: opening has its own deadline, every receive has one, and every way the
// connection can fail is turned into a failure kind the diagnosis can explain.
import type { IncomingMessage } from 'node:http';
import { createRequire } from 'node:module';
import type { ClientOptions, RawData, default as WebSocketClass } from 'ws';
import type { WampSerializer } from '../../shared/wamp/serializers';
import { QueuedConnection, type TesterConnection } from './connection';
import { classifyHttpAnswer } from './http-answer';
import { classifyOpenError, openTimeout, type ConnectPhase, type OpenFailure } from './open-failure';
import { openStream } from './stream-open';
import type { TlsTrust, TlsVerdict } from './tls-trust';
import type { Tracer } from './trace';

// Required, not imported: ws is CommonJS, and importing it as ESM (its wrapper.mjs) makes Node scan each
// of its files for named exports, which took about three times as long as require() and comes before
// `authbahn test` can send its first frame.
const WebSocket = createRequire(import.meta.url)('ws') as typeof WebSocketClass;
type WebSocket = WebSocketClass;

export { classifyOpenError, openTimeout, type ConnectPhase, type OpenFailure, type OpenFailureKind } from './open-failure';
export type { Incoming } from './connection';

/** Frames larger than this are refused by the client (a router has no reason to send them to a tester). */
const MAX_PAYLOAD = 16 * 1024 * 1024;

export type OpenResult = { ok: true; connection: TesterConnection; verdict?: TlsVerdict } | { ok: false; failure: OpenFailure };

export class WampConnection extends QueuedConnection implements TesterConnection {
  private closing = false;

  private constructor(
    private readonly ws: WebSocket,
    serializer: WampSerializer,
    tracer: Tracer,
  ) {
    super(serializer, tracer);
    ws.on('message', (data, isBinary) => this.onData(data, isBinary));
    ws.on('close', (code, reason) => {
      const text = reason.toString('utf8');
      // Once the tester has started closing, either side's close frame may be the first; only say who when it is certain.
      this.tracer.info('CLOSED', `WebSocket closed${this.closing ? '' : ' by the server'} (code ${code}${text ? `, "${text}"` : ''})`);
      this.markClosed(code, text);
    });
    // After opening, errors end in 'close' as well; without a listener they would crash the process.
    ws.on('error', (error) => this.tracer.info('ERROR', error.message));
  }

  /** Opens the WebSocket offering exactly the serializer's subprotocol. Never rejects. */
  static async open(url: string, serializer: WampSerializer, timeoutMs: number, tracer: Tracer, trust?: TlsTrust): Promise<OpenResult> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return { ok: false, failure: { kind: 'invalid_url', error: 'not a valid URL' } };
    }
    if (parsed.protocol !== 'ws:' && parsed.protocol !== 'wss:') {
      return { ok: false, failure: { kind: 'invalid_url', error: `the scheme must be ws:// or wss://, not ${parsed.protocol}//` } };
    }
    const secure = parsed.protocol === 'wss:';
    const started = performance.now();
    // TCP and TLS first (with the tester's certificate rule), so the upgrade request — and a URL password
    // in it — goes only to a server that passed.
    const stream = await openStream({
      target: { host: parsed.hostname.replace(/^\[|\]$/g, ''), port: parsed.port === '' ? (secure ? 443 : 80) : Number(parsed.port) },
      ...(secure ? { tls: trust ?? {} } : {}),
      timeoutMs,
      tracer,
      next: 'the WebSocket upgrade request',
      rawsocket: false,
    });
    if (!stream.ok) return stream;
    const socket = stream.socket;
    const left = Math.max(1, timeoutMs - (performance.now() - started));
    return new Promise((resolve) => {
      let settled = false;
      let ws: WebSocket;
      let phase: ConnectPhase = 'upgrade_sent';
      const finish = (result: OpenResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (!result.ok) {
          ws?.removeAllListeners();
          ws?.on('error', () => undefined);
          if (ws && ws.readyState !== WebSocket.CLOSED) ws.terminate();
          socket.destroy();
        }
        resolve(result);
      };
      const fail = (failure: OpenFailure) => finish({ ok: false, failure: { phase, ...failure } });
      const timer = setTimeout(() => fail(openTimeout(phase, secure, timeoutMs)), left);
      try {
        ws = new WebSocket(parsed.href, [serializer.subprotocol], {
          perMessageDeflate: false,
          maxPayload: MAX_PAYLOAD,
          followRedirects: false,
          headers: { 'User-Agent': 'Authbahn connection tester' },
          // The stream opened above; ws writes the upgrade request on it.
          createConnection: (() => socket) as unknown as NonNullable<ClientOptions['createConnection']>,
        });
      } catch (error) {
        fail({ kind: 'invalid_url', error: error instanceof Error ? error.message : String(error) });
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
        finish({ ok: true, connection: new WampConnection(ws, serializer, tracer), ...(stream.verdict ? { verdict: stream.verdict } : {}) });
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

  /** Closes the WebSocket and waits (bounded) for the close handshake. */
  async close(timeoutMs: number): Promise<void> {
    if (this.closedWith) return;
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
    const payload = isBinary ? new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.length) : buffer.toString('utf8');
    this.deliver(payload, buffer.length, `${isBinary ? 'binary' : 'text'} frame`);
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
