// Authentication of each transport: anonymous on/off and its role, static ticket principals and static
// WAMP-CRA users. Dynamic authenticators are shown, and edited in the JSON view.
import type { ReactNode } from 'react';
import type { AccountView } from '../../../shared/api/types';
import { Button, IconButton } from '../../components/Button';
import { allRoleNames, freshKey, isObject, objectAt, renameKey, routerWorker, suggestSecretName, wsSection, type Obj } from './config-doc';
import type { DocEditorProps } from './RealmsEditor';
import { SecretEditor } from './SecretEditor';

const transportsOf = (doc: Obj): unknown[] => {
  const worker = routerWorker(doc);
  return worker && Array.isArray(worker.transports) ? worker.transports : [];
};

export function TransportAuthEditor({ doc, edit, accounts }: DocEditorProps & { accounts: AccountView[] }) {
  const roles = allRoleNames(doc);
  return (
    <section className="router-subsection" aria-labelledby="router-auth-heading">
      <div className="router-subsection-head">
        <h3 id="router-auth-heading">Authentication</h3>
      </div>
      {transportsOf(doc).map((t, ti) => {
        const ws = isObject(t) ? wsSection(t) : undefined;
        const id = isObject(t) && typeof t.id === 'string' ? t.id : `transport${ti + 1}`;
        if (!ws) return <p key={ti}>Transport {id}: no WebSocket settings to edit here (see the JSON view).</p>;
        const withAuth = (fn: (auth: Obj, ws: Obj) => void) =>
          edit((d) => {
            const target = transportsOf(d)[ti];
            const section = isObject(target) ? wsSection(target) : undefined;
            if (!section) return;
            // No auth section means "anonymous as role anonymous" (Crossbar); make that explicit before editing.
            if (!isObject(section.auth)) section.auth = { anonymous: { type: 'static', role: 'anonymous' } };
            fn(section.auth as Obj, section);
          });
        return (
          <fieldset key={ti} className="router-transport">
            <legend>Transport {id}</legend>
            <TransportAuth transportId={id} auth={isObject(ws.auth) ? ws.auth : undefined} roles={roles} accounts={accounts} withAuth={withAuth} />
          </fieldset>
        );
      })}
    </section>
  );
}

interface TransportAuthProps {
  transportId: string;
  /** undefined: no auth section (anonymous only). */
  auth: Obj | undefined;
  roles: string[];
  accounts: AccountView[];
  withAuth: (fn: (auth: Obj) => void) => void;
}

function RoleSelect({ label, value, roles, onChange }: { label: string; value: unknown; roles: string[]; onChange: (role: string) => void }) {
  const current = typeof value === 'string' ? value : '';
  return (
    <select className="router-input" aria-label={label} value={current} onChange={(e) => onChange(e.target.value)}>
      {!roles.includes(current) && <option value={current}>{current || '(choose a role)'}</option>}
      {roles.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}

function TransportAuth({ transportId, auth, roles, accounts, withAuth }: TransportAuthProps) {
  const anonymous = auth === undefined ? { type: 'static', role: 'anonymous' } : isObject(auth.anonymous) ? auth.anonymous : undefined;
  const ticket = auth && isObject(auth.ticket) ? auth.ticket : undefined;
  const cra = auth && isObject(auth.wampcra) ? auth.wampcra : undefined;
  const defaultRole = roles[0] ?? 'anonymous';

  return (
    <div className="router-auth">
      <div className="router-inline">
        <label className="router-check">
          <input
            type="checkbox"
            checked={anonymous !== undefined}
            onChange={(e) =>
              withAuth((a) => {
                if (e.target.checked) a.anonymous = { type: 'static', role: roles.includes('anonymous') ? 'anonymous' : defaultRole };
                else delete a.anonymous;
              })
            }
          />
          Anonymous logins on {transportId}
        </label>
        {anonymous?.type === 'static' && (
          <RoleSelect label={`Role of anonymous logins on ${transportId}`} value={anonymous.role ?? 'anonymous'} roles={roles} onChange={(role) => withAuth((a) => (objectAt(a, 'anonymous').role = role))} />
        )}
        {anonymous?.type === 'dynamic' && <span className="router-muted">dynamic authenticator {String(anonymous.authenticator)}</span>}
      </div>

      <MethodSection
        title={`Ticket logins on ${transportId}`}
        config={ticket}
        entriesKey="principals"
        onToggle={(on) => withAuth((a) => (on ? (a.ticket = { type: 'static', principals: {} }) : delete a.ticket))}
        onAdd={() =>
          withAuth((a) => {
            const principals = objectAt(objectAt(a, 'ticket'), 'principals');
            const authid = freshKey(principals, 'user');
            principals[authid] = { ticket: { keychain: suggestSecretName(transportId, 'ticket', authid) }, role: defaultRole };
          })
        }
        addLabel="Add ticket principal"
        render={(authid, entry, i) => {
          const owner = `ticket principal ${authid}`;
          const withEntry = (fn: (p: Obj, principals: Obj) => void) =>
            withAuth((a) => {
              const principals = objectAt(objectAt(a, 'ticket'), 'principals');
              const p = principals[authid];
              if (isObject(p)) fn(p, principals);
            });
          return (
            <div className="router-principal" key={i}>
              <input
                className="router-input"
                aria-label={`Auth ID of ticket principal ${i + 1}`}
                value={authid}
                onChange={(e) => withAuth((a) => (objectAt(a, 'ticket').principals = renameKey(objectAt(objectAt(a, 'ticket'), 'principals'), authid, e.target.value)))}
              />
              <RoleSelect label={`Role of ${owner}`} value={entry.role} roles={roles} onChange={(role) => withEntry((p) => (p.role = role))} />
              <SecretEditor
                what="ticket"
                owner={owner}
                value={entry.ticket}
                suggestedName={suggestSecretName(transportId, 'ticket', authid)}
                accounts={accounts}
                onChange={(value) => withEntry((p) => (p.ticket = value))}
              />
              <IconButton icon="trash" tone="danger" label={`Remove ${owner}`} onClick={() => withEntry((_p, principals) => delete principals[authid])} />
            </div>
          );
        }}
      />

      <MethodSection
        title={`WAMP-CRA logins on ${transportId}`}
        config={cra}
        entriesKey="users"
        onToggle={(on) => withAuth((a) => (on ? (a.wampcra = { type: 'static', users: {} }) : delete a.wampcra))}
        onAdd={() =>
          withAuth((a) => {
            const users = objectAt(objectAt(a, 'wampcra'), 'users');
            const authid = freshKey(users, 'user');
            users[authid] = { secret: { keychain: suggestSecretName(transportId, 'wampcra', authid) }, role: defaultRole };
          })
        }
        addLabel="Add WAMP-CRA user"
        render={(authid, entry, i) => {
          const owner = `WAMP-CRA user ${authid}`;
          const withEntry = (fn: (u: Obj, users: Obj) => void) =>
            withAuth((a) => {
              const users = objectAt(objectAt(a, 'wampcra'), 'users');
              const u = users[authid];
              if (isObject(u)) fn(u, users);
            });
          const numberField = (key: 'iterations' | 'keylen', text: string) =>
            withEntry((u) => {
              if (text.trim() === '') delete u[key];
              else u[key] = /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;
            });
          return (
            <div className="router-principal" key={i}>
              <input
                className="router-input"
                aria-label={`Auth ID of WAMP-CRA user ${i + 1}`}
                value={authid}
                onChange={(e) => withAuth((a) => (objectAt(a, 'wampcra').users = renameKey(objectAt(objectAt(a, 'wampcra'), 'users'), authid, e.target.value)))}
              />
              <RoleSelect label={`Role of ${owner}`} value={entry.role} roles={roles} onChange={(role) => withEntry((u) => (u.role = role))} />
              <SecretEditor
                what="secret"
                owner={owner}
                value={entry.secret}
                suggestedName={suggestSecretName(transportId, 'wampcra', authid)}
                onChange={(value) => withEntry((u) => (u.secret = value))}
              />
              <input
                className="router-input router-input-sm"
                aria-label={`Salt of ${owner}`}
                placeholder="salt (optional)"
                value={typeof entry.salt === 'string' ? entry.salt : ''}
                onChange={(e) => withEntry((u) => (e.target.value === '' ? delete u.salt : (u.salt = e.target.value)))}
              />
              <input
                className="router-input router-input-xs"
                aria-label={`Iterations of ${owner}`}
                placeholder="iterations"
                value={entry.iterations === undefined ? '' : String(entry.iterations)}
                onChange={(e) => numberField('iterations', e.target.value)}
              />
              <input
                className="router-input router-input-xs"
                aria-label={`Key length of ${owner}`}
                placeholder="keylen"
                value={entry.keylen === undefined ? '' : String(entry.keylen)}
                onChange={(e) => numberField('keylen', e.target.value)}
              />
              <IconButton icon="trash" tone="danger" label={`Remove ${owner}`} onClick={() => withEntry((_u, users) => delete users[authid])} />
            </div>
          );
        }}
      />
    </div>
  );
}

interface MethodSectionProps {
  title: string;
  config: Obj | undefined;
  entriesKey: 'principals' | 'users';
  onToggle: (on: boolean) => void;
  onAdd: () => void;
  addLabel: string;
  render: (authid: string, entry: Obj, index: number) => ReactNode;
}

function MethodSection({ title, config, entriesKey, onToggle, onAdd, addLabel, render }: MethodSectionProps) {
  const entries = config && isObject(config[entriesKey]) ? Object.entries(config[entriesKey] as Obj) : [];
  return (
    <div className="router-method">
      <label className="router-check">
        <input type="checkbox" checked={config !== undefined} onChange={(e) => onToggle(e.target.checked)} />
        {title}
      </label>
      {config?.type === 'dynamic' && <span className="router-muted">dynamic authenticator {String(config.authenticator)} (edit it in the JSON view)</span>}
      {config?.type === 'static' && (
        <div className="router-principals">
          {entries.map(([authid, entry], i) => (isObject(entry) ? render(authid, entry, i) : <p key={i}>{authid}: not an object (see the JSON view)</p>))}
          <Button size="sm" icon="plus" onClick={onAdd}>
            {addLabel}
          </Button>
        </div>
      )}
    </div>
  );
}
