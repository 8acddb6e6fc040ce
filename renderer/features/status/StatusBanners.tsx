// Start-up problems at the top of the window: an unreachable keychain is fatal for adding or
// reading codes (red, not dismissible); recoverable warnings can be dismissed.
import { useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { AppStatus } from '../../../shared/api/types';
import { serverHost, type ConnectionState } from '../../bridge';
import { Banner } from '../../components/Banner';
import { isOrphanSecretsWarning } from '../../../shared/api/orphan-secrets';
import { ConnectionBanner } from './ConnectionBanner';
import { OrphanSecretsBanner } from './OrphanSecretsBanner';
import { useOrphanSecrets } from './useOrphanSecrets';

export interface StatusBannersProps {
  status: AppStatus | null;
  /** Failures of app.status/accounts.list/codes.list, shown so a broken backend is never silent. */
  errors: (AppErrorData | null)[];
  connection: ConnectionState;
}

export function StatusBanners({ status, errors, connection }: StatusBannersProps) {
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(new Set());
  const keychain = status?.keychain;
  const orphanSecrets = useOrphanSecrets();
  // The orphan banner below replaces the backend's text warning about the same secrets (it can restore them).
  const warnings = (status?.warnings ?? []).filter((w) => !dismissed.has(w) && !isOrphanSecretsWarning(w));
  const showOrphans = orphanSecrets.orphans.length > 0 || orphanSecrets.error !== null;
  const connected = connection === 'ready' || connection === 'connecting';
  // While disconnected every call fails with the same transport error; the connection banner says it once.
  const loadErrors = !connected ? [] : dedupe(errors.filter((e): e is AppErrorData => e !== null)).filter(
    // The keychain banner already explains keychain failures.
    (e) => !(keychain && !keychain.ok && e.code === 'KEYCHAIN_UNAVAILABLE'),
  );

  if (connected && (!keychain || keychain.ok) && warnings.length === 0 && loadErrors.length === 0 && !showOrphans) return null;

  return (
    <div className="status-banners">
      <ConnectionBanner state={connection} host={serverHost()} />
      {keychain && !keychain.ok && (
        <Banner kind="error" title="Keychain unavailable" testId="status-banner">
          {keychain.error.message} Accounts cannot be added and codes cannot be shown until the system keychain is
          reachable.
        </Banner>
      )}
      {loadErrors.map((e) => (
        <Banner key={`${e.code}:${e.message}`} kind="error" testId="status-banner">
          {e.message}
        </Banner>
      ))}
      {connected && <OrphanSecretsBanner {...orphanSecrets} />}
      {warnings.map((w) => (
        <Banner key={w} kind="warning" testId="status-banner" onDismiss={() => setDismissed(new Set([...dismissed, w]))}>
          {w}
        </Banner>
      ))}
    </div>
  );
}

function dedupe(list: AppErrorData[]): AppErrorData[] {
  const seen = new Set<string>();
  return list.filter((e) => {
    const key = `${e.code}:${e.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
