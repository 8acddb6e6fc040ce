// The permissions of one role: URI, match policy and the four actions as labelled checkboxes. A list of
// rows that wrap (URI and Match side by side, the actions on the next line when the card is narrow)
// rather than a seven-column table, which at phone widths squeezed the URI to one character.
import { IconButton } from '../../components/Button';
import { ACTIONS, MATCHES, isObject, readPermission, writePermission, type Obj, type PermissionRow } from './config-doc';
import { formatPath, type PathPart } from './config-paths';
import { RouterField } from './RouterField';

export interface PermissionRowsProps {
  roleName: string;
  permissions: unknown[];
  /** JSON path of the role's "permissions" array (for issue links and inline issues). */
  path: PathPart[];
  /** Changes permission `index` of this role inside a cloned document. */
  onEdit: (index: number, change: (permission: Obj) => void) => void;
  onRemove: (index: number) => void;
}

export function PermissionRows({ roleName, permissions, path, onEdit, onRemove }: PermissionRowsProps) {
  if (permissions.length === 0) return <p className="router-muted">No permissions: sessions with this role may join but do nothing.</p>;
  return (
    <ul className="router-permissions" aria-label={`Permissions of role ${roleName}`}>
      {permissions.map((p, i) => {
        const at = (...rest: PathPart[]) => formatPath([...path, i, ...rest]);
        if (!isObject(p)) {
          return (
            <li key={i} className="router-permission" data-config-path={at()}>
              Permission {i + 1} is not an object: edit it in the JSON view.
            </li>
          );
        }
        const row = readPermission(p);
        const set = (next: PermissionRow) => onEdit(i, (perm) => writePermission(perm, next));
        const what = `permission ${i + 1} of role ${roleName}`;
        return (
          <li key={i} className="router-permission" data-config-path={at()}>
            <RouterField label="URI" context={`of ${what}`} path={at('uri')} className="router-permission-uri">
              <input className="router-input" value={row.uri} placeholder="(empty: every URI)" spellCheck={false} onChange={(e) => set({ ...row, uri: e.target.value })} />
            </RouterField>
            <RouterField label="Match" context={`of ${what}`} path={at('match')} className="router-permission-match">
              <select className="router-input" value={row.match} onChange={(e) => set({ ...row, match: e.target.value as PermissionRow['match'] })}>
                {MATCHES.map((m) => (
                  <option key={m} value={m}>
                    {m}
                  </option>
                ))}
              </select>
            </RouterField>
            <fieldset className="router-actions-set">
              <legend className="router-field-label">
                Allow<span className="visually-hidden"> ({what})</span>
              </legend>
              {ACTIONS.map((a) => (
                <label key={a} className="router-action">
                  <input
                    type="checkbox"
                    aria-label={`Allow ${a} (${what})`}
                    data-config-path={at('allow', a)}
                    checked={row.allow[a]}
                    onChange={(e) => set({ ...row, allow: { ...row.allow, [a]: e.target.checked } })}
                  />
                  {a}
                </label>
              ))}
            </fieldset>
            <IconButton icon="trash" tone="danger" label={`Remove ${what}`} onClick={() => onRemove(i)} />
          </li>
        );
      })}
    </ul>
  );
}
