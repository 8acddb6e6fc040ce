// The permissions of one role: URI, match policy and the four actions as checkboxes.
import { IconButton } from '../../components/Button';
import { ACTIONS, MATCHES, isObject, readPermission, writePermission, type Obj, type PermissionRow } from './config-doc';

export interface PermissionRowsProps {
  roleName: string;
  permissions: unknown[];
  /** Changes permission `index` of this role inside a cloned document. */
  onEdit: (index: number, change: (permission: Obj) => void) => void;
  onRemove: (index: number) => void;
}

export function PermissionRows({ roleName, permissions, onEdit, onRemove }: PermissionRowsProps) {
  if (permissions.length === 0) return <p className="router-muted">No permissions: sessions with this role may join but do nothing.</p>;
  return (
    <table className="router-table router-permissions" aria-label={`Permissions of role ${roleName}`}>
      <thead>
        <tr>
          <th scope="col">URI</th>
          <th scope="col">Match</th>
          {ACTIONS.map((a) => (
            <th scope="col" key={a}>
              {a}
            </th>
          ))}
          <th scope="col">
            <span className="visually-hidden">Remove</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {permissions.map((p, i) => {
          if (!isObject(p)) {
            return (
              <tr key={i}>
                <td colSpan={7}>Not an object: edit it in the JSON view.</td>
              </tr>
            );
          }
          const row = readPermission(p);
          const set = (next: PermissionRow) => onEdit(i, (perm) => writePermission(perm, next));
          const what = `permission ${i + 1} of role ${roleName}`;
          return (
            <tr key={i}>
              <td>
                <input
                  className="router-input"
                  aria-label={`URI of ${what}`}
                  value={row.uri}
                  placeholder="(empty: every URI)"
                  onChange={(e) => set({ ...row, uri: e.target.value })}
                />
              </td>
              <td>
                <select className="router-input" aria-label={`Match of ${what}`} value={row.match} onChange={(e) => set({ ...row, match: e.target.value as PermissionRow['match'] })}>
                  {MATCHES.map((m) => (
                    <option key={m} value={m}>
                      {m}
                    </option>
                  ))}
                </select>
              </td>
              {ACTIONS.map((a) => (
                <td key={a} className="router-check-cell">
                  <input
                    type="checkbox"
                    aria-label={`Allow ${a} (${what})`}
                    checked={row.allow[a]}
                    onChange={(e) => set({ ...row, allow: { ...row.allow, [a]: e.target.checked } })}
                  />
                </td>
              ))}
              <td>
                <IconButton icon="trash" tone="danger" label={`Remove ${what}`} onClick={() => onRemove(i)} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
