// Search: every whitespace-separated term must occur in the issuer, the label or a tag,
// ignoring case and accents ("gith ali" finds "GitHub: alice", "zurich" finds "Zürich").
// A tag filter (a clicked tag) narrows further: only accounts carrying that exact tag, case and accents aside.
import type { AccountView } from '../../../shared/api/types';

type Searchable = Pick<AccountView, 'issuer' | 'label' | 'tags'>;

export function foldForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
}

export function searchTerms(query: string): string[] {
  return foldForSearch(query).split(/\s+/).filter((t) => t.length > 0);
}

export function matchesQuery(account: Searchable, query: string): boolean {
  const terms = searchTerms(query);
  if (terms.length === 0) return true;
  const haystacks = [account.issuer, account.label, ...account.tags].map(foldForSearch);
  return terms.every((term) => haystacks.some((h) => h.includes(term)));
}

/** Whole-tag match: "work" does not pick "homework", unlike a search for it. */
export function hasTag(account: Pick<AccountView, 'tags'>, tag: string): boolean {
  const wanted = foldForSearch(tag.trim());
  return account.tags.some((t) => foldForSearch(t.trim()) === wanted);
}

/** `tag` null or empty: no tag filter. */
export function filterAccounts<T extends Searchable>(accounts: readonly T[], query: string, tag: string | null = null): T[] {
  const byTag = tag !== null && tag.trim() !== '';
  return accounts.filter((a) => (!byTag || hasTag(a, tag)) && matchesQuery(a, query));
}

/**
 * The tag filter after the list changed: kept while some account still has the tag (the user may be
 * editing those accounts), dropped when none does — a filter that can only show "no matches" helps nobody.
 */
export function keepTagFilter(accounts: readonly Pick<AccountView, 'tags'>[], tag: string | null): string | null {
  return tag !== null && accounts.some((a) => hasTag(a, tag)) ? tag : null;
}
