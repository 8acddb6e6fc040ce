// The three WAMP serializers: JSON (json-serializer.ts, which also holds the interface) and the binary
// ones, MessagePack and CBOR. The router needs all three; the connection tester loads this module only
// when a test uses msgpack or cbor (see main/tester/load-serializer.ts).
import { Packr } from 'msgpackr';
import { Encoder } from 'cbor-x';
import { widenIntegers } from './binary';
import { errorText, jsonSerializer as json, SUBPROTOCOL_OF, WampDecodeError, type SerializerId, type WampSerializer } from './json-serializer';

export { SUBPROTOCOL_OF, WampDecodeError, type SerializerId, type WampSerializer } from './json-serializer';

const textEncoder = new TextEncoder();

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
  subprotocol: SUBPROTOCOL_OF.msgpack,
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
  subprotocol: SUBPROTOCOL_OF.cbor,
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
