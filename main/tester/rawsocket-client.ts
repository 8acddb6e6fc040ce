// WAMP-over-RawSocket client used by the tester (rs://, rss://, unix:). Same rules as the WebSocket
// client: one deadline for opening, one per receive, and each way the opening fails as its own kind —
// above all the router's handshake refusal ("serializer unsupported"), which a RawSocket router sends
// instead of an HTTP error page.
import type { Socket } from 'node:net';
import type { ParsedRouterUrl } from '../../shared/wamp/router-url';
import type { WampSerializer } from '../../shared/wamp/serializers';
import {
  FRAME_TYPE,
  FrameReader,
  HANDSHAKE_ERROR,
  RAWSOCKET_MAGIC,
  SERIALIZER_IDS,
  frameHeader,
  handshakeBytes,
  handshakeErrorText,
  lengthForExponent,
  serializerName,
} from '../router/transport/rawsocket-framing';
import { QueuedConnection, type TesterConnection } from './connection';
import { classifyOpenError, openTimeout, type OpenFailure } from './open-failure';
import { openStream } from './stream-open';
import type { TlsTrust, TlsVerdict } from './tls-trust';
import type { Tracer } from './trace';

/** The tester accepts messages up to 16 MiB (exponent 15), like its WebSocket client. */
const CLIENT_EXPONENT = 15;

export type RawOpenResult = { ok: true; connection: TesterConnection; verdict?: TlsVerdict } | { ok: false; failure: OpenFailure };

export class RawSocketClientConnection extends QueuedConnection implements TesterConnection {
  private readonly reader = new FrameReader(lengthForExponent(CLIENT_EXPONENT));
  private closing = false;

  private constructor(
    private readonly socket: Socket,
    serializer: WampSerializer,
    tracer: Tracer,
    /** Largest message the router accepts (its handshake answer). */
    private readonly routerMax: number,
    rest: Buffer,
  ) {
    super(serializer, tracer);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => this.tracer.info('ERROR', error.message));
    socket.once('close', () => {
      this.tracer.info('CLOSED', `RawSocket connection closed${this.closing ? '' : ' by the server'}`);
      this.markClosed(1000, '');
    });
    if (rest.length > 0) this.onData(rest);
  }

  get protocol(): string {
    return this.serializer.subprotocol;
  }

  static async open(url: ParsedRouterUrl, serializer: WampSerializer, timeoutMs: number, tracer: Tracer, trust?: TlsTrust): Promise<RawOpenResult> {
    const started = performance.now();
    const stream = await openStream({
      target: url.socketPath !== undefined ? { path: url.socketPath } : { host: url.hostname, port: url.port },
      ...(url.tls ? { tls: trust ?? {} } : {}),
      timeoutMs,
      tracer,
      next: 'the RawSocket handshake',
      rawsocket: true,
    });
    if (!stream.ok) return stream;
    const socket = stream.socket;
    const id = SERIALIZER_IDS[serializer.id];
    tracer.info('HANDSHAKE', `RawSocket handshake: serializer ${serializerName(id)} (${id}), accepting messages up to ${lengthForExponent(CLIENT_EXPONENT)} bytes`);
    socket.write(handshakeBytes(CLIENT_EXPONENT, id));
    const left = Math.max(1, timeoutMs - (performance.now() - started));
    return new Promise((resolve) => {
      let buffered = Buffer.alloc(0);
      let settled = false;
      const finish = (result: RawOpenResult) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        socket.off('data', onData);
        socket.off('error', onError);
        socket.off('close', onClose);
        if (!result.ok) {
          socket.on('error', () => undefined);
          socket.destroy();
        }
        resolve(result);
      };
      const fail = (failure: OpenFailure) => finish({ ok: false, failure: { phase: 'upgrade_sent', ...failure } });
      const timer = setTimeout(() => fail(openTimeout('upgrade_sent', url.tls, timeoutMs, true)), left);
      const onData = (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered[0] !== RAWSOCKET_MAGIC) {
          const text = buffered.subarray(0, 64).toString('latin1');
          const http = /^HTTP\/\d/.test(text);
          fail({
            kind: 'not_rawsocket',
            error: http
              ? `the server answered with HTTP ("${text.split('\r\n')[0]}"): it is a web/WebSocket server, not a RawSocket transport`
              : `the server's first octet is 0x${buffered[0]!.toString(16).padStart(2, '0')}, not the RawSocket 0x7f`,
          });
          return;
        }
        if (buffered.length < 4) return;
        const errorCode = buffered[1]! & 0x0f ? 0 : buffered[1]! >> 4;
        if (errorCode !== 0) {
          const text = `the router refused the RawSocket handshake: ${handshakeErrorText(errorCode)} (error ${errorCode})`;
          fail({ kind: errorCode === HANDSHAKE_ERROR.serializerUnsupported ? 'rawsocket_serializer_refused' : 'rawsocket_refused', error: text, rawsocketError: errorCode });
          return;
        }
        const serializerId = buffered[1]! & 0x0f;
        if (serializerId !== id) {
          fail({ kind: 'rawsocket_refused', error: `the router's handshake answer names serializer ${serializerName(serializerId)} instead of ${serializerName(id)}` });
          return;
        }
        const routerMax = lengthForExponent(buffered[1]! >> 4);
        tracer.info('OPEN', `RawSocket open: ${serializerName(id)}, the router accepts messages up to ${routerMax} bytes`);
        finish({ ok: true, connection: new RawSocketClientConnection(socket, serializer, tracer, routerMax, buffered.subarray(4)), ...(stream.verdict ? { verdict: stream.verdict } : {}) });
      };
      const onError = (error: Error) => fail(classifyOpenError(error, url.tls, 'upgrade_sent'));
      const onClose = () => fail({ kind: 'closed_during_upgrade', error: 'the server closed the connection without answering the RawSocket handshake' });
      socket.on('data', onData);
      socket.on('error', onError);
      socket.once('close', onClose);
    });
  }

  send(message: unknown[]): void {
    const data = this.serializer.encode(message);
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    this.tracer.frame('out', message, bytes.length);
    if (bytes.length > this.routerMax) {
      this.tracer.info('TOO LARGE', `not sent: ${bytes.length} bytes is more than the ${this.routerMax} the router accepts`);
      return;
    }
    if (!this.socket.destroyed) this.socket.write(Buffer.concat([frameHeader(FRAME_TYPE.message, bytes.length), bytes]));
  }

  async close(timeoutMs: number): Promise<void> {
    if (this.closedWith) return;
    this.closing = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.socket.destroy();
        resolve();
      }, timeoutMs);
      this.socket.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.socket.end();
    });
  }

  private onData(chunk: Buffer): void {
    this.reader.push(chunk);
    for (;;) {
      const next = this.reader.next();
      if (next.kind === 'need-more') return;
      if (next.kind === 'error') {
        this.tracer.info('ERROR', `RawSocket protocol error from the router: ${next.message}`);
        this.push({ type: 'invalid', error: next.message });
        this.socket.destroy();
        return;
      }
      if (next.type === FRAME_TYPE.ping) {
        this.tracer.info('PING', `RawSocket PING (${next.payload.length} bytes); answering PONG`);
        this.socket.write(Buffer.concat([frameHeader(FRAME_TYPE.pong, next.payload.length), next.payload]));
      } else if (next.type === FRAME_TYPE.message) {
        this.deliver(this.serializer.binary ? new Uint8Array(next.payload.buffer, next.payload.byteOffset, next.payload.length) : next.payload.toString('utf8'), next.payload.length, 'RawSocket frame');
      }
    }
  }
}
