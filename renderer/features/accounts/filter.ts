// Search: every whitespace-separated term must occur in the issuer, the label or a tag,
// ignoring case and accents ("gith ali" finds "GitHub: alice", "zurich" finds "Zürich").
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

export function filterAccounts<T extends Searchable>(accounts: readonly T[], query: string): T[] {
  return accounts.filter((a) => matchesQuery(a, query));
}
