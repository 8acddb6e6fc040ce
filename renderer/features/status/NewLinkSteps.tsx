// What to do when this tab's server run is gone (stopped, or restarted with a new one-use link and usually a
// new port): the steps, and a field that opens the pasted link. The security model stays as it is — the
// page cannot find the new server or its link by itself, only the terminal has it.
import { LoginLinkForm } from './LoginLinkForm';

/** never-signed-in: this browser never opened a link; restarted: the server runs, with a new link; stopped: it may not run. */
export type NewLinkCase = 'never-signed-in' | 'restarted' | 'stopped';

export function NewLinkSteps({ situation }: { situation: NewLinkCase }) {
  return (
    <div className="new-link-steps" data-testid="new-link-steps">
      <ol>
        {situation === 'never-signed-in' ? (
          <li>
            Find the terminal where <code>authbahn serve</code> runs: it printed a link when it started.
          </li>
        ) : situation === 'restarted' ? (
          <li>
            Find the terminal where <code>authbahn serve</code> runs: it printed a new link when it started.
          </li>
        ) : (
          <li>
            If <code>authbahn serve</code> is no longer running, start it again in a terminal. Each start prints a new link
            (and usually uses a new port).
          </li>
        )}
        <li>Copy that link and paste it below, or into the address bar of this tab.</li>
      </ol>
      <LoginLinkForm />
    </div>
  );
}
