import { describe, expect, it } from 'vitest';
import { frameOne, splitBatch, BatchError } from '../../../../main/router/transport/batching';
import { chooseSubprotocol } from '../../../../main/router/transport/negotiate';
import { SERIALIZERS } from '../../../../shared/wamp/serializers';

describe('batched framing', () => {
  it('writes JSON batches with Autobahn\'s 0x18 separator and reads 0x18 or the spec\'s 0x1E', () => {
    expect(frameOne('[2]', false)).toBe('[2]\u0018');
    const frame = Buffer.from([frameOne('[1,"a\\u001e"]', false), '[2]\u001e', '[3]\u0018'].join(''));
    expect(splitBatch(frame, false)).toEqual(['[1,"a\\u001e"]', '[2]', '[3]']);
    expect(JSON.parse(splitBatch(frame, false)[0] as string)).toEqual([1, 'a\u001e']);
  });

  it('round-trips length-prefixed binary messages', () => {
    const a = SERIALIZERS.msgpack.encode([1, 'realm', {}]) as Uint8Array;
    const b = SERIALIZERS.msgpack.encode([6, {}, 'x']) as Uint8Array;
    const frame = Buffer.concat([frameOne(a, true) as Uint8Array, frameOne(b, true) as Uint8Array]);
    const parts = splitBatch(frame, true);
    expect(parts.map((p) => SERIALIZERS.msgpack.decode(p))).toEqual([[1, 'realm', {}], [6, {}, 'x']]);
  });

  it('rejects truncated binary batches', () => {
    expect(() => splitBatch(Buffer.from([0, 0, 0]), true)).toThrow(BatchError);
    expect(() => splitBatch(Buffer.from([0, 0, 0, 9, 1, 2]), true)).toThrow(/runs past the end/);
  });

  it('negotiates batched subprotocols', () => {
    expect(chooseSubprotocol(['wamp.2.msgpack.batched'], ['json', 'msgpack'])).toMatchObject({ protocol: 'wamp.2.msgpack.batched', batched: true, serializer: { id: 'msgpack' } });
    expect(chooseSubprotocol(['wamp.2.cbor.batched'], ['json'])).toBeUndefined();
    expect(chooseSubprotocol(['wamp.2.json'], ['json'])?.batched).toBe(false);
  });
});
