// Aegis vault files: encrypted (a password typed twice; the file can travel and sit in cloud folders)
// or plain. Aegis restores both, and so does Authbahn (Settings → Restore from backup). Main builds the
// file and reads it back before handing it over; nothing is kept in this component after the download.
import { useState, type FormEvent } from 'react';
import { SETTINGS_LIMITS } from '../../../shared/api/settings-contract';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useApi } from '../api/ApiContext';
import { newPasswordError } from '../settings/password-rules';
import { downloadText } from './download';
import { aegisFileName } from './exclusions';

export function AegisExport() {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [busy, setBusy] = useState<'encrypted' | 'plain' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const problem = newPasswordError(password, confirm, SETTINGS_LIMITS.backupPasswordMin);

  const download = async (kind: 'encrypted' | 'plain') => {
    setBusy(kind);
    setError(null);
    const result = await api.accounts.exportAegis(kind === 'encrypted' ? password : null);
    setBusy(null);
    if (!result.ok) return setError(result.error.message);
    downloadText(result.value, aegisFileName(new Date(), kind === 'encrypted'), 'application/json');
    if (kind === 'encrypted') {
      setPassword('');
      setConfirm('');
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (problem === null && busy === null) void download('encrypted');
  };

  return (
    <div className="export-section">
      <p className="export-intro">
        An Aegis vault file with every account and its tags (as groups). Aegis imports it (<em>Settings → Import &amp; Export → Import → Aegis</em>), and so
        does Authbahn (<em>Settings → Restore from backup</em>).
      </p>
      <form className="settings-form" onSubmit={submit} data-testid="export-aegis-encrypted">
        <h3 className="export-subtitle">Aegis backup (encrypted)</h3>
        <div className="form-grid form-grid-2">
          <Field label="Backup password" hint={`At least ${SETTINGS_LIMITS.backupPasswordMin} characters; without it the file cannot be restored.`}>
            <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="export-aegis-password" />
          </Field>
          <Field label="Repeat the password" error={confirm && problem ? problem : undefined}>
            <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="export-aegis-confirm" />
          </Field>
        </div>
        <div className="export-actions">
          <Button type="submit" variant="primary" icon="download" disabled={problem !== null || busy !== null} testId="export-aegis-download">
            {busy === 'encrypted' ? 'Encrypting…' : 'Download encrypted backup'}
          </Button>
        </div>
      </form>
      <div className="settings-form">
        <h3 className="export-subtitle">Aegis (plain)</h3>
        <Banner kind="warning">Not encrypted: the file holds every secret in readable form.</Banner>
        <div className="export-actions">
          <Button icon="download" disabled={busy !== null} onClick={() => void download('plain')} testId="export-aegis-plain">
            Download plain Aegis file
          </Button>
        </div>
      </div>
      {error && (
        <p className="form-error" role="alert" data-testid="export-aegis-error">
          {error}
        </p>
      )}
    </div>
  );
}
