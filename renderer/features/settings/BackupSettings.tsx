// Automatic encrypted backups: after every change to the accounts, an Aegis vault encrypted with the
// backup password (kept in the keychain) goes into the chosen folder; the oldest beyond "keep" go away.
import { useState, type FormEvent } from 'react';
import { SETTINGS_LIMITS, type AppSettings } from '../../../shared/api/settings-contract';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { useFollowingState } from '../../components/useFollowingState';
import { useApi } from '../api/ApiContext';
import { NumberSetting } from './NumberSetting';
import { newPasswordError } from './password-rules';
import { SettingsCard } from './SettingsScreen';
import { useBackupStatus } from './useBackupStatus';
import { useSaveSetting } from './useSaveSetting';

export function BackupSettings({ settings }: { settings: AppSettings }) {
  const api = useApi();
  const toast = useToast();
  const save = useSaveSetting();
  const [status, setStatus] = useBackupStatus();
  const [folder, setFolder] = useFollowingState(settings.backups.folder ?? '');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const passwordProblem = newPasswordError(password, confirm, SETTINGS_LIMITS.backupPasswordMin);

  const saveFolder = () => {
    const value = folder.trim() === '' ? null : folder.trim();
    if (value !== settings.backups.folder) void save({ backups: { folder: value } }, 'Saved');
  };

  const savePassword = async (e: FormEvent) => {
    e.preventDefault();
    if (passwordProblem) return;
    const result = await api.backup.setPassword(password);
    if (!result.ok) return toast.show(result.error.message, 'error');
    setStatus(result.value);
    setPassword('');
    setConfirm('');
    toast.show('Backup password saved in the keychain', 'success');
  };

  const runNow = async () => {
    const result = await api.backup.runNow();
    if (!result.ok) return toast.show(result.error.message, 'error');
    setStatus(result.value);
    toast.show(`Backup written: ${result.value.lastFile ?? ''}`, 'success');
  };

  return (
    <SettingsCard title="Automatic backups" testId="settings-backups">
      <p className="settings-muted">
        After every change, an encrypted Aegis-format backup of all accounts goes into the folder below. Aegis and Authbahn
        can both restore it; the password is kept in the system keychain.
      </p>
      <label className="settings-check">
        <input
          type="checkbox"
          checked={settings.backups.enabled}
          data-testid="backups-enabled"
          onChange={(e) => void save({ backups: { enabled: e.target.checked } })}
        />
        <span>Back up automatically</span>
      </label>
      <Field label="Backup folder (full path)" hint="Must exist already, e.g. a synced or external folder.">
        <input
          type="text"
          value={folder}
          spellCheck={false}
          placeholder="/home/me/Backups/authbahn"
          data-testid="backups-folder"
          onChange={(e) => setFolder(e.target.value)}
          onBlur={saveFolder}
          onKeyDown={(e) => e.key === 'Enter' && saveFolder()}
        />
      </Field>
      <NumberSetting
        label="Keep the last"
        hint="Older backup files are deleted (only Authbahn's own backup files in that folder)."
        value={settings.backups.keep}
        {...SETTINGS_LIMITS.backupKeep}
        testId="backups-keep"
        onSave={(v) => void save({ backups: { keep: v } }, 'Saved')}
      />
      <form className="settings-form" onSubmit={(e) => void savePassword(e)}>
        <div className="form-grid form-grid-2">
          <Field label={status?.hasPassword ? 'New backup password' : 'Backup password'} hint={`At least ${SETTINGS_LIMITS.backupPasswordMin} characters`}>
            <input type="password" autoComplete="new-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="backups-password" />
          </Field>
          <Field label="Repeat it" error={confirm && passwordProblem ? passwordProblem : undefined}>
            <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="backups-password-confirm" />
          </Field>
        </div>
        <div className="settings-actions">
          <Button type="submit" disabled={passwordProblem !== null} testId="backups-password-save">
            Save password
          </Button>
          <Button icon="download" onClick={() => void runNow()} disabled={!status?.hasPassword || settings.backups.folder === null} testId="backups-run-now">
            Back up now
          </Button>
        </div>
      </form>
      <p className="settings-muted" data-testid="backups-status">
        {status === null
          ? ''
          : status.lastError
            ? `Last backup failed: ${status.lastError}`
            : status.lastBackupAt
              ? `Last backup: ${status.lastFile} (${new Date(status.lastBackupAt).toLocaleString()})`
              : status.hasPassword
                ? 'No backup written yet in this session.'
                : 'No backup password set yet.'}
      </p>
    </SettingsCard>
  );
}
