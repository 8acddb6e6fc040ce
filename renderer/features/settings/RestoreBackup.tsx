// Restore from an Aegis vault file (a backup of ours, or Aegis's own export): every account in it is
// imported, the ones already here are skipped. Encrypted files ask for their password.
import { useState, type FormEvent } from 'react';
import { MAX_RESTORE_CHARS } from '../../../shared/api/settings-contract';
import type { ImportSummary } from '../../../shared/api/types';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useApi } from '../api/ApiContext';
import { SettingsCard } from './SettingsScreen';

export function RestoreBackup() {
  const api = useApi();
  const [file, setFile] = useState<{ name: string; text: string } | null>(null);
  const [needsPassword, setNeedsPassword] = useState(false);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportSummary | null>(null);

  const pick = async (picked: File | undefined) => {
    setResult(null);
    setError(null);
    setNeedsPassword(false);
    setPassword('');
    if (!picked) return setFile(null);
    if (picked.size > MAX_RESTORE_CHARS) return setError('This file is too large to be an Aegis vault');
    setFile({ name: picked.name, text: await picked.text() });
  };

  const restore = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || busy) return;
    setBusy(true);
    const r = await api.backup.restore(file.text, needsPassword ? password : null);
    setBusy(false);
    if (r.ok) {
      setResult(r.value);
      setError(null);
      setPassword('');
      return;
    }
    if (r.error.code === 'IMPORT_PASSWORD_REQUIRED') {
      setNeedsPassword(true);
      setError(null);
    } else {
      setError(r.error.message);
    }
  };

  return (
    <SettingsCard title="Restore from backup" testId="settings-restore">
      <p className="settings-muted">Choose an Aegis vault file (a backup made by Authbahn or an export from Aegis). Accounts you already have are skipped.</p>
      <form className="settings-form" onSubmit={(e) => void restore(e)}>
        <Field label="Backup file">
          <input type="file" accept=".json,application/json" data-testid="restore-file" onChange={(e) => void pick(e.target.files?.[0])} />
        </Field>
        {needsPassword && (
          <Field label="Password of this backup" hint="The file is encrypted.">
            <input type="password" autoFocus value={password} onChange={(e) => setPassword(e.target.value)} data-testid="restore-password" />
          </Field>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="restore-error">
            {error}
          </p>
        )}
        <div className="settings-actions">
          <Button type="submit" variant="primary" disabled={!file || busy || (needsPassword && password === '')} testId="restore-submit">
            {busy ? 'Restoring…' : 'Restore'}
          </Button>
        </div>
      </form>
      {result && (
        <p className="settings-result" role="status" data-testid="restore-result">
          Restored {result.added.length} account{result.added.length === 1 ? '' : 's'}
          {result.duplicates.length > 0 && `; ${result.duplicates.length} already present`}
          {result.skipped && result.skipped.length > 0 && `; ${result.skipped.length} could not be imported (${result.skipped.map((s) => s.label).join(', ')})`}.
        </p>
      )}
    </SettingsCard>
  );
}
