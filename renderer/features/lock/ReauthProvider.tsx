// Re-provides the Api with the secret-revealing calls wrapped (reauth.ts) and shows the small
// "enter the lock password" dialog when one of them needs it. Sits inside ApiProvider, so every
// component that shows a QR or exports gets this without knowing about it.
import { useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Button } from '../../components/Button';
import { Dialog, DialogBody, DialogFooter } from '../../components/Dialog';
import { Field } from '../../components/Field';
import { ApiProvider, useApi } from '../api/ApiContext';
import { sharedPrompt, withReauth } from './reauth';

export function ReauthProvider({ children }: { children: ReactNode }) {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const resolver = useRef<((confirmed: boolean) => void) | null>(null);
  const wrapped = useMemo(
    () =>
      withReauth(
        api,
        sharedPrompt(
          () =>
            new Promise<boolean>((resolve) => {
              resolver.current = resolve;
              setOpen(true);
            }),
        ),
      ),
    [api],
  );
  const done = (confirmed: boolean) => {
    setOpen(false);
    resolver.current?.(confirmed);
    resolver.current = null;
  };
  return (
    <ApiProvider api={wrapped}>
      {children}
      {open && <ReauthDialog onDone={done} />}
    </ApiProvider>
  );
}

function ReauthDialog({ onDone }: { onDone: (confirmed: boolean) => void }) {
  const api = useApi();
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (busy || password === '') return;
    setBusy(true);
    const result = await api.lock.confirm(password);
    setBusy(false);
    if (result.ok) {
      onDone(true);
      return;
    }
    setPassword('');
    setError(result.error.code === 'WRONG_PASSWORD' ? 'Wrong password' : result.error.message);
  };

  return (
    <Dialog
      title="Confirm it’s you"
      description="Showing or exporting secrets needs the lock password (asked again after 2 minutes)."
      onClose={() => onDone(false)}
      size="sm"
      testId="reauth-dialog"
      closeOnBackdrop={false}
    >
      <form className="dialog-form" onSubmit={(e) => void submit(e)} noValidate>
        <DialogBody>
          <Field label="Lock password" error={error ?? undefined}>
            <input
              type="password"
              data-autofocus
              autoComplete="current-password"
              value={password}
              onChange={(e) => {
                setPassword(e.target.value);
                setError(null);
              }}
              data-testid="reauth-password"
            />
          </Field>
        </DialogBody>
        <DialogFooter>
          <Button onClick={() => onDone(false)} testId="reauth-cancel">
            Cancel
          </Button>
          <Button type="submit" variant="primary" disabled={busy || password === ''} aria-busy={busy} testId="reauth-submit">
            {busy ? 'Checking…' : 'Confirm'}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
