import { describe, expect, it } from 'vitest';
import { PatternIndex, type PatternEntry } from '../../../../main/router/pattern-index';
import { wildcardMatches } from '../../../../shared/wamp/uri';

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

/** The semantics the index must keep: the linear scan it replaced. */
function reference(entries: PatternEntry[], uri: string) {
  const matches = entries.filter((x) => (x.match === 'exact' ? x.uri === uri : x.match === 'prefix' ? uri.startsWith(x.uri) : wildcardMatches(x.uri, uri)));
  const exact = matches.find((x) => x.match === 'exact');
  const prefixes = matches.filter((x) => x.match === 'prefix').sort((a, b) => b.uri.length - a.uri.length);
  const score = (p: string) => {
    const parts = p.split('.');
    let leading = 0;
    while (leading < parts.length && parts[leading] !== '') leading += 1;
    return [leading, parts.filter((x) => x !== '').length] as const;
  };
  // Stable sort keeps insertion order among equal scores, as the old strict ">" scan did.
  const wild = matches.filter((x) => x.match === 'wildcard').sort((a, b) => {
    const [sa, sb] = [score(a.uri), score(b.uri)];
    return sb[0] - sa[0] || sb[1] - sa[1];
  });
  const ordered = [...(exact ? [exact] : []), ...prefixes, ...wild];
  return { matches, best: ordered[0], ordered };
}

describe('PatternIndex against the linear scan it replaced', () => {
  it('finds the same matches, best entry and candidate order for random patterns, also after removals', () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed % n;
    };
    const words = ['a', 'b', 'ab', 'com', 'x'];
    const uriOf = (len: number) => Array.from({ length: len }, () => words[rand(words.length)]).join('.');
    for (let round = 0; round < 20; round += 1) {
      const idx = new PatternIndex<PatternEntry>();
      const live: PatternEntry[] = [];
      const keys = new Set<string>();
      for (let i = 0; i < 60; i += 1) {
        const kind = rand(3);
        const base = uriOf(1 + rand(4));
        const entry: PatternEntry =
          kind === 0
            ? e(base, 'exact')
            : kind === 1
              ? e(base.slice(0, 1 + rand(base.length)), 'prefix')
              : e(base.split('.').map((p) => (rand(3) === 0 ? '' : p)).join('.'), 'wildcard');
        if (keys.has(`${entry.match}:${entry.uri}`)) continue;
        keys.add(`${entry.match}:${entry.uri}`);
        idx.add(entry);
        live.push(entry);
        if (rand(4) === 0) {
          const gone = live.splice(rand(live.length), 1)[0]!;
          idx.remove(gone);
          keys.delete(`${gone.match}:${gone.uri}`);
        }
      }
      expect(idx.size).toBe(live.length);
      for (let q = 0; q < 100; q += 1) {
        const uri = uriOf(1 + rand(4));
        const ref = reference(live, uri);
        expect(new Set(idx.matching(uri, []))).toEqual(new Set(ref.matches));
        expect(idx.best(uri)).toBe(ref.best);
        expect(idx.candidates(uri)).toEqual(ref.ordered);
      }
      for (const x of live.splice(0)) idx.remove(x);
      expect(idx.size).toBe(0);
      expect(idx.matching('a.b', [])).toEqual([]);
    }
  });

  it('splits and merges prefix edges correctly', () => {
    const idx = new PatternIndex<PatternEntry>();
    const abc = e('com.abc', 'prefix');
    const ab = e('com.ab', 'prefix');
    const abd = e('com.abd', 'prefix');
    idx.add(abc);
    idx.add(abd);
    idx.add(ab);
    expect(idx.candidates('com.abcd')).toEqual([abc, ab]);
    idx.remove(ab);
    expect(idx.candidates('com.abcd')).toEqual([abc]);
    expect(idx.candidates('com.abd')).toEqual([abd]);
    idx.remove(abc);
    expect(idx.candidates('com.abcd')).toEqual([]);
    expect(idx.best('com.abdx')).toBe(abd);
  });
});

describe('PatternIndex cost', () => {
  // A session once held 20k wildcard patterns and each publish scanned them all (~8 ms). The work of
  // a lookup is measured by what it reads: the entries' uri (the old scan split every one) and the
  // nodes the index visits.
  function countingEntries(n: number, make: (i: number) => string, match: PatternEntry['match']) {
    const reads = { count: 0 };
    const entries = Array.from({ length: n }, (_, i) => {
      const uri = make(i);
      return {
        match,
        get uri() {
          reads.count += 1;
          return uri;
        },
      } as PatternEntry;
    });
    return { entries, reads };
  }

  function lookupWork(n: number) {
    const idx = new PatternIndex<PatternEntry>();
    const wild = countingEntries(n, (i) => `com.w${i}..x`, 'wildcard');
    const prefix = countingEntries(n, (i) => `org.p${i}.`, 'prefix');
    for (const x of [...wild.entries, ...prefix.entries]) idx.add(x);
    wild.reads.count = 0;
    prefix.reads.count = 0;
    const before = idx.nodesVisited;
    const hit = idx.matching('com.w7.any.x', []);
    const miss = idx.matching('com.other.topic.y', []);
    const best = idx.best('com.w9.y.x');
    const prefixHit = idx.matching('org.p5.deep.topic', []);
    return { hit, miss, best, prefixHit, uriReads: wild.reads.count + prefix.reads.count, nodes: idx.nodesVisited - before, wild };
  }

  it('looks up a URI among 20,000 wildcard and 20,000 prefix patterns without touching the others', () => {
    const small = lookupWork(20);
    const large = lookupWork(20_000);
    expect(large.hit).toEqual([large.wild.entries[7]]);
    expect(large.miss).toEqual([]);
    expect(large.best).toBe(large.wild.entries[9]);
    expect(large.prefixHit.length).toBe(1);
    expect(large.uriReads).toBeLessThanOrEqual(4); // the test's own expectations above read none; allow a few
    // The work depends on the URI looked up (a radix edge may split at one more digit), not on the count.
    expect(large.nodes).toBeLessThanOrEqual(small.nodes + 8);
    expect(large.nodes).toBeLessThan(50);
  });

  it('removes entries without touching the others', () => {
    const idx = new PatternIndex<PatternEntry>();
    const wild = countingEntries(20_000, (i) => `com.w${i}..x`, 'wildcard');
    for (const x of wild.entries) idx.add(x);
    wild.reads.count = 0;
    for (const x of wild.entries.slice(0, 100)) idx.remove(x);
    expect(wild.reads.count).toBeLessThanOrEqual(100 * 4);
    expect(idx.size).toBe(19_900);
  });
});
