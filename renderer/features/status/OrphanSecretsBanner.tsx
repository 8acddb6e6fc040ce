// "N keychain secrets without an account — Restore": restored secrets become accounts (under their old
// name when the backup knows it, else "Recovered secret") that the user checks and renames. Nothing is
// ever deleted from here.
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import type { OrphanSecretsState } from './useOrphanSecrets';

export function OrphanSecretsBanner({ orphans, restoring, error, restoreAll }: OrphanSecretsState) {
  if (orphans.length === 0 && !error) return null;
  const n = orphans.length;
  return (
    <Banner kind="warning" title={n > 0 ? `${n} keychain ${n === 1 ? 'secret' : 'secrets'} without an account` : undefined} testId="orphan-secrets-banner">
      {n > 0 && (
        <>
          An add or remove was interrupted, or the account file was damaged. Restore {n === 1 ? 'it' : 'them'} as{' '}
          {n === 1 ? 'an account' : 'accounts'}, then check the codes and edit the names.{' '}
          <Button size="sm" disabled={restoring} testId="orphan-secrets-restore" onClick={() => void restoreAll()}>
            {restoring ? 'Restoring…' : 'Restore'}
          </Button>
        </>
      )}
      {error && <p>{error.message}</p>}
    </Banner>
  );
}
