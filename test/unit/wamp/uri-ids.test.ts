import { describe, expect, it } from 'vitest';
import { isValidPattern, isValidUri, parseMatchPolicy, patternMatches, wildcardMatches } from '../../../shared/wamp/uri';
import { IdSequence, MAX_ID, isWampId, randomId } from '../../../shared/wamp/ids';

describe('uri', () => {
  it('validates loose and strict URIs', () => {
    expect(isValidUri('com.example.proc')).toBe(true);
    expect(isValidUri('com.Example.proc-1')).toBe(true);
    expect(isValidUri('com.Example', { strict: true })).toBe(false);
    expect(isValidUri('com.example_1', { strict: true })).toBe(true);
    for (const bad of ['', 'a..b', '.a', 'a.', 'a b', 'a#b', 5, null]) expect(isValidUri(bad)).toBe(false);
    expect(isValidUri('a..b', { allowEmptyComponents: true })).toBe(true);
  });

  it('validates patterns per match policy', () => {
    expect(isValidPattern('com..proc', 'wildcard')).toBe(true);
    expect(isValidPattern('com.', 'prefix')).toBe(true);
    expect(isValidPattern('com.', 'exact')).toBe(false);
    expect(isValidPattern('a b', 'prefix')).toBe(false);
  });

  it('matches prefix and wildcard patterns', () => {
    expect(wildcardMatches('com..update', 'com.user.update')).toBe(true);
    expect(wildcardMatches('com..update', 'com.user.x.update')).toBe(false);
    expect(wildcardMatches('com..update', 'com.user.delete')).toBe(false);
    expect(patternMatches('com.a', 'prefix', 'com.a.b')).toBe(true);
    expect(patternMatches('com.a', 'prefix', 'com.b')).toBe(false);
    expect(patternMatches('com.a', 'exact', 'com.a')).toBe(true);
  });

  it('parses match policies', () => {
    expect(parseMatchPolicy(undefined)).toBe('exact');
    expect(parseMatchPolicy('prefix')).toBe('prefix');
    expect(parseMatchPolicy('regex')).toBeUndefined();
  });
});

describe('ids', () => {
  it('maps random bytes into [1, 2^53]', () => {
    expect(randomId(() => new Uint8Array(7))).toBe(1);
    expect(randomId(() => new Uint8Array(7).fill(255))).toBe(MAX_ID);
    for (let i = 0; i < 100; i += 1) {
      const id = randomId((n) => crypto.getRandomValues(new Uint8Array(n)));
      expect(id >= 1 && id <= MAX_ID && Number.isInteger(id)).toBe(true);
    }
  });

  it('sequences ids and validates them', () => {
    const s = new IdSequence();
    expect([s.take(), s.take()]).toEqual([1, 2]);
    expect(isWampId(0)).toBe(true);
    expect(isWampId(MAX_ID + 2)).toBe(false);
    expect(isWampId(-1)).toBe(false);
  });
});
