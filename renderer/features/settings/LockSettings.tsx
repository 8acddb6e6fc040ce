// App lock: set, change or remove the lock password; the idle time. The password is checked and stored
// (as a scrypt verifier only) by main.
import { useState, type FormEvent } from 'react';
import { SETTINGS_LIMITS, type AppSettings } from '../../../shared/api/settings-contract';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { useApi } from '../api/ApiContext';
import { useAppState } from './AppStateContext';
import { NumberSetting } from './NumberSetting';
import { SettingsCard } from './SettingsScreen';
import { useSaveSetting } from './useSaveSetting';
import { newPasswordError } from './password-rules';

export function LockSettings({ settings }: { settings: AppSettings }) {
  const api = useApi();
  const toast = useToast();
  const save = useSaveSetting();
  const { lock, setLock } = useAppState();
  const enabled = lock?.enabled === true;
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const mismatch = newPasswordError(next, confirm, SETTINGS_LIMITS.lockPasswordMin);

  const apply = async (nextPassword: string | null) => {
    const result = await api.lock.setPassword(enabled ? current : null, nextPassword);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setLock(result.value);
    setCurrent('');
    setNext('');
    setConfirm('');
    setError(null);
    toast.show(nextPassword === null ? 'App lock removed' : enabled ? 'Lock password changed' : 'App lock is on', 'success');
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mismatch === null) void apply(next);
  };

  return (
    <SettingsCard title="App lock" testId="settings-lock">
      <p className="settings-muted">
        {enabled
          ? 'Authbahn locks when idle, on demand (Lock in the header) and when the system locks or sleeps. While locked, no code or secret leaves the app.'
          : 'Protect the codes with a password: while locked, Authbahn shows only an unlock screen and refuses to reveal any code or secret.'}
      </p>
      <form className="settings-form" onSubmit={submit}>
        {enabled && (
          <Field label="Current lock password">
            <input type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="lock-current" />
          </Field>
        )}
        <div className="form-grid form-grid-2">
          <Field label={enabled ? 'New lock password' : 'Lock password'} error={next && mismatch && !confirm ? mismatch : undefined}>
            <input type="password" autoComplete="new-password" value={next} onChange={(e) => setNext(e.target.value)} data-testid="lock-new" />
          </Field>
          <Field label="Repeat it" error={confirm && mismatch ? mismatch : undefined}>
            <input type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="lock-confirm" />
          </Field>
        </div>
        {error && (
          <p className="form-error" role="alert" data-testid="lock-error">
            {error}
          </p>
        )}
        <div className="settings-actions">
          <Button type="submit" variant="primary" disabled={mismatch !== null || (enabled && current === '')} testId="lock-save">
            {enabled ? 'Change password' : 'Turn on the app lock'}
          </Button>
          {enabled && (
            <Button variant="danger" disabled={current === ''} onClick={() => void apply(null)} testId="lock-remove">
              Remove the lock
            </Button>
          )}
        </div>
      </form>
      <NumberSetting
        label="Lock after this many idle minutes"
        hint="0 = only on demand and when the system locks or sleeps."
        value={settings.lockIdleMinutes}
        {...SETTINGS_LIMITS.lockIdleMinutes}
        testId="settings-idle-minutes"
        onSave={(v) => void save({ lockIdleMinutes: v }, 'Saved')}
      />
    </SettingsCard>
  );
}
