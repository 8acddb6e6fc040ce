// TOTP codes of a stored authenticator account, for profiles that log in with "TOTP as ticket":
// the tester reads the account's secret through the same keychain store as the authenticator.
import { AppError } from '../../shared/api/errors';
import { codeWindow } from '../../shared/otp/generate';
import { displayName, requireSecret } from '../accounts/account-secrets';
import type { MetadataFile } from '../accounts/metadata-file';
import type { SecretStore } from '../vault/secret-store';
import type { TotpCode } from './credentials';

export type AccountTotp = (accountId: string, atMs: number) => Promise<TotpCode>;

export function storedAccountTotp(metadata: MetadataFile, secrets: SecretStore): AccountTotp {
  return async (accountId, atMs) => {
    const record = (await metadata.read()).find((a) => a.id === accountId);
    if (!record) throw new AppError('NOT_FOUND', `No authenticator account with id "${accountId}"`, { id: accountId });
    if (record.type === 'hotp') throw new AppError('INVALID_ARGUMENT', `${displayName(record)} is an HOTP account; TOTP-ticket needs a time-based account`);
    const secret = await requireSecret(secrets, record);
    const window = codeWindow({ ...record, secret }, atMs);
    return { code: window.code, validUntil: window.validUntil ?? atMs };
  };
}
