// Authentication of each transport: anonymous on/off and its role, static ticket principals, static
// WAMP-CRA users and static WAMP-Cryptosign principals. Dynamic authenticators are shown, and edited in
// the JSON view. Every principal is its own group with labelled fields that wrap to the card's width.
import type { ReactNode } from 'react';
import type { KeyView } from '../../../shared/api/keys-contract';
import type { AccountView } from '../../../shared/api/types';
import { Button, IconButton } from '../../components/Button';
import {
  allRoleNames,
  freshKey,
  isObject,
  isPublicKeyHex,
  objectAt,
  readAuthorizedKey,
  renameKey,
  renamePrincipal,
  routerWorker,
  routerWorkerIndex,
  suggestSecretName,
  writeAuthorizedKey,
  wsSection,
  wsSectionPath,
  type AuthorizedKeyRow,
  type Obj,
} from './config-doc';
import { formatPath, type PathPart } from './config-paths';
import type { DocEditorProps } from './RealmsEditor';
import { RouterField } from './RouterField';
import { SecretEditor } from './SecretEditor';
import type { StoredSecrets } from './useRouterSecrets';

const transportsOf = (doc: Obj): unknown[] => {
  const worker = routerWorker(doc);
  return worker && Array.isArray(worker.transports) ? worker.transports : [];
};

export interface TransportAuthEditorProps extends DocEditorProps {
  accounts: AccountView[];
  /** The app's stored Ed25519 keys (null while loading), for cryptosign principals. */
  keys: KeyView[] | null;
  stored: StoredSecrets;
}

export function TransportAuthEditor({ doc, edit, accounts, keys, stored }: TransportAuthEditorProps) {
  const roles = allRoleNames(doc);
  const worker = routerWorkerIndex(doc);
  return (
    <section className="router-subsection" aria-labelledby="router-auth-heading">
      <div className="router-subsection-head">
        <h3 id="router-auth-heading">Authentication</h3>
      </div>
      {transportsOf(doc).map((t, ti) => {
        const ws = isObject(t) ? wsSection(t) : undefined;
        const id = isObject(t) && typeof t.id === 'string' ? t.id : `transport${ti + 1}`;
        if (!ws || !isObject(t)) return <p key={ti}>Transport {id}: no WebSocket settings to edit here (see the JSON view).</p>;
        const withAuth = (fn: (auth: Obj, ws: Obj) => void) =>
          edit((d) => {
            const target = transportsOf(d)[ti];
            const section = isObject(target) ? wsSection(target) : undefined;
            if (!section) return;
            // No auth section means "anonymous as role anonymous" (Crossbar); make that explicit before editing.
            if (!isObject(section.auth)) section.auth = { anonymous: { type: 'static', role: 'anonymous' } };
            fn(section.auth as Obj, section);
          });
        const authPath: PathPart[] = ['workers', worker, 'transports', ti, ...(wsSectionPath(t) ?? []), 'auth'];
        return (
          <fieldset key={ti} className="router-transport" data-config-path={formatPath(['workers', worker, 'transports', ti])}>
            <legend>Transport {id}</legend>
            <TransportAuth
              transportId={id}
              auth={isObject(ws.auth) ? ws.auth : undefined}
              authPath={authPath}
              roles={roles}
              accounts={accounts}
              keys={keys}
              stored={stored}
              withAuth={withAuth}
            />
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
  authPath: PathPart[];
  roles: string[];
  accounts: AccountView[];
  keys: KeyView[] | null;
  stored: StoredSecrets;
  withAuth: (fn: (auth: Obj) => void) => void;
}

/** Extra props (id, aria-*, data-config-path) come from the RouterField around it. */
function RoleSelect({ value, roles, onChange, ...control }: { value: unknown; roles: string[]; onChange: (role: string) => void } & Record<string, unknown>) {
  const current = typeof value === 'string' ? value : '';
  return (
    <select {...control} className="router-input" value={current} onChange={(e) => onChange(e.target.value)}>
      {!roles.includes(current) && <option value={current}>{current || '(choose a role)'}</option>}
      {roles.map((r) => (
        <option key={r} value={r}>
          {r}
        </option>
      ))}
    </select>
  );
}

/** Edits one static principal (or WAMP-CRA user) in place; gone entries are left alone. */
function entryUpdater(withAuth: (fn: (auth: Obj) => void) => void, method: AuthMethod, entriesKey: EntriesKey, authid: string) {
  return (fn: (entry: Obj, entries: Obj) => void) =>
    withAuth((a) => {
      const entries = objectAt(objectAt(a, method), entriesKey);
      const target = entries[authid];
      if (isObject(target)) fn(target, entries);
    });
}

/** The two fields every static principal has: its auth ID (renaming it is the method's own rule) and role. */
function IdentityFields({
  authid,
  context,
  owner,
  path,
  role,
  roles,
  onRename,
  onRole,
}: {
  authid: string;
  context: string;
  owner: string;
  path: PathPart[];
  role: unknown;
  roles: string[];
  onRename: (to: string) => void;
  onRole: (role: string) => void;
}) {
  return (
    <>
      <RouterField label="Auth ID" context={context} path={formatPath(path)}>
        <input className="router-input" value={authid} spellCheck={false} onChange={(e) => onRename(e.target.value)} />
      </RouterField>
      <RouterField label="Role" context={`of ${owner}`} path={formatPath([...path, 'role'])}>
        <RoleSelect value={role} roles={roles} onChange={onRole} />
      </RouterField>
    </>
  );
}

function TransportAuth({ transportId, auth, authPath, roles, accounts, keys, stored, withAuth }: TransportAuthProps) {
  const anonymous = auth === undefined ? { type: 'static', role: 'anonymous' } : isObject(auth.anonymous) ? auth.anonymous : undefined;
  const ticket = auth && isObject(auth.ticket) ? auth.ticket : undefined;
  const cra = auth && isObject(auth.wampcra) ? auth.wampcra : undefined;
  const cryptosign = auth && isObject(auth.cryptosign) ? auth.cryptosign : undefined;
  const defaultRole = roles[0] ?? 'anonymous';
  // Before the first keychain answer, treat every item as stored: a rename must never move a reference
  // off a secret the user stored.
  const isStored = (name: string) => !stored.loaded || stored.status(name) === true;
  const at = (...rest: PathPart[]) => formatPath([...authPath, ...rest]);

  return (
    <div className="router-auth">
      <div className="router-inline router-inline-end">
        <label className="router-check">
          <input
            type="checkbox"
            data-config-path={at('anonymous')}
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
          <RouterField label="Role" context={`of anonymous logins on ${transportId}`} path={at('anonymous', 'role')}>
            <RoleSelect value={anonymous.role ?? 'anonymous'} roles={roles} onChange={(role) => withAuth((a) => (objectAt(a, 'anonymous').role = role))} />
          </RouterField>
        )}
        {anonymous?.type === 'dynamic' && <span className="router-muted">dynamic authenticator {String(anonymous.authenticator)}</span>}
      </div>

      <MethodSection
        title={`Ticket logins on ${transportId}`}
        config={ticket}
        method="ticket"
        entriesKey="principals"
        authPath={authPath}
        withAuth={withAuth}
        newEntry={(entries) => {
          const authid = freshKey(entries, 'user');
          return [authid, { ticket: { keychain: suggestSecretName(transportId, 'ticket', authid) }, role: defaultRole }];
        }}
        addLabel="Add ticket principal"
        render={(authid, entry, i, { p, withEntry, remove }) => {
          const owner = `ticket principal ${authid}`;
          return (
            <Principal key={i} title={`Ticket principal ${authid}`} onRemove={remove} removeLabel={`Remove ${owner}`}>
              <IdentityFields
                authid={authid}
                context={`of ticket principal ${i + 1}`}
                owner={owner}
                path={p()}
                role={entry.role}
                roles={roles}
                onRename={(to) =>
                  withAuth((a) => {
                    const t = objectAt(a, 'ticket');
                    t.principals = renamePrincipal(objectAt(t, 'principals'), authid, to, { transportId, method: 'ticket', isStored });
                  })
                }
                onRole={(role) => withEntry((e) => (e.role = role))}
              />
              <SecretEditor
                what="ticket"
                owner={owner}
                value={entry.ticket}
                path={p('ticket')}
                suggestedName={suggestSecretName(transportId, 'ticket', authid)}
                accounts={accounts}
                stored={stored.status}
                onStored={stored.markStored}
                onChange={(value) => withEntry((e) => (e.ticket = value))}
              />
            </Principal>
          );
        }}
      />

      <MethodSection
        title={`WAMP-CRA logins on ${transportId}`}
        config={cra}
        method="wampcra"
        entriesKey="users"
        authPath={authPath}
        withAuth={withAuth}
        newEntry={(entries) => {
          const authid = freshKey(entries, 'user');
          return [authid, { secret: { keychain: suggestSecretName(transportId, 'wampcra', authid) }, role: defaultRole }];
        }}
        addLabel="Add WAMP-CRA user"
        render={(authid, entry, i, { p, withEntry, remove }) => {
          const owner = `WAMP-CRA user ${authid}`;
          const numberField = (key: 'iterations' | 'keylen', text: string) =>
            withEntry((u) => {
              if (text.trim() === '') delete u[key];
              else u[key] = /^\d+$/.test(text.trim()) ? Number(text.trim()) : text;
            });
          return (
            <Principal key={i} title={`WAMP-CRA user ${authid}`} onRemove={remove} removeLabel={`Remove ${owner}`}>
              <IdentityFields
                authid={authid}
                context={`of WAMP-CRA user ${i + 1}`}
                owner={owner}
                path={p()}
                role={entry.role}
                roles={roles}
                onRename={(to) =>
                  withAuth((a) => {
                    const c = objectAt(a, 'wampcra');
                    c.users = renamePrincipal(objectAt(c, 'users'), authid, to, { transportId, method: 'wampcra', isStored });
                  })
                }
                onRole={(role) => withEntry((u) => (u.role = role))}
              />
              <SecretEditor
                what="secret"
                owner={owner}
                value={entry.secret}
                path={p('secret')}
                suggestedName={suggestSecretName(transportId, 'wampcra', authid)}
                stored={stored.status}
                onStored={stored.markStored}
                onChange={(value) => withEntry((u) => (u.secret = value))}
              />
              <RouterField label="Salt" context={`of ${owner}`} path={formatPath(p('salt'))} hint="optional">
                <input
                  className="router-input"
                  value={typeof entry.salt === 'string' ? entry.salt : ''}
                  spellCheck={false}
                  onChange={(e) => withEntry((u) => (e.target.value === '' ? delete u.salt : (u.salt = e.target.value)))}
                />
              </RouterField>
              <RouterField label="Iterations" context={`of ${owner}`} path={formatPath(p('iterations'))} hint="with a salt; default 1000">
                <input className="router-input" inputMode="numeric" value={entry.iterations === undefined ? '' : String(entry.iterations)} onChange={(e) => numberField('iterations', e.target.value)} />
              </RouterField>
              <RouterField label="Key length" context={`of ${owner}`} path={formatPath(p('keylen'))} hint="with a salt; default 32">
                <input className="router-input" inputMode="numeric" value={entry.keylen === undefined ? '' : String(entry.keylen)} onChange={(e) => numberField('keylen', e.target.value)} />
              </RouterField>
            </Principal>
          );
        }}
      />

      <MethodSection
        title={`Cryptosign logins on ${transportId}`}
        config={cryptosign}
        method="cryptosign"
        entriesKey="principals"
        authPath={authPath}
        withAuth={withAuth}
        newEntry={(entries) => {
          const first = keys?.[0];
          return [freshKey(entries, 'client'), { authorized_keys: [first ? { 'keychain-key': first.name } : ''], role: defaultRole }];
        }}
        addLabel="Add cryptosign principal"
        render={(authid, entry, i, { p, withEntry, remove }) => {
          const owner = `cryptosign principal ${authid}`;
          const keyList = Array.isArray(entry.authorized_keys) ? entry.authorized_keys : [];
          const withKeys = (fn: (list: unknown[]) => void) =>
            withEntry((e) => {
              if (!Array.isArray(e.authorized_keys)) e.authorized_keys = [];
              fn(e.authorized_keys as unknown[]);
            });
          return (
            <Principal key={i} title={`Cryptosign principal ${authid}`} onRemove={remove} removeLabel={`Remove ${owner}`}>
              <IdentityFields
                authid={authid}
                context={`of cryptosign principal ${i + 1}`}
                owner={owner}
                path={p()}
                role={entry.role}
                roles={roles}
                onRename={(to) =>
                  withAuth((a) => {
                    const c = objectAt(a, 'cryptosign');
                    c.principals = renameKey(objectAt(c, 'principals'), authid, to);
                  })
                }
                onRole={(role) => withEntry((e) => (e.role = role))}
              />
              <fieldset className="router-span router-keys" data-config-path={formatPath(p('authorized_keys'))}>
                <legend className="router-field-label">
                  Authorized keys<span className="visually-hidden"> of {owner}</span>
                </legend>
                <ul className="router-key-list">
                  {keyList.map((k, ki) => (
                    <AuthorizedKey
                      key={ki}
                      row={readAuthorizedKey(k)}
                      index={ki}
                      owner={owner}
                      path={p('authorized_keys', ki)}
                      keys={keys}
                      onChange={(row) => withKeys((list) => (list[ki] = writeAuthorizedKey(row)))}
                      onRemove={() => withKeys((list) => list.splice(ki, 1))}
                    />
                  ))}
                </ul>
                <Button size="sm" icon="plus" onClick={() => withKeys((list) => list.push(keys?.[0] ? { 'keychain-key': keys[0].name } : ''))}>
                  Add key<span className="visually-hidden"> to {owner}</span>
                </Button>
              </fieldset>
            </Principal>
          );
        }}
      />
    </div>
  );
}

function AuthorizedKey({
  row,
  index,
  owner,
  path,
  keys,
  onChange,
  onRemove,
}: {
  row: AuthorizedKeyRow;
  index: number;
  owner: string;
  path: PathPart[];
  keys: KeyView[] | null;
  onChange: (row: AuthorizedKeyRow) => void;
  onRemove: () => void;
}) {
  const what = `key ${index + 1} of ${owner}`;
  if (row.kind === 'other') {
    return (
      <li className="router-key" data-config-path={formatPath(path)}>
        <span className="router-muted">Key {index + 1}: not a public key or stored key (see the JSON view).</span>
        <IconButton icon="trash" tone="danger" label={`Remove ${what}`} onClick={onRemove} />
      </li>
    );
  }
  const storedKey = row.kind === 'stored' ? keys?.find((k) => k.name === row.name) : undefined;
  return (
    <li className="router-key">
      <RouterField label="Key source" context={`of ${what}`}>
        <select
          className="router-input"
          value={row.kind}
          onChange={(e) => onChange(e.target.value === 'stored' ? { kind: 'stored', name: keys?.[0]?.name ?? '' } : { kind: 'hex', value: storedKey?.publicKey ?? '' })}
        >
          <option value="stored">Stored key of this app</option>
          <option value="hex">Public key (hex)</option>
        </select>
      </RouterField>
      {row.kind === 'stored' ? (
        <RouterField
          label="Stored key"
          context={`(${what})`}
          path={formatPath([...path, 'keychain-key'])}
          className="router-key-value"
          hint={
            storedKey ? (
              <code className="router-key-public">{storedKey.publicKey}</code>
            ) : keys !== null && keys.length === 0 ? (
              'No keys yet: generate one in Settings → Keys'
            ) : keys !== null ? (
              <span className="router-warn-text">No stored key has this name</span>
            ) : undefined
          }
        >
          <select className="router-input" value={row.name} onChange={(e) => onChange({ kind: 'stored', name: e.target.value })}>
            {!keys?.some((k) => k.name === row.name) && <option value={row.name}>{row.name || '(choose a key)'}</option>}
            {keys?.map((k) => (
              <option key={k.name} value={k.name}>
                {k.name}
              </option>
            ))}
          </select>
        </RouterField>
      ) : (
        <RouterField
          label="Public key"
          context={`(${what})`}
          path={formatPath(path)}
          className="router-key-value"
          hint={row.value === '' || isPublicKeyHex(row.value) ? '64 hex digits (Ed25519)' : <span className="router-warn-text">{`${row.value.length} characters; an Ed25519 public key is 64 hex digits`}</span>}
        >
          <input className="router-input router-mono" value={row.value} spellCheck={false} autoComplete="off" onChange={(e) => onChange({ kind: 'hex', value: e.target.value.trim() })} />
        </RouterField>
      )}
      <IconButton icon="trash" tone="danger" label={`Remove ${what}`} onClick={onRemove} />
    </li>
  );
}

function Principal({ title, onRemove, removeLabel, children }: { title: string; onRemove: () => void; removeLabel: string; children: ReactNode }) {
  return (
    <li className="router-principal">
      <fieldset className="router-principal-set">
        <legend className="router-principal-title">{title}</legend>
        <div className="router-principal-fields">{children}</div>
        <IconButton icon="trash" tone="danger" label={removeLabel} onClick={onRemove} className="router-principal-remove" />
      </fieldset>
    </li>
  );
}

type AuthMethod = 'ticket' | 'wampcra' | 'cryptosign';
type EntriesKey = 'principals' | 'users';

/** What a method's render gets for one entry: its JSON path, an in-place updater and its removal. */
interface EntryTools {
  p: (...rest: PathPart[]) => PathPart[];
  withEntry: (fn: (entry: Obj, entries: Obj) => void) => void;
  remove: () => void;
}

interface MethodSectionProps {
  title: string;
  config: Obj | undefined;
  method: AuthMethod;
  entriesKey: EntriesKey;
  authPath: PathPart[];
  withAuth: (fn: (auth: Obj) => void) => void;
  /** The auth ID and body of an added entry, given the entries already there. */
  newEntry: (entries: Obj) => [string, Obj];
  addLabel: string;
  render: (authid: string, entry: Obj, index: number, tools: EntryTools) => ReactNode;
}

/** One static method of a transport: on/off, its entries (each drawn by `render`), and Add. */
function MethodSection({ title, config, method, entriesKey, authPath, withAuth, newEntry, addLabel, render }: MethodSectionProps) {
  const entries = config && isObject(config[entriesKey]) ? Object.entries(config[entriesKey] as Obj) : [];
  const path = [...authPath, method];
  const onToggle = (on: boolean) => withAuth((a) => (on ? (a[method] = { type: 'static', [entriesKey]: {} }) : delete a[method]));
  const onAdd = () =>
    withAuth((a) => {
      const list = objectAt(objectAt(a, method), entriesKey);
      const [authid, entry] = newEntry(list);
      list[authid] = entry;
    });
  const toolsFor = (authid: string): EntryTools => {
    const withEntry = entryUpdater(withAuth, method, entriesKey, authid);
    return {
      p: (...rest) => [...path, entriesKey, authid, ...rest],
      withEntry,
      remove: () => withEntry((_e, list) => delete list[authid]),
    };
  };
  return (
    <div className="router-method">
      <label className="router-check">
        <input type="checkbox" data-config-path={formatPath(path)} checked={config !== undefined} onChange={(e) => onToggle(e.target.checked)} />
        {title}
      </label>
      {config?.type === 'dynamic' && <span className="router-muted">dynamic authenticator {String(config.authenticator)} (edit it in the JSON view)</span>}
      {config?.type === 'static' && (
        <div className="router-principals" data-config-path={formatPath([...path, entriesKey])}>
          {entries.length > 0 && (
            <ul className="router-principal-list">
              {entries.map(([authid, entry], i) =>
                isObject(entry) ? (
                  render(authid, entry, i, toolsFor(authid))
                ) : (
                  <li key={i} className="router-principal">
                    {authid}: not an object (see the JSON view)
                  </li>
                ),
              )}
            </ul>
          )}
          <Button size="sm" icon="plus" onClick={onAdd}>
            {addLabel}
          </Button>
        </div>
      )}
    </div>
  );
}
