// One spelling of an account's name everywhere (row titles, dialogs, toasts, export notes).
import type { AccountView } from '../../../shared/api/types';

/** Display name used across the UI: "GitHub: alice", or just the label without an issuer. */
export function accountName(account: Pick<AccountView, 'issuer' | 'label'>): string {
  const issuer = account.issuer.trim();
  const label = account.label.trim();
  if (issuer && label) return `${issuer}: ${label}`;
  return issuer || label || 'Unnamed account';
}
