import { describe, expect, it } from 'vitest';
import { applyOrder, dropPositionFor, moveByDrop, moveId, moveItem } from '../../../renderer/features/accounts/reorder';

const ids = ['a', 'b', 'c', 'd'];

describe('moveItem', () => {
  it('moves forwards and backwards', () => {
    expect(moveItem(ids, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(ids, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
  });

  it('returns an unchanged copy for no-ops and bad indexes', () => {
    const same = moveItem(ids, 1, 1);
    expect(same).toEqual(ids);
    expect(same).not.toBe(ids);
    expect(moveItem(ids, -1, 2)).toEqual(ids);
    expect(moveItem(ids, 0, 4)).toEqual(ids);
  });

  it('does not mutate its input', () => {
    const input = [...ids];
    moveItem(input, 0, 3);
    expect(input).toEqual(ids);
  });
});

describe('moveId', () => {
  it('swaps with the neighbour', () => {
    expect(moveId(ids, 'b', -1)).toEqual(['b', 'a', 'c', 'd']);
    expect(moveId(ids, 'b', 1)).toEqual(['a', 'c', 'b', 'd']);
  });

  it('refuses to move past either end or an unknown id', () => {
    expect(moveId(ids, 'a', -1)).toBeNull();
    expect(moveId(ids, 'd', 1)).toBeNull();
    expect(moveId(ids, 'zz', 1)).toBeNull();
  });
});

describe('moveByDrop', () => {
  it('drops before or after a row further down', () => {
    expect(moveByDrop(ids, 'a', 'c', 'before')).toEqual(['b', 'a', 'c', 'd']);
    expect(moveByDrop(ids, 'a', 'c', 'after')).toEqual(['b', 'c', 'a', 'd']);
    expect(moveByDrop(ids, 'a', 'd', 'after')).toEqual(['b', 'c', 'd', 'a']);
  });

  it('drops before or after a row further up', () => {
    expect(moveByDrop(ids, 'd', 'b', 'before')).toEqual(['a', 'd', 'b', 'c']);
    expect(moveByDrop(ids, 'd', 'b', 'after')).toEqual(['a', 'b', 'd', 'c']);
    expect(moveByDrop(ids, 'd', 'a', 'before')).toEqual(['d', 'a', 'b', 'c']);
  });

  it('returns null when the drop would not change anything', () => {
    expect(moveByDrop(ids, 'b', 'b', 'before')).toBeNull();
    expect(moveByDrop(ids, 'b', 'c', 'before')).toBeNull(); // already right before c
    expect(moveByDrop(ids, 'b', 'a', 'after')).toBeNull(); // already right after a
    expect(moveByDrop(ids, 'x', 'a', 'after')).toBeNull();
  });

  it('always yields a permutation of the full list', () => {
    for (const drag of ids) {
      for (const target of ids) {
        for (const pos of ['before', 'after'] as const) {
          const next = moveByDrop(ids, drag, target, pos);
          if (next) expect([...next].sort()).toEqual(ids);
        }
      }
    }
  });
});

describe('dropPositionFor', () => {
  it('splits a row at its middle', () => {
    expect(dropPositionFor(100, 100, 60)).toBe('before');
    expect(dropPositionFor(129, 100, 60)).toBe('before');
    expect(dropPositionFor(130, 100, 60)).toBe('after');
    expect(dropPositionFor(160, 100, 60)).toBe('after');
  });
});

describe('applyOrder', () => {
  const items = ids.map((id) => ({ id, name: id.toUpperCase() }));

  it('sorts items by the id list', () => {
    expect(applyOrder(items, ['c', 'a', 'd', 'b']).map((i) => i.id)).toEqual(['c', 'a', 'd', 'b']);
  });

  it('keeps items missing from the list at the end in their old order', () => {
    expect(applyOrder(items, ['d', 'b']).map((i) => i.id)).toEqual(['d', 'b', 'a', 'c']);
  });
});
