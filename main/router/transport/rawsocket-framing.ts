// WAMP-over-RawSocket framing (WAMP spec, "RawSocket Transport"), shared by the router and the tester.
//
// Handshake: the client sends 4 octets 0x7F, LLLL SSSS, 0x00, 0x00 — L: it accepts messages up to
// 2^(9+L) bytes, S: serializer (1 JSON, 2 MessagePack, 3 CBOR). The router answers 0x7F, LLLL SSSS, 0, 0
// with its own limit and the same serializer, or 0x7F, EEEE 0000, 0, 0 with an error code, and closes.
// Frames: 1 octet (5 reserved zero bits, 3 bits type: 0 message, 1 PING, 2 PONG), a 3-octet big-endian
// payload length, the payload. A PING is answered with a PONG carrying the same payload.
import type { SerializerId } from '../../../shared/wamp/serializers';

export const RAWSOCKET_MAGIC = 0x7f;

export const SERIALIZER_IDS: Record<SerializerId, number> = { json: 1, msgpack: 2, cbor: 3 };
const SERIALIZER_NAMES: Record<number, string> = { 1: 'JSON', 2: 'MessagePack', 3: 'CBOR', 4: 'UBJSON', 5: 'FlatBuffers' };

export function serializerForId(id: number): SerializerId | undefined {
  return (Object.keys(SERIALIZER_IDS) as SerializerId[]).find((s) => SERIALIZER_IDS[s] === id);
}

export function serializerName(id: number): string {
  return SERIALIZER_NAMES[id] ?? `unknown serializer ${id}`;
}

/** Handshake error codes (upper nibble of the router's second octet). */
export const HANDSHAKE_ERROR = {
  serializerUnsupported: 1,
  maxLengthUnacceptable: 2,
  reservedBitsUsed: 3,
  maxConnectionCount: 4,
} as const;

export function handshakeErrorText(code: number): string {
  switch (code) {
    case HANDSHAKE_ERROR.serializerUnsupported:
      return 'serializer unsupported';
    case HANDSHAKE_ERROR.maxLengthUnacceptable:
      return 'maximum message length unacceptable';
    case HANDSHAKE_ERROR.reservedBitsUsed:
      return 'use of reserved bits (unsupported feature)';
    case HANDSHAKE_ERROR.maxConnectionCount:
      return 'maximum connection count reached';
    default:
      return `error code ${code}`;
  }
}

export const FRAME_TYPE = { message: 0, ping: 1, pong: 2 } as const;

/** Largest payload the 3-octet length can carry, and the largest limit the handshake can announce (2^24). */
export const MAX_FRAME_PAYLOAD = 0xff_ffff;

/** 2^(9+exponent): the message length a handshake exponent announces. */
export const lengthForExponent = (exponent: number) => 2 ** (9 + exponent);

/** The largest exponent whose length is at most `maxBytes` (at least 0: 512 bytes). */
export function exponentForLength(maxBytes: number): number {
  let exponent = 0;
  while (exponent < 15 && lengthForExponent(exponent + 1) <= maxBytes) exponent += 1;
  return exponent;
}

export interface ClientHandshake {
  serializerId: number;
  exponent: number;
  /** Octets 3 and 4 were not zero. */
  reservedUsed: boolean;
}

/** The 4 handshake octets (octet 1 already checked to be 0x7F). */
export function parseHandshake(bytes: Uint8Array): ClientHandshake {
  return { exponent: bytes[1]! >> 4, serializerId: bytes[1]! & 0x0f, reservedUsed: bytes[2] !== 0 || bytes[3] !== 0 };
}

export function handshakeBytes(exponent: number, serializerId: number): Buffer {
  return Buffer.from([RAWSOCKET_MAGIC, ((exponent & 0x0f) << 4) | (serializerId & 0x0f), 0, 0]);
}

export function handshakeErrorBytes(code: number): Buffer {
  return Buffer.from([RAWSOCKET_MAGIC, (code & 0x0f) << 4, 0, 0]);
}

export function frameHeader(type: number, length: number): Buffer {
  return Buffer.from([type & 0x07, (length >>> 16) & 0xff, (length >>> 8) & 0xff, length & 0xff]);
}

export type ReadResult =
  | { kind: 'frame'; type: number; payload: Buffer }
  | { kind: 'need-more' }
  | { kind: 'error'; message: string };

/**
 * Incremental reader of a RawSocket byte stream. Chunks are kept as they arrive and joined once per
 * frame (a 16 MB frame in 64 KB reads is copied once, not 256 times), and a frame's length is checked
 * against the limit as soon as its header is in — before any of its payload is held.
 */
export class FrameReader {
  private chunks: Buffer[] = [];
  private buffered = 0;

  constructor(private readonly maxPayload: number) {}

  push(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.chunks.push(chunk);
    this.buffered += chunk.length;
  }

  get bufferedBytes(): number {
    return this.buffered;
  }

  /** Take exactly n bytes if that many are buffered (the handshake). */
  take(n: number): Buffer | undefined {
    if (this.buffered < n) return undefined;
    const first = this.chunks[0]!;
    let out: Buffer;
    if (first.length >= n) {
      out = first.subarray(0, n);
      if (first.length === n) this.chunks.shift();
      else this.chunks[0] = first.subarray(n);
    } else {
      out = Buffer.allocUnsafe(n);
      let filled = 0;
      while (filled < n) {
        const chunk = this.chunks[0]!;
        const use = Math.min(chunk.length, n - filled);
        chunk.copy(out, filled, 0, use);
        filled += use;
        if (use === chunk.length) this.chunks.shift();
        else this.chunks[0] = chunk.subarray(use);
      }
    }
    this.buffered -= n;
    return out;
  }

  private peekHeader(): Buffer | undefined {
    if (this.buffered < 4) return undefined;
    const first = this.chunks[0]!;
    if (first.length >= 4) return first;
    const head = Buffer.concat(this.chunks, Math.min(this.buffered, 8));
    return head;
  }

  next(): ReadResult {
    const head = this.peekHeader();
    if (!head) return { kind: 'need-more' };
    const typeByte = head[0]!;
    if (typeByte & 0xf8) return { kind: 'error', message: `frame header 0x${typeByte.toString(16).padStart(2, '0')} uses reserved bits` };
    const type = typeByte & 0x07;
    if (type > FRAME_TYPE.pong) return { kind: 'error', message: `frame type ${type} is reserved` };
    const length = (head[1]! << 16) | (head[2]! << 8) | head[3]!;
    if (length > this.maxPayload) return { kind: 'error', message: `a frame of ${length} bytes exceeds the negotiated maximum of ${this.maxPayload} bytes` };
    if (this.buffered < 4 + length) return { kind: 'need-more' };
    this.take(4);
    const payload = length === 0 ? Buffer.alloc(0) : this.take(length)!;
    return { kind: 'frame', type, payload };
  }
}
