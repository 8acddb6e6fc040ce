// The WAMP serializer interface and the JSON serializer, apart from the binary ones (serializers.ts):
// msgpackr and cbor-x are large, and a connection test over JSON (`authbahn test`, the default)
// should not load them. Each serializer decodes one WebSocket message into a plain JS value (the caller
// validates it with parseMessage) and throws WampDecodeError on anything that is not a single, complete
// value of its format — the router turns that into a protocol violation, never a crash.
import { binaryToJsonString, containsBinary, jsonStringToBinary } from './binary';

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

/** WebSocket subprotocol of each serializer, known without loading the binary ones. */
export const SUBPROTOCOL_OF: Record<SerializerId, string> = {
  json: 'wamp.2.json',
  msgpack: 'wamp.2.msgpack',
  cbor: 'wamp.2.cbor',
};

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

export function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

function jsonReplacer(this: unknown, _key: string, value: unknown): unknown {
  return value instanceof Uint8Array ? binaryToJsonString(value) : value;
}

function jsonReviver(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? (jsonStringToBinary(value) ?? value) : value;
}

export const jsonSerializer: WampSerializer = {
  id: 'json',
  subprotocol: SUBPROTOCOL_OF.json,
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
