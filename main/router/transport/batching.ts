// WAMP-over-WebSocket batched mode ("wamp.2.json.batched", "wamp.2.msgpack.batched",
// "wamp.2.cbor.batched"): several messages per WebSocket message. Binary messages are each prefixed
// with their length as a big-endian uint32. JSON messages each end with a separator: the spec says
// ASCII record separator 0x1E, but Autobahn|Python (and so Crossbar) writes b'\30' — octal, i.e.
// 0x18 — and splits on it. We read either and write 0x18, the byte real batched peers understand.
// Valid JSON escapes all control characters, so neither byte can occur inside a message.

const SEPARATOR_OUT = '\u0018';
const SEPARATORS_IN = /[\u0018\u001e]/;

export class BatchError extends Error {}

/** Split one WebSocket message into the encoded messages it carries. */
export function splitBatch(data: Buffer, binary: boolean): (string | Uint8Array)[] {
  if (!binary) {
    const parts = data.toString('utf8').split(SEPARATORS_IN);
    if (parts[parts.length - 1] === '') parts.pop();
    return parts;
  }
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < data.length) {
    if (i + 4 > data.length) throw new BatchError(`truncated length prefix at byte ${i} of a batched frame`);
    const len = data.readUInt32BE(i);
    i += 4;
    if (i + len > data.length) throw new BatchError(`batched message of ${len} bytes runs past the end of the frame`);
    out.push(data.subarray(i, i + len));
    i += len;
  }
  return out;
}

/** Frame one encoded message as a batch of one. */
export function frameOne(encoded: string | Uint8Array, binary: boolean): string | Uint8Array {
  if (!binary) return typeof encoded === 'string' ? encoded + SEPARATOR_OUT : Buffer.concat([encoded, Buffer.from([0x18])]);
  const bytes = typeof encoded === 'string' ? Buffer.from(encoded, 'utf8') : encoded;
  const prefix = Buffer.allocUnsafe(4);
  prefix.writeUInt32BE(bytes.length, 0);
  return Buffer.concat([prefix, bytes]);
}
