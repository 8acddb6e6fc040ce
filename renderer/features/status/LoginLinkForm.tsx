// "Paste the new link here": in web mode, after `authbahn serve` restarted (new port, new one-use link), the
// user can open the new link right from the message instead of hunting for the address bar.
import { useId, useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { parseLoginLink } from './login-link';

export function LoginLinkForm({ navigate = (url) => window.location.assign(url) }: { navigate?: (url: string) => void }) {
  const inputId = useId();
  const errorId = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const link = parseLoginLink(text);
    if (!link.ok) {
      setError(link.message);
      return;
    }
    navigate(link.url);
  };

  return (
    <form className="login-link-form field" onSubmit={submit} noValidate data-testid="login-link-form">
      <label htmlFor={inputId}>New link from the terminal</label>
      <div className="login-link-row">
        <input
          id={inputId}
          type="text"
          inputMode="url"
          autoComplete="off"
          spellCheck={false}
          placeholder="http://127.0.0.1:…/login?code=…"
          value={text}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          data-testid="login-link-input"
          onChange={(e) => {
            setText(e.target.value);
            setError(null);
          }}
        />
        <Button type="submit" variant="primary" testId="login-link-open">
          Open
        </Button>
      </div>
      {error && (
        <p id={errorId} className="login-link-error" data-testid="login-link-error">
          {error}
        </p>
      )}
    </form>
  );
}
