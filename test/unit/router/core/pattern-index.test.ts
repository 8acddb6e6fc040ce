import { describe, expect, it } from 'vitest';
import { PatternIndex, type PatternEntry } from '../../../../main/router/pattern-index';

const e = (uri: string, match: PatternEntry['match']) => ({ uri, match });

describe('PatternIndex', () => {
  it('finds every matching entry for the broker', () => {
    const idx = new PatternIndex<PatternEntry>();
    const entries = [e('com.a.b', 'exact'), e('com.a', 'prefix'), e('com', 'prefix'), e('com..b', 'wildcard'), e('..c', 'wildcard'), e('com.x', 'exact')];
    for (const x of entries) idx.add(x);
    expect(idx.matching('com.a.b', []).map((x) => `${x.match}:${x.uri}`).sort()).toEqual(['exact:com.a.b', 'prefix:com', 'prefix:com.a', 'wildcard:com..b']);
    expect(idx.matching('org.b.c', []).map((x) => x.uri)).toEqual(['..c']);
    expect(idx.size).toBe(6);
  });

  it('chooses exact over longest prefix over wildcard for the dealer', () => {
    const idx = new PatternIndex<PatternEntry>();
    const wild = e('com..b', 'wildcard');
    const wild2 = e('com.a.', 'wildcard');
    const short = e('com', 'prefix');
    const long = e('com.a', 'prefix');
    const exact = e('com.a.b', 'exact');
    idx.add(wild);
    idx.add(wild2);
    expect(idx.best('com.a.b')).toBe(wild2); // longer literal run before the first wildcard component
    expect(idx.best('com.z.b')).toBe(wild);
    idx.add(short);
    expect(idx.best('com.a.b')).toBe(short);
    idx.add(long);
    expect(idx.best('com.a.b')).toBe(long);
    idx.add(exact);
    expect(idx.best('com.a.b')).toBe(exact);
    idx.remove(exact);
    expect(idx.best('com.a.b')).toBe(long);
    expect(idx.best('org.x')).toBeUndefined();
  });

  it('keys entries by (uri, match)', () => {
    const idx = new PatternIndex<PatternEntry>();
    const a = e('com.a', 'exact');
    const b = e('com.a', 'prefix');
    idx.add(a);
    idx.add(b);
    expect(idx.get('com.a', 'exact')).toBe(a);
    expect(idx.get('com.a', 'prefix')).toBe(b);
    expect(idx.get('com.a', 'wildcard')).toBeUndefined();
  });
});
