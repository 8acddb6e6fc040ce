// Reading an account's secret from the keychain, with the one error users can act on when it is gone.
import { AppError } from '../../shared/api/errors';
import { accountSecretKey, type SecretStore } from '../vault/secret-store';
import type { AccountRecord } from './account-record';

export function displayName(record: Pick<AccountRecord, 'issuer' | 'label'>): string {
  return record.issuer ? `${record.issuer} (${record.label})` : record.label;
}

/** The secret, or KEYCHAIN_ERROR when the item was deleted behind our back (another tool, a keyring reset). */
export async function requireSecret(secrets: SecretStore, record: AccountRecord): Promise<string> {
  const secret = await secrets.get(accountSecretKey(record.id));
  if (secret === null) throw missingSecretError([record]);
  return secret;
}

export function missingSecretError(records: AccountRecord[]): AppError {
  const names = records.map(displayName).join(', ');
  return new AppError(
    'KEYCHAIN_ERROR',
    `The secret of ${records.length === 1 ? 'account' : `${records.length} accounts:`} ${names} is missing from the keychain. ` +
      'Edit the account and enter its secret again, or remove it.',
    { ids: records.map((r) => r.id) },
  );
}
