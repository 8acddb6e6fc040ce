import { describe, expect, it } from 'vitest';
import { filterAccounts, foldForSearch, hasTag, keepTagFilter, matchesQuery } from '../../../renderer/features/accounts/filter';

const accounts = [
  { id: '1', issuer: 'GitHub', label: 'alice@example.com', tags: ['work'] },
  { id: '2', issuer: 'AWS', label: 'root', tags: ['prod', 'billing'] },
  { id: '3', issuer: 'Crossbar Router', label: 'ops', tags: [] },
  { id: '4', issuer: '', label: 'Zürich VPN', tags: [] },
];
const ids = (query: string) => filterAccounts(accounts, query).map((a) => a.id);

describe('filterAccounts', () => {
  it('returns everything for an empty or blank query', () => {
    expect(ids('')).toEqual(['1', '2', '3', '4']);
    expect(ids('   ')).toEqual(['1', '2', '3', '4']);
  });

  it('matches issuer, label and tags case-insensitively', () => {
    expect(ids('github')).toEqual(['1']);
    expect(ids('ROOT')).toEqual(['2']);
    expect(ids('billing')).toEqual(['2']);
    expect(ids('Work')).toEqual(['1']);
  });

  it('matches substrings', () => {
    expect(ids('xamp')).toEqual(['1']);
    expect(ids('.com')).toEqual(['1']);
    expect(ids('oute')).toEqual(['3']);
  });

  it('requires every term to match somewhere', () => {
    expect(ids('crossbar ops')).toEqual(['3']);
    expect(ids('crossbar root')).toEqual([]);
    expect(ids('aws prod')).toEqual(['2']);
  });

  it('ignores accents', () => {
    expect(ids('zurich')).toEqual(['4']);
    expect(ids('ZÜRICH')).toEqual(['4']);
  });

  it('keeps the original order', () => {
    expect(ids('u')).toEqual(['1', '3', '4']);
  });
});

describe('matchesQuery / foldForSearch', () => {
  it('does not match text that is absent', () => {
    expect(matchesQuery(accounts[0]!, 'gitlab')).toBe(false);
  });

  it('folds case and diacritics', () => {
    expect(foldForSearch('ÉCOLE Straße')).toBe('ecole straße');
  });
});

describe('tag filter', () => {
  const tagged = [
    { id: '1', issuer: 'GitHub', label: 'alice', tags: ['work', 'Dev'] },
    { id: '2', issuer: 'GitLab', label: 'alice', tags: ['homework'] },
    { id: '3', issuer: 'AWS', label: 'root', tags: ['work', 'prod'] },
    { id: '4', issuer: 'Steam', label: 'gamer', tags: ['Privé'] },
  ];
  const byTag = (tag: string | null, query = '') => filterAccounts(tagged, query, tag).map((a) => a.id);

  it('keeps only accounts carrying the whole tag (not a tag that merely contains it)', () => {
    expect(byTag('work')).toEqual(['1', '3']);
    expect(byTag('prod')).toEqual(['3']);
  });

  it('ignores case and accents, like search', () => {
    expect(byTag('dev')).toEqual(['1']);
    expect(byTag('prive')).toEqual(['4']);
    expect(hasTag(tagged[3]!, 'PRIVÉ')).toBe(true);
  });

  it('combines with the search query', () => {
    expect(byTag('work', 'git')).toEqual(['1']);
    expect(byTag('work', 'root')).toEqual(['3']);
    expect(byTag('work', 'gamer')).toEqual([]);
  });

  it('is off for null or a blank tag', () => {
    expect(byTag(null)).toEqual(['1', '2', '3', '4']);
    expect(byTag('  ')).toEqual(['1', '2', '3', '4']);
  });

  it('drops a tag filter once no account has the tag any more, keeps it otherwise', () => {
    expect(keepTagFilter(tagged, 'work')).toBe('work');
    expect(keepTagFilter(tagged, 'WORK')).toBe('WORK');
    expect(keepTagFilter(tagged, 'gone')).toBeNull();
    expect(keepTagFilter([], 'work')).toBeNull();
    expect(keepTagFilter(tagged, null)).toBeNull();
  });
});
