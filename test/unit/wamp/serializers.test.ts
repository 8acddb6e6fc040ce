import { describe, expect, it } from 'vitest';
import { SERIALIZERS, WampDecodeError, serializerForSubprotocol, type SerializerId } from '../../../shared/wamp/serializers';

const ids: SerializerId[] = ['json', 'msgpack', 'cbor'];
const bigId = 2 ** 53;

describe.each(ids)('%s serializer', (id) => {
  const s = SERIALIZERS[id];

  it('round-trips a message with ids above 32 bits, nested dicts, unicode and binary', () => {
    const msg = [36, bigId, 4294967297, { publisher: 123 }, ['ä✓', 1.5, -7, null, true, new Uint8Array([0, 1, 255])], { deep: { list: [1, { x: -(2 ** 40) }] } }];
    const decoded = s.decode(s.encode(msg)) as unknown[];
    expect(decoded[1]).toBe(bigId);
    expect(decoded[2]).toBe(4294967297);
    expect(decoded[3]).toEqual({ publisher: 123 });
    const args = decoded[4] as unknown[];
    expect(args.slice(0, 5)).toEqual(['ä✓', 1.5, -7, null, true]);
    expect(Array.from(args[5] as Uint8Array)).toEqual([0, 1, 255]);
    expect(decoded[5]).toEqual({ deep: { list: [1, { x: -(2 ** 40) }] } });
  });

  it('does not mutate the message it encodes', () => {
    const msg = [2, bigId, { x: bigId }];
    s.encode(msg);
    expect(msg).toEqual([2, bigId, { x: bigId }]);
  });

  it('maps its subprotocol back to itself', () => {
    expect(serializerForSubprotocol(s.subprotocol)).toBe(s);
    expect(s.binary).toBe(id !== 'json');
  });

  it('throws WampDecodeError on garbage', () => {
    const garbage: (string | Uint8Array)[] = [new Uint8Array([]), new Uint8Array([0xc1]), new Uint8Array([0x93, 0x01]), new Uint8Array([0xff, 0x01, 0x02]), new Uint8Array([0x01, 0x02]), '[1, "a"', new Uint8Array([0xff, 0xfe, 0xfd])];
    for (const g of garbage) {
      let thrown: unknown;
      try {
        s.decode(g);
      } catch (err) {
        thrown = err;
      }
      // Some byte strings are valid in one format (0x01 0x02 is not; 0x93 0x01 is a truncated list in msgpack).
      if (thrown !== undefined) expect(thrown).toBeInstanceOf(WampDecodeError);
    }
    expect(() => s.decode(new Uint8Array([]))).toThrow(WampDecodeError);
    expect(() => s.decode(new Uint8Array([0xff, 0xfe, 0xfd]))).toThrow(WampDecodeError);
  });
});

describe('json binary convention', () => {
  it('writes binary as "\\0" + base64 and reads it back', () => {
    const text = SERIALIZERS.json.encode([1, new Uint8Array([1, 2, 3])]) as string;
    expect(text).toBe('[1,"\\u0000AQID"]');
    const back = SERIALIZERS.json.decode(text) as unknown[];
    expect(back[1]).toBeInstanceOf(Uint8Array);
  });

  it('decodes UTF-8 bytes as JSON too and rejects invalid UTF-8', () => {
    expect(SERIALIZERS.json.decode(new TextEncoder().encode('[6,{},"x"]'))).toEqual([6, {}, 'x']);
    expect(() => SERIALIZERS.json.decode(new Uint8Array([0x5b, 0xff, 0x5d]))).toThrow(WampDecodeError);
  });
});

describe('msgpack/cbor strictness', () => {
  it('rejects trailing bytes and reserved bytes', () => {
    expect(() => SERIALIZERS.msgpack.decode(new Uint8Array([0x01, 0x02]))).toThrow(WampDecodeError);
    expect(() => SERIALIZERS.msgpack.decode(new Uint8Array([0xc1]))).toThrow(WampDecodeError);
    expect(() => SERIALIZERS.cbor.decode(new Uint8Array([0x01, 0x02]))).toThrow(WampDecodeError);
  });

  it('rejects CBOR bignums (they would break JSON peers)', () => {
    // [1, bignum 2^64] : 0x82 0x01 0xc2 0x49 0x01 00*8
    const frame = new Uint8Array([0x82, 0x01, 0xc2, 0x49, 0x01, 0, 0, 0, 0, 0, 0, 0, 0]);
    expect(() => SERIALIZERS.cbor.decode(frame)).toThrow(/64-bit/);
  });

  it('writes 53-bit ids as integers, not floats', () => {
    const mp = SERIALIZERS.msgpack.encode([2, bigId]) as Uint8Array;
    expect(mp[2]).toBe(0xd3); // int64
    const cb = SERIALIZERS.cbor.encode([2, bigId]) as Uint8Array;
    expect(cb[2]).toBe(0x1b); // uint64
  });
});

describe('serializerForSubprotocol', () => {
  it('returns undefined for unknown protocols', () => {
    expect(serializerForSubprotocol('wamp.2.ubjson')).toBeUndefined();
    expect(serializerForSubprotocol('')).toBeUndefined();
  });
});
