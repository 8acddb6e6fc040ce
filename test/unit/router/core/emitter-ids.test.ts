import { describe, expect, it } from 'vitest';
import { TypedEmitter } from '../../../../main/router/events';
import { IdSource } from '../../../../main/router/id-source';

describe('TypedEmitter', () => {
  it('delivers to listeners, survives throwing ones and unsubscribes', () => {
    const e = new TypedEmitter<{ x: number }>();
    const got: number[] = [];
    e.on('x', () => {
      throw new Error('broken listener');
    });
    const off = e.on('x', (n) => got.push(n));
    e.emit('x', 1);
    off();
    e.emit('x', 2);
    expect(got).toEqual([1]);
  });
});

describe('IdSource', () => {
  it('draws ids in [1, 2^53] from a pooled buffer and skips ids in use', () => {
    let calls = 0;
    const src = new IdSource((n) => {
      calls += 1;
      return crypto.getRandomValues(new Uint8Array(n));
    });
    const ids = Array.from({ length: 1000 }, () => src.take());
    expect(ids.every((id) => Number.isInteger(id) && id >= 1 && id <= 2 ** 53)).toBe(true);
    expect(new Set(ids).size).toBe(1000);
    expect(calls).toBe(4); // 256 ids per refill
    const zeros = new IdSource((n) => new Uint8Array(n)); // always id 1
    let tries = 0;
    expect(() =>
      zeros.takeUnique(() => {
        tries += 1;
        if (tries > 3) throw new Error('stop');
        return true;
      }),
    ).toThrow('stop');
  });
});
