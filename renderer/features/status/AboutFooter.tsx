import type { AppInfo, AppStatus } from '../../../shared/api/types';

export function AboutFooter({ info, status }: { info: AppInfo | null; status: AppStatus | null }) {
  if (!info) return <footer className="app-footer" />;
  const keychain = status?.keychain;
  return (
    <footer className="app-footer" data-testid="app-info">
      <span className="footer-item">
        <strong>{info.name}</strong> {info.version}
      </span>
      <span className="footer-item">{info.mode === 'web' ? 'Web mode' : 'Desktop'}</span>
      <span className="footer-item" title={info.dataDir}>
        Data <code>{info.dataDir}</code>
      </span>
      <span className="footer-item">
        Keychain <code>{info.keychainService}</code>
        {keychain && (
          <span className={keychain.ok ? 'footer-ok' : 'footer-bad'}>
            {keychain.ok ? ` · ${keychain.backend}` : ' · unavailable'}
          </span>
        )}
      </span>
    </footer>
  );
}
