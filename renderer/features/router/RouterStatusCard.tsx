// Is the local router running, where does it listen (with copy buttons), start/stop, and the port of
// its first transport. A port typed but not applied yet is applied by Start, so "type 0, Start" works.
import { useState, type FormEvent } from 'react';
import type { RouterStatus } from '../../../shared/api/router-contract';
import { Button, IconButton } from '../../components/Button';
import { useToast } from '../../components/Toast';

export interface RouterStatusCardProps {
  status: RouterStatus | null;
  busy: boolean;
  /** Port of the first transport in router.json (undefined while loading or when unreadable). */
  configuredPort: number | undefined;
  /** router.json has not been read yet: the field waits for its port instead of taking keys. */
  configLoading: boolean;
  onStart: () => void;
  onStop: () => void;
  onSetPort: (port: number) => Promise<boolean>;
}

const STATE_TEXT = { stopped: 'Stopped', starting: 'Starting…', running: 'Running', stopping: 'Stopping…' } as const;

export function parsePort(text: string): number | null {
  if (!/^\d{1,5}$/.test(text.trim())) return null;
  const port = Number(text.trim());
  return port <= 65_535 ? port : null;
}

export function RouterStatusCard({ status, busy, configuredPort, configLoading, onStart, onStop, onSetPort }: RouterStatusCardProps) {
  const toast = useToast();
  // What the user typed, or null to show the configured port. Derived rather than copied into state by
  // an effect: such an effect runs a frame after the config arrives and would overwrite a port typed in
  // that frame (type "0", Start, and the router came up on the old port). The field is read-only until
  // the config is in, so nothing can be typed before the port it edits is shown.
  const [typedPort, setTypedPort] = useState<string | null>(null);
  const portText = typedPort ?? (configuredPort !== undefined ? String(configuredPort) : '');

  const running = status?.running === true;
  const state = status?.state ?? 'stopped';
  const port = parsePort(portText);
  const portChanged = port !== null && port !== configuredPort;

  const applyPort = async (event?: FormEvent) => {
    event?.preventDefault();
    if (port === null || !portChanged) return;
    if (!(await onSetPort(port))) return;
    setTypedPort(null);
    toast.show(running ? `Port set to ${port}; restart the router to use it` : `Port set to ${port}`, 'success');
  };

  const start = async () => {
    if (portChanged && !(await onSetPort(port))) return;
    setTypedPort(null);
    onStart();
  };

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      toast.show('URL copied', 'success');
    } catch {
      toast.show('Could not write to the clipboard', 'error');
    }
  };

  return (
    <section className="router-card router-status" aria-labelledby="router-status-heading">
      <div className="router-status-top">
        <div>
          <h2 id="router-status-heading" className="router-card-title">
            Local WAMP router
          </h2>
          <p className="router-state-line">
            <span className={`router-state-dot router-state-${state}`} aria-hidden="true" />
            <span data-testid="router-state" data-state={state}>
              {STATE_TEXT[state]}
            </span>
            {running && status && (
              <span className="router-muted">
                {' '}
                · {status.sessionCount} {status.sessionCount === 1 ? 'session' : 'sessions'}
              </span>
            )}
          </p>
        </div>
        {running ? (
          <Button variant="danger" onClick={onStop} disabled={busy || state !== 'running'} testId="router-stop">
            Stop router
          </Button>
        ) : (
          <Button variant="primary" onClick={() => void start()} disabled={busy || state !== 'stopped' || (portText !== '' && port === null)} testId="router-start">
            Start router
          </Button>
        )}
      </div>

      {running && status && status.transports.length > 0 && (
        <ul className="router-urls" aria-label="Listening on">
          {status.transports.map((t) => (
            <li key={t.id} className="router-url-row">
              <span className="router-muted">{t.id}</span>
              <code data-testid="router-url">{t.url}</code>
              <IconButton icon="copy" label={`Copy ${t.url}`} onClick={() => void copy(t.url)} />
            </li>
          ))}
        </ul>
      )}

      <form className="router-port-form" onSubmit={(e) => void applyPort(e)}>
        <label htmlFor="router-port" className="field-label">
          Port
        </label>
        <input
          id="router-port"
          className="router-input router-port-input"
          inputMode="numeric"
          value={portText}
          // Read-only until the configured port is in: typing into the empty field just before it
          // arrived gave "80800" (the port appeared under the caret, the key landed after it).
          readOnly={configLoading}
          aria-busy={configLoading || undefined}
          onChange={(e) => setTypedPort(e.target.value)}
          aria-invalid={portText !== '' && port === null ? true : undefined}
          aria-describedby="router-port-hint"
        />
        <Button type="submit" size="sm" disabled={!portChanged}>
          Set port
        </Button>
        <span id="router-port-hint" className="router-muted">
          {portText !== '' && port === null ? 'A port is a number from 0 to 65535.' : '0 picks any free port. The router listens on 127.0.0.1 unless the config says otherwise.'}
        </span>
      </form>
      {status?.configChangedSinceStart && (
        <p className="router-note" role="note">
          The config was saved after the router started: stop and start it to apply the changes.
        </p>
      )}
    </section>
  );
}
