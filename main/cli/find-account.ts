// Resolving the ACCOUNT argument of CLI commands to one account.
import type { AccountView } from '../../shared/api/types';
import { CliFailure } from './errors';

export type Match = { ok: true; account: AccountView } | { ok: false; candidates: AccountView[] };

const fold = (s: string) => s.trim().toLocaleLowerCase();
const fullName = (a: AccountView) => (a.issuer ? `${a.issuer} ${a.label}` : a.label);

/** Exact id, or exact "issuer:label" (case-insensitive). Used where a loose match would be dangerous (remove). */
export function matchExact(accounts: AccountView[], query: string): AccountView | undefined {
  const byId = accounts.find((a) => a.id === query);
  if (byId) return byId;
  const colon = query.indexOf(':');
  if (colon < 0) return undefined;
  const issuer = fold(query.slice(0, colon));
  const label = fold(query.slice(colon + 1));
  const hits = accounts.filter((a) => fold(a.issuer) === issuer && fold(a.label) === label);
  return hits.length === 1 ? hits[0] : undefined;
}

/**
 * Exact id or "issuer:label" first; then a case-insensitive substring of "issuer label" that only one
 * account contains (if several contain it but exactly one is named exactly that, it wins); finally a
 * unique id prefix of at least 4 characters.
 */
export function matchAccount(accounts: AccountView[], query: string): Match {
  const exact = matchExact(accounts, query);
  if (exact) return { ok: true, account: exact };
  const q = fold(query);
  if (q === '') return { ok: false, candidates: [] };
  const hits = accounts.filter((a) => fold(fullName(a)).includes(q));
  if (hits.length === 1) return { ok: true, account: hits[0]! };
  if (hits.length > 1) {
    const named = hits.filter((a) => fold(fullName(a)) === q || fold(a.label) === q);
    if (named.length === 1) return { ok: true, account: named[0]! };
    return { ok: false, candidates: hits };
  }
  if (query.length >= 4) {
    const prefixed = accounts.filter((a) => a.id.startsWith(query));
    if (prefixed.length === 1) return { ok: true, account: prefixed[0]! };
    if (prefixed.length > 1) return { ok: false, candidates: prefixed };
  }
  return { ok: false, candidates: [] };
}

export function describeAccount(a: AccountView): string {
  return `${a.issuer ? `${a.issuer} / ` : ''}${a.label} [${a.id}]`;
}

/** matchAccount, or a CliFailure (exit 1) that lists the candidates. */
export function requireAccount(accounts: AccountView[], query: string): AccountView {
  const match = matchAccount(accounts, query);
  if (match.ok) return match.account;
  if (match.candidates.length === 0) {
    throw new CliFailure(
      accounts.length === 0
        ? `no account matches "${query}" — there are no accounts yet (add one with: authbahn accounts add URI)`
        : `no account matches "${query}" (see: authbahn accounts list)`,
    );
  }
  const list = match.candidates.map((a) => `  ${describeAccount(a)}`).join('\n');
  throw new CliFailure(`"${query}" matches ${match.candidates.length} accounts; be more specific or use the id:\n${list}`);
}
