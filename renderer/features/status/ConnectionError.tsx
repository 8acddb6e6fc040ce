// Full-page message when the UI cannot reach the backend at all (no preload API, or the web bridge refused
// the first connection). The heading says which case it is — never signed in here, signed in to an earlier
// run, or no server — and the page offers to open the link from the terminal right here (a paste anywhere
// on the page works too).
import { useEffect, type ReactNode } from 'react';
import type { ConnectionProblem } from '../../bridge';
import { Icon } from '../../components/Icon';
import { parseLoginLink } from './login-link';
import { NewLinkSteps } from './NewLinkSteps';

const HEADINGS: Record<ConnectionProblem, string> = {
  'no-session': 'Open Authbahn with its link',
  'stale-session': 'Authbahn was restarted',
  'locked-out': 'Too many wrong links',
  unreachable: 'Can’t reach Authbahn',
};

export function ConnectionError({ message, problem }: { message: string; problem?: ConnectionProblem | undefined }) {
  const signIn = problem === 'no-session' || problem === 'stale-session' || problem === 'unreachable';
  useEffect(() => {
    if (!signIn) return;
    // Pasting the link onto the page (not into the field) opens it too: the natural thing to try here.
    const onPaste = (event: ClipboardEvent) => {
      if (event.target instanceof HTMLInputElement) return; // the field handles its own paste
      const link = parseLoginLink(event.clipboardData?.getData('text') ?? '');
      if (link.ok) window.location.assign(link.url);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [signIn]);

  return (
    <main className="connection-error" data-testid="connection-error" data-problem={problem}>
      <div className="connection-error-card">
        <Icon name="alert" size={36} className="connection-error-icon" />
        <h1>{HEADINGS[problem ?? 'unreachable']}</h1>
        <p>{withCode(message)}</p>
        {signIn && <NewLinkSteps situation={problem === 'unreachable' ? 'stopped' : problem === 'stale-session' ? 'restarted' : 'never-signed-in'} />}
        <button type="button" className="btn btn-secondary" onClick={() => window.location.reload()}>
          <span className="btn-text">Try again</span>
        </button>
      </div>
    </main>
  );
}

/** The bridge's messages quote commands in `backticks`; show those as code. */
function withCode(message: string): ReactNode[] {
  return message.split('`').map((part, i) => (i % 2 === 1 ? <code key={i}>{part}</code> : part));
}
