// Vectors computed with Autobahn|Python 22.7 (autobahn.wamp.auth.derive_key / compute_wcs) under /usr/bin/python3.
import { describe, expect, it } from 'vitest';
import { buildCraChallenge, craSignaturesEqual, deriveCraKey, signCraChallenge } from '../../../shared/wamp/cra';

describe('WAMP-CRA', () => {
  it('derives salted keys like autobahn.wamp.auth.derive_key', () => {
    expect(deriveCraKey('secret', 'salt', 1000, 32)).toBe('qN+JnzxPIE2WfgrWPAkph8EAVeuwF7PZ0ordIY1Peq0=');
    expect(deriveCraKey('secret', 'salt')).toBe('qN+JnzxPIE2WfgrWPAkph8EAVeuwF7PZ0ordIY1Peq0=');
    expect(deriveCraKey('secret2', 'salt123', 100, 16)).toBe('LG5/FwnS5WvgmlEyLPk/pQ==');
    expect(deriveCraKey('pässwörd', 'sält', 500, 16)).toBe('bFU6GME9D3p+rRIu6vPTKg==');
  });

  it('signs challenges like autobahn.wamp.auth.compute_wcs', () => {
    expect(signCraChallenge('secret', 'hello world')).toBe('c0zGLzKEFWj0VxWuufTXiRMk5tlI5MbGDAYhzaxIYjo=');
    expect(signCraChallenge('päßwörd', 'chällenge')).toBe('OV/krq6935UqevW68XWI2+n4oI6h+GdQ1PGrWxHW9NY=');
    expect(signCraChallenge(deriveCraKey('secret', 'salt', 1000, 32), '{"nonce":"x"}')).toBe('sSzvihxopFOm/jwLYk/OtnlMnq4C52nOfWOf2KymuoE=');
    expect(signCraChallenge('LG5/FwnS5WvgmlEyLPk/pQ==', '{"authid":"joe"}')).toBe('j9M1Qqixqh9SlVQb299XrZt81Nz5SVRzm3b2uYU9dqE=');
  });

  it('compares signatures', () => {
    expect(craSignaturesEqual('abc', 'abc')).toBe(true);
    expect(craSignaturesEqual('abc', 'abd')).toBe(false);
    expect(craSignaturesEqual('abc', 'abcd')).toBe(false);
    expect(craSignaturesEqual('', '')).toBe(true);
  });

  it('builds a Crossbar-shaped challenge', () => {
    const c = JSON.parse(buildCraChallenge({ authid: 'joe', authrole: 'user', authprovider: 'static', nonce: 'n', timestamp: 't', session: 5 }));
    expect(c).toEqual({ authid: 'joe', authrole: 'user', authmethod: 'wampcra', authprovider: 'static', nonce: 'n', timestamp: 't', session: 5 });
  });
});
