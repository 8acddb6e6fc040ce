// The only thing shown while locked: the password field. Nothing about the accounts (not even their
// number) is on this screen, since main refuses to say while locked.
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { useApi } from '../api/ApiContext';
import { useAppState } from '../settings/AppStateContext';

export function UnlockScreen() {
  const api = useApi();
  const { setLock } = useAppState();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || password === '') return;
    setBusy(true);
    const result = await api.lock.unlock(password);
    setBusy(false);
    if (result.ok) {
      setPassword('');
      setLock(result.value);
    } else {
      setError(result.error.code === 'WRONG_PASSWORD' ? 'Wrong password' : result.error.message);
      setPassword('');
    }
  };

  return (
    <main className="unlock-screen" data-testid="unlock-screen">
      <form className="unlock-card" onSubmit={(e) => void submit(e)}>
        <svg className="brand-mark unlock-mark" width="40" height="40" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path d="M12 2.5 4 5.7v5.8c0 4.9 3.4 8.9 8 10 4.6-1.1 8-5.1 8-10V5.7l-8-3.2Z" className="brand-shield" />
          <path d="M8.2 12.2h7.6M12 8.4v7.6" className="brand-cross" />
        </svg>
        <h1 className="unlock-title">Authbahn is locked</h1>
        <Field label="Lock password" error={error ?? undefined}>
          <input
            type="password"
            autoFocus
            autoComplete="current-password"
            value={password}
            onChange={(e) => {
              setPassword(e.target.value);
              setError(null);
            }}
            data-testid="unlock-password"
          />
        </Field>
        <Button type="submit" variant="primary" disabled={busy || password === ''} testId="unlock-submit">
          {busy ? 'Unlocking…' : 'Unlock'}
        </Button>
      </form>
    </main>
  );
}
