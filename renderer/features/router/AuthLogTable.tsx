// Who tried to log in, how, and what came of it (newest first). Failures show the ABORT reason.
import type { RouterAuthLogEntry } from '../../../shared/api/router-contract';
import { Button } from '../../components/Button';
import { formatTime } from './format';

export function AuthLogTable({ entries, onClear }: { entries: RouterAuthLogEntry[]; onClear: () => void }) {
  const newestFirst = [...entries].reverse();
  return (
    <section className="router-card" aria-labelledby="router-authlog-heading">
      <div className="router-card-head">
        <h2 id="router-authlog-heading" className="router-card-title">
          Authentication log <span className="router-count">{entries.length}</span>
        </h2>
        <Button size="sm" onClick={onClear} disabled={entries.length === 0}>
          Clear log
        </Button>
      </div>
      {entries.length === 0 ? (
        <p className="router-muted">No logins yet.</p>
      ) : (
        <div className="router-table-wrap">
          <table className="router-table stack-table" aria-label="Authentication log" data-testid="router-auth-log">
            <thead>
              <tr>
                <th scope="col">Time</th>
                <th scope="col">Who</th>
                <th scope="col">Method</th>
                <th scope="col">Outcome</th>
                <th scope="col">Role / reason</th>
                <th scope="col">Realm</th>
                <th scope="col">Peer</th>
              </tr>
            </thead>
            <tbody>
              {newestFirst.map((e) => (
                <tr key={e.seq} data-testid="router-auth-row" data-outcome={e.outcome}>
                  <td data-label="Time" className="router-time">
                    <time dateTime={e.time}>{formatTime(e.time)}</time>
                  </td>
                  <td data-label="Who">{e.authid ?? <span className="router-muted">(none)</span>}</td>
                  <td data-label="Method">{e.authmethod ?? '—'}</td>
                  <td data-label="Outcome">
                    <span className={`router-badge router-badge-${e.outcome}`}>{e.outcome === 'success' ? 'Success' : 'Failure'}</span>
                  </td>
                  <td data-label="Role / reason">
                    {e.outcome === 'success' ? (
                      e.authrole
                    ) : (
                      <>
                        <code>{e.reason}</code>
                        {e.message && <span className="router-reason-message"> {e.message}</span>}
                      </>
                    )}
                  </td>
                  <td data-label="Realm">{e.realm}</td>
                  <td data-label="Peer" className="router-mono">{e.peer}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
