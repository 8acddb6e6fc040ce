// The Settings section: appearance and code display, the app lock, clipboard clearing, automatic
// backups, restoring from a backup file, and the WAMP-Cryptosign keys. Every change is saved in main (settings.json) at once.
import type { ReactNode } from 'react';
import { SectionNav } from '../shell/SectionNav';
import { SectionHeading } from '../shell/SectionHeading';
import { AppearanceSettings } from './AppearanceSettings';
import { BackupSettings } from './BackupSettings';
import { KeysSettings } from './KeysSettings';
import { LockSettings } from './LockSettings';
import { RestoreBackup } from './RestoreBackup';
import { useAppState } from './AppStateContext';

export function SettingsScreen() {
  const { settings } = useAppState();
  return (
    <div className="app">
      <header className="app-header">
        <SectionNav />
      </header>
      <main className="app-main settings-main" data-testid="settings-screen">
        <SectionHeading />
        {settings === null ? (
          <p className="loading-line">Loading settings…</p>
        ) : (
          <>
            <AppearanceSettings settings={settings} />
            <LockSettings settings={settings} />
            <BackupSettings settings={settings} />
            <RestoreBackup />
            <KeysSettings />
          </>
        )}
      </main>
    </div>
  );
}

export function SettingsCard({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="settings-card" data-testid={testId}>
      <h2 className="settings-card-title">{title}</h2>
      {children}
    </section>
  );
}
