import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../../shared/api/types';
import { matchAccount, matchExact, requireAccount } from '../../../main/cli/find-account';

const account = (id: string, issuer: string, label: string): AccountView => ({
  id,
  issuer,
  label,
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  tags: [],
  order: 0,
  secretBits: 160,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

const accounts = [
  account('a1b2c3d4e5f60708', 'GitHub', 'alice'),
  account('b1b2c3d4e5f60708', 'GitHub', 'alice-work'),
  account('c1b2c3d4e5f60708', 'GitLab', 'bob'),
  account('d1b2c3d4e5f60708', '', 'router:admin'),
];

const id = (query: string) => {
  const m = matchAccount(accounts, query);
  return m.ok ? m.account.id : m.candidates.map((c) => c.id);
};

describe('matchAccount', () => {
  it('exact id and exact issuer:label first', () => {
    expect(id('c1b2c3d4e5f60708')).toBe('c1b2c3d4e5f60708');
    expect(id('github:ALICE')).toBe('a1b2c3d4e5f60708');
    expect(id(':router:admin')).toBe('d1b2c3d4e5f60708');
  });

  it('a unique case-insensitive substring of "issuer label"', () => {
    expect(id('gitlab')).toBe('c1b2c3d4e5f60708');
    expect(id('WORK')).toBe('b1b2c3d4e5f60708');
    expect(id('hub alice-')).toBe('b1b2c3d4e5f60708');
    expect(id('router')).toBe('d1b2c3d4e5f60708');
  });

  it('among several hits, an account named exactly that wins; otherwise all candidates', () => {
    expect(id('github alice')).toBe('a1b2c3d4e5f60708');
    expect(id('alice')).toBe('a1b2c3d4e5f60708');
    expect(id('github')).toEqual(['a1b2c3d4e5f60708', 'b1b2c3d4e5f60708']);
  });

  it('a unique id prefix of 4+ characters', () => {
    expect(id('c1b2')).toBe('c1b2c3d4e5f60708');
    expect(id('c1b')).toEqual([]);
  });

  it('nothing for no match or an empty query', () => {
    expect(id('bitbucket')).toEqual([]);
    expect(id('  ')).toEqual([]);
  });

  it('matchExact never matches loosely', () => {
    expect(matchExact(accounts, 'gitlab')).toBeUndefined();
    expect(matchExact(accounts, 'GitLab:bob')?.id).toBe('c1b2c3d4e5f60708');
    expect(matchExact(accounts, 'c1b2')).toBeUndefined();
  });

  it('requireAccount lists the candidates when ambiguous', () => {
    expect(() => requireAccount(accounts, 'github')).toThrow(/"github" matches 2 accounts.*\n  GitHub \/ alice \[a1b2c3d4e5f60708\]\n  GitHub \/ alice-work/s);
    expect(() => requireAccount([], 'x')).toThrow(/there are no accounts yet/);
  });
});
