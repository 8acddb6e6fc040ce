// Google Authenticator's migration format cannot carry every account (Steam, unusual periods…);
// the export panel lists the ones left out so nobody assumes a complete transfer.
import type { AccountView, MigrationQr } from '../../../shared/api/types';

export function accountsNotInMigration<T extends Pick<AccountView, 'id'>>(accounts: readonly T[], qrs: readonly MigrationQr[]): T[] {
  const included = new Set(qrs.flatMap((q) => q.accountIds));
  return accounts.filter((a) => !included.has(a.id));
}

/** "2025-01-31" in local time. */
function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** "authbahn-accounts-2025-01-31.txt" in local time. */
export function exportFileName(date: Date): string {
  return `authbahn-accounts-${localDate(date)}.txt`;
}

/** "authbahn-aegis-backup-2025-01-31.json" (encrypted) or "authbahn-aegis-plain-2025-01-31.json". */
export function aegisFileName(date: Date, encrypted: boolean): string {
  return `authbahn-aegis-${encrypted ? 'backup' : 'plain'}-${localDate(date)}.json`;
}
