// The three WAMP serializers. Each decodes one WebSocket message into a plain JS value (the caller
// validates it with parseMessage) and throws WampDecodeError on anything that is not a single,
// complete value of its format — the router turns that into a protocol violation, never a crash.
import { Packr } from 'msgpackr';
import { Encoder } from 'cbor-x';
import { binaryToJsonString, containsBinary, jsonStringToBinary, widenIntegers } from './binary';

export type SerializerId = 'json' | 'msgpack' | 'cbor';

export interface WampSerializer {
  id: SerializerId;
  /** WebSocket subprotocol, e.g. "wamp.2.json". */
  subprotocol: string;
  /** Whether frames are binary (msgpack/cbor) or text (json). */
  binary: boolean;
  encode(message: unknown[]): string | Uint8Array;
  /** Throws WampDecodeError on garbage. */
  decode(data: string | Uint8Array): unknown;
}

export class WampDecodeError extends Error {
  constructor(
    readonly serializer: SerializerId,
    message: string,
  ) {
    super(`${serializer}: ${message}`);
    this.name = 'WampDecodeError';
  }
}

const textDecoder = new TextDecoder('utf-8', { fatal: true });
const textEncoder = new TextEncoder();

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function jsonReplacer(this: unknown, _key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? binaryToJsonString(value) : value;
}

function jsonReviver(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? (jsonStringToBinary(value) ?? value) : value;
}

const json: WampSerializer = {
  id: 'json',
  subprotocol: 'wamp.2.json',
  binary: false,
  encode(message) {
    return containsBinary(message) ? JSON.stringify(message, jsonReplacer) : JSON.stringify(message);
  },
  decode(data) {
    let text: string;
    try {
      text = typeof data === 'string' ? data : textDecoder.decode(data);
    } catch {
      throw new WampDecodeError('json', 'frame is not valid UTF-8');
    }
    try {
      // Escaped NUL ("\u0000") only appears in JSON text when a binary value may be present.
      return text.includes('\\u0000') ? JSON.parse(text, jsonReviver) : JSON.parse(text);
    } catch (err) {
      throw new WampDecodeError('json', `invalid JSON (${errorText(err)})`);
    }
  },
};

function toBytes(data: string | Uint8Array): Uint8Array {
  return typeof data === 'string' ? textEncoder.encode(data) : data;
}

/** msgpackr/cbor-x return marker objects for some reserved bytes instead of throwing; reject them. */
function rejectOddValues(value: unknown, id: SerializerId, depth = 0): void {
  // CBOR bignums (tags 2/3) decode to BigInt, which no other serializer (or JSON peer) can carry.
  if (typeof value === 'bigint') throw new WampDecodeError(id, 'integer outside the 64-bit range');
  if (value === null || typeof value !== 'object' || value instanceof Uint8Array || depth > 64) return;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) rejectOddValues(value[i], id, depth + 1);
    return;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && !(value instanceof Date) && !(value instanceof Map)) {
    throw new WampDecodeError(id, `unsupported value of type ${(value as object).constructor?.name ?? 'unknown'}`);
  }
  if (value instanceof Date || value instanceof Map) return;
  for (const key in value) rejectOddValues((value as Record<string, unknown>)[key], id, depth + 1);
}

const packr = new Packr({ useRecords: false, mapsAsObjects: true, int64AsType: 'number', encodeUndefinedAsNil: true });

const msgpack: WampSerializer = {
  id: 'msgpack',
  subprotocol: 'wamp.2.msgpack',
  binary: true,
  encode(message) {
    return packr.pack(widenIntegers(message));
  },
  decode(data) {
    const bytes = toBytes(data);
    if (bytes.length === 0) throw new WampDecodeError('msgpack', 'empty frame');
    let value: unknown;
    try {
      value = packr.unpack(bytes);
    } catch (err) {
      throw new WampDecodeError('msgpack', `invalid MessagePack (${errorText(err)})`);
    }
    rejectOddValues(value, 'msgpack');
    return value;
  },
};

const cborEncoder = new Encoder({ useRecords: false, mapsAsObjects: true, tagUint8Array: false, int64AsNumber: true } as ConstructorParameters<typeof Encoder>[0]);

const cbor: WampSerializer = {
  id: 'cbor',
  subprotocol: 'wamp.2.cbor',
  binary: true,
  encode(message) {
    return cborEncoder.encode(widenIntegers(message));
  },
  decode(data) {
    const bytes = toBytes(data);
    if (bytes.length === 0) throw new WampDecodeError('cbor', 'empty frame');
    let value: unknown;
    try {
      value = cborEncoder.decode(bytes);
    } catch (err) {
      throw new WampDecodeError('cbor', `invalid CBOR (${errorText(err)})`);
    }
    rejectOddValues(value, 'cbor');
    return value;
  },
};

export const SERIALIZERS: Record<SerializerId, WampSerializer> = { json, msgpack, cbor };

/** Subprotocols in our order of preference (json first: the most interoperable). */
export const SUBPROTOCOLS = [json.subprotocol, msgpack.subprotocol, cbor.subprotocol] as const;

export function serializerForSubprotocol(protocol: string): WampSerializer | undefined {
  switch (protocol) {
    case 'wamp.2.json':
      return json;
    case 'wamp.2.msgpack':
      return msgpack;
    case 'wamp.2.cbor':
      return cbor;
    default:
      return undefined;
  }
}
