// Authenticator accounts named in suite files: a TOTP-ticket profile refers to its account by id, a
// suite by "issuer:label" (portable to another machine) — these convert between the two.
import type { MetadataFile } from '../accounts/metadata-file';
import { findAccount } from '../router/auth/secret-refs';

export interface AccountNames {
  /** "issuer:label" (or the label alone) when that names exactly this account; null otherwise. */
  name: (accountId: string) => Promise<string | null>;
  /** The id of the one account an id or "issuer:label" names, or null. */
  find: (query: string) => Promise<string | null>;
}

export function storedAccountNames(metadata: MetadataFile): AccountNames {
  const find = async (query: string): Promise<string | null> => {
    try {
      return findAccount(await metadata.read(), query).id;
    } catch {
      return null;
    }
  };
  return {
    find,
    name: async (accountId) => {
      const account = (await metadata.read()).find((a) => a.id === accountId);
      if (!account) return null;
      const name = account.issuer ? `${account.issuer}:${account.label}` : account.label;
      return (await find(name)) === accountId ? name : null;
    },
  };
}
