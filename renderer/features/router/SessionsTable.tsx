// Sessions joined to the local router right now, newest last; each can be disconnected.
import type { RouterSessionsView } from '../../../shared/api/router-contract';
import { IconButton } from '../../components/Button';
import { formatTime } from './format';

export function SessionsTable({ sessions, onKill }: { sessions: RouterSessionsView; onKill: (id: number) => void }) {
  return (
    <section className="router-card" aria-labelledby="router-sessions-heading">
      <div className="router-card-head">
        <h2 id="router-sessions-heading" className="router-card-title">
          Live sessions <span className="router-count">{sessions.total}</span>
        </h2>
        {sessions.total > sessions.sessions.length && <span className="router-muted">showing the newest {sessions.sessions.length}</span>}
      </div>
      {sessions.sessions.length === 0 ? (
        <p className="router-muted">No sessions.</p>
      ) : (
        <div className="router-table-wrap">
          <table className="router-table stack-table" aria-label="Live sessions" data-testid="router-sessions">
            <thead>
              <tr>
                <th scope="col">Session</th>
                <th scope="col">Realm</th>
                <th scope="col">Auth ID</th>
                <th scope="col">Role</th>
                <th scope="col">Method</th>
                <th scope="col">Transport</th>
                <th scope="col">Peer</th>
                <th scope="col">Joined</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.sessions.map((s) => (
                <tr key={s.id} data-testid="router-session-row">
                  <td data-label="Session" className="router-mono">{s.id}</td>
                  <td data-label="Realm">{s.realm}</td>
                  <td data-label="Auth ID">{s.authid}</td>
                  <td data-label="Role">{s.authrole}</td>
                  <td data-label="Method">{s.authmethod}</td>
                  <td data-label="Transport">
                    {s.transport} <span className="router-muted">{s.serializer}</span>
                  </td>
                  <td data-label="Peer" className="router-mono">{s.peer}</td>
                  <td data-label="Joined" className="router-time">
                    <time dateTime={s.joinedAt}>{formatTime(s.joinedAt)}</time>
                  </td>
                  <td className="router-row-actions">
                    <IconButton icon="close" tone="danger" label={`Disconnect session ${s.id}`} onClick={() => onKill(s.id)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
