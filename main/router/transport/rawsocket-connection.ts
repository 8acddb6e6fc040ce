// One RawSocket connection after its handshake, as a WampSocket: splits the stream into frames, answers
// PINGs, and refuses frames over the limit the router announced. Every protocol fault ends the
// connection (RawSocket has no close frame: the reason goes to onClose and so to the router's log).
import type { Socket } from 'node:net';
import { FRAME_TYPE, FrameReader, frameHeader } from './rawsocket-framing';
import type { CorkableStream, WampSocket } from './wamp-socket';

/** Small messages are joined with their header into one write; larger ones go as two (no copy). */
const JOIN_BELOW = 16 * 1024;
/** How long an orderly close waits for the peer to close its side before the socket is destroyed. */
const CLOSE_GRACE_MS = 2000;

export interface RawSocketLimits {
  /** Largest message the router accepts (what it announced in the handshake). */
  maxIncoming: number;
  /** Largest message the peer accepts (what it announced). */
  maxOutgoing: number;
}

export class RawSocketConnection implements WampSocket {
  private state: 1 | 2 | 3 = 1;
  private readonly reader: FrameReader;
  private messageHandler: (data: Buffer, isBinary: boolean) => void = () => undefined;
  private readonly closeHandlers: ((code: number, reason: string) => void)[] = [];
  private failure: string | undefined;
  private closeReason: string | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly binary: boolean,
    private readonly limits: RawSocketLimits,
    /** Bytes read together with the handshake (a client may send its HELLO right behind it). */
    initial?: Buffer,
  ) {
    this.reader = new FrameReader(limits.maxIncoming);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (error) => {
      this.failure ??= error.message;
    });
    socket.once('close', () => {
      this.state = 3;
      const reason = this.failure ?? this.closeReason ?? 'connection closed';
      for (const handler of this.closeHandlers.splice(0)) handler(this.failure ? 1002 : 1000, reason);
    });
    // Delivered on the next tick: the session subscribes to messages right after construction.
    if (initial && initial.length > 0) process.nextTick(() => this.onData(initial));
  }

  get readyState(): number {
    return this.state;
  }

  get bufferedAmount(): number {
    return this.socket.writableLength;
  }

  get isPaused(): boolean {
    return this.socket.isPaused();
  }

  send(frame: string | Uint8Array, _binary: boolean): void {
    if (this.state !== 1) return;
    const length = typeof frame === 'string' ? Buffer.byteLength(frame, 'utf8') : frame.length;
    if (length > this.limits.maxOutgoing) {
      // The peer said it cannot take this; sending it anyway would make it drop the connection too.
      this.fail(`a ${length}-byte message is larger than the ${this.limits.maxOutgoing} bytes the peer accepts`);
      return;
    }
    if (typeof frame === 'string' && length < JOIN_BELOW) {
      // Header and UTF-8 text written into one buffer: one copy, one write.
      const out = Buffer.allocUnsafe(4 + length);
      out.writeUInt32BE(length, 0); // type 0 in the top octet, the length in the other three
      out.write(frame, 4, 'utf8');
      this.socket.write(out);
      return;
    }
    this.write(FRAME_TYPE.message, typeof frame === 'string' ? Buffer.from(frame, 'utf8') : frame);
  }

  private write(type: number, payload: Uint8Array): void {
    const header = frameHeader(type, payload.length);
    if (payload.length < JOIN_BELOW) {
      const out = Buffer.allocUnsafe(4 + payload.length);
      header.copy(out, 0);
      out.set(payload, 4);
      this.socket.write(out);
    } else {
      this.socket.cork();
      this.socket.write(header);
      this.socket.write(payload);
      process.nextTick(() => this.socket.uncork());
    }
  }

  close(_code: number, reason: string): void {
    if (this.state !== 1) return;
    this.state = 2;
    this.closeReason = reason;
    this.socket.end();
    setTimeout(() => this.socket.destroy(), CLOSE_GRACE_MS).unref();
  }

  terminate(): void {
    this.state = this.state === 3 ? 3 : 2;
    this.socket.destroy();
  }

  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  stream(): CorkableStream | undefined {
    return this.socket;
  }

  onMessage(handler: (data: Buffer, isBinary: boolean) => void): void {
    this.messageHandler = handler;
  }

  onClose(handler: (code: number, reason: string) => void): void {
    if (this.state === 3) handler(this.failure ? 1002 : 1000, this.failure ?? this.closeReason ?? 'connection closed');
    else this.closeHandlers.push(handler);
  }

  /** A RawSocket protocol fault: drop the connection, say why. */
  private fail(message: string): void {
    this.failure ??= message;
    this.state = 2;
    this.socket.destroy();
  }

  /** Closed, or failed: no more frames are handled (a handler may have closed the connection). */
  private isDone(): boolean {
    return this.state === 3 || this.failure !== undefined;
  }

  private onData(chunk: Buffer): void {
    if (this.isDone()) return;
    this.reader.push(chunk);
    for (;;) {
      const next = this.reader.next();
      if (next.kind === 'need-more') return;
      if (next.kind === 'error') return this.fail(`RawSocket protocol error: ${next.message}`);
      if (next.type === FRAME_TYPE.message) this.messageHandler(next.payload, this.binary);
      else if (next.type === FRAME_TYPE.ping) {
        if (this.state === 1) this.write(FRAME_TYPE.pong, next.payload);
      }
      // PONG: nothing to do (the router sends no PINGs of its own).
      if (this.isDone()) return;
    }
  }
}
