// The router side of the RawSocket handshake: read the client's 4 octets (within the handshake
// timeout), pick the serializer it asked for if this transport allows it, answer with the router's
// own length limit, and hand a RawSocketConnection to the router. Refusals follow the spec: an error
// octet the client can report ("serializer unsupported"), then close. A client that sends HTTP to a
// RawSocket-only port gets a plain HTTP answer saying so, because that is what a person or the tester
// will see.
import type { Socket } from 'node:net';
import { SERIALIZERS, type SerializerId, type WampSerializer } from '../../../shared/wamp/serializers';
import type { TransportInfo } from '../auth/types';
import {
  HANDSHAKE_ERROR,
  RAWSOCKET_MAGIC,
  exponentForLength,
  handshakeBytes,
  handshakeErrorBytes,
  lengthForExponent,
  parseHandshake,
  serializerForId,
} from './rawsocket-framing';
import { RawSocketConnection } from './rawsocket-connection';
import type { WampSocket } from './wamp-socket';

export interface RawSocketAcceptorConfig {
  transportId: string;
  serializers: SerializerId[];
  /** Largest incoming message; the announced limit is the largest power of two not above it (at most 16 MiB). */
  maxMessageSize: number;
  handshakeTimeoutMs: number;
}

export interface AcceptedRawSocket {
  socket: WampSocket;
  serializer: WampSerializer;
  transport: TransportInfo;
}

export type RawSocketRefusal = (socket: Socket, reason: string) => void;

export class RawSocketAcceptor {
  private readonly exponent: number;

  constructor(
    private readonly config: RawSocketAcceptorConfig,
    private readonly onAccepted: (accepted: AcceptedRawSocket, socket: Socket) => void,
    private readonly describePeer: (socket: Socket) => { peer: string; transport: (info: TransportInfo) => TransportInfo },
  ) {
    this.exponent = exponentForLength(Math.min(config.maxMessageSize, lengthForExponent(15)));
  }

  /** Bytes the router accepts per message (what it announces). */
  get maxIncoming(): number {
    return lengthForExponent(this.exponent);
  }

  /** Take over a connected socket; `initial` holds bytes already read from it (universal transport). */
  accept(socket: Socket, initial?: Buffer): void {
    let buffered = initial ?? Buffer.alloc(0);
    const timer = setTimeout(() => socket.destroy(), this.config.handshakeTimeoutMs);
    timer.unref();
    const onData = (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      check();
    };
    const stop = () => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('close', stopOnClose);
    };
    const stopOnClose = () => clearTimeout(timer);
    const refuse = (code: number) => {
      stop();
      socket.end(handshakeErrorBytes(code));
      setTimeout(() => socket.destroy(), 1000).unref();
    };
    const check = () => {
      if (buffered.length === 0) return;
      if (buffered[0] !== RAWSOCKET_MAGIC) {
        stop();
        notRawSocket(socket, buffered);
        return;
      }
      if (buffered.length < 4) return;
      const hello = parseHandshake(buffered);
      if (hello.reservedUsed) return refuse(HANDSHAKE_ERROR.reservedBitsUsed);
      const id = serializerForId(hello.serializerId);
      if (!id || !this.config.serializers.includes(id)) return refuse(HANDSHAKE_ERROR.serializerUnsupported);
      stop();
      socket.write(handshakeBytes(this.exponent, hello.serializerId));
      const serializer = SERIALIZERS[id];
      const connection = new RawSocketConnection(socket, serializer.binary, { maxIncoming: this.maxIncoming, maxOutgoing: lengthForExponent(hello.exponent) }, buffered.subarray(4));
      const described = this.describePeer(socket);
      const transport = described.transport({
        type: 'rawsocket',
        peer: described.peer,
        protocol: serializer.subprotocol,
        transportId: this.config.transportId,
        httpHeaders: {},
      });
      this.onAccepted({ socket: connection, serializer, transport }, socket);
    };
    socket.on('data', onData);
    socket.once('close', stopOnClose);
    socket.on('error', () => socket.destroy());
    check();
  }
}

/** The first octet is not 0x7F: answer HTTP in kind (a browser, curl or a ws:// client), else just close. */
function notRawSocket(socket: Socket, first: Buffer): void {
  if (/^[A-Z]{3,7} /.test(first.subarray(0, 8).toString('latin1'))) {
    const body = 'This port speaks WAMP over RawSocket, not HTTP or WebSocket: connect with rs:// (rss:// with TLS).\n';
    socket.end(`HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
  } else {
    socket.end();
  }
  setTimeout(() => socket.destroy(), 1000).unref();
}
