// The "secrets without an account" status warning, shared by both composition roots (services.ts and
// account-services.ts): kept current at start and after a recovery.
import { orphanSecretsWarning } from '../../shared/api/orphan-secrets';
import type { AccountsService } from './accounts-service';
import type { MetadataFile } from './metadata-file';
import type { Warnings } from './warnings';

/** Looks for orphans (takes the accounts lock, may write the ledger) and sets or clears the warning. */
export async function updateOrphanWarning(accounts: AccountsService, warnings: Warnings): Promise<void> {
  try {
    const orphans = await accounts.orphans();
    warnings.set('orphans', orphans.length === 0 ? null : orphanSecretsWarning(orphans.length));
  } catch (error) {
    warnings.add(`Could not check the keychain for secrets without an account: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * Whether updateOrphanWarning could find anything, decided from the files alone, without the lock and
 * without the keychain: an orphan is an id the keychain ledger records and accounts.json does not have
 * (AccountsService.orphans checks exactly those). An unreadable ledger counts as "maybe": the full check
 * sets it aside and says so.
 */
export async function mayHaveOrphans(metadata: MetadataFile): Promise<boolean> {
  const ledger = await metadata.ledger.peek();
  if (ledger === 'missing') return false;
  if (ledger === 'unreadable') return true;
  const known = new Set((await metadata.read()).map((a) => a.id));
  return [...ledger].some((id) => !known.has(id));
}
