// Full-page message when the UI cannot reach the backend at all (no preload API, or the web
// bridge refused/lost the connection). The bridge's message says what to do, e.g. which link to open.
import { Icon } from '../../components/Icon';

export function ConnectionError({ message }: { message: string }) {
  return (
    <main className="connection-error" data-testid="connection-error">
      <div className="connection-error-card">
        <Icon name="alert" size={36} className="connection-error-icon" />
        <h1>Can’t reach Authbahn</h1>
        <p>{message}</p>
        <button type="button" className="btn btn-secondary" onClick={() => window.location.reload()}>
          <span className="btn-text">Try again</span>
        </button>
      </div>
    </main>
  );
}
