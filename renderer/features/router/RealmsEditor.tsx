// Realms → roles → permissions of the router worker, edited in place in the config document.
import { Button, IconButton } from '../../components/Button';
import { arrayAt, isObject, newPermission, routerWorker, routerWorkerIndex, type Obj } from './config-doc';
import { formatPath } from './config-paths';
import { PermissionRows } from './PermissionRows';
import { RouterField } from './RouterField';

export interface DocEditorProps {
  doc: Obj;
  /** Applies a change to a copy of the document (the draft is replaced by the result). */
  edit: (mutate: (doc: Obj) => void) => void;
}

const realmsOf = (doc: Obj): unknown[] => {
  const worker = routerWorker(doc);
  return worker && Array.isArray(worker.realms) ? worker.realms : [];
};

export function RealmsEditor({ doc, edit }: DocEditorProps) {
  const realms = realmsOf(doc);
  const workerPath = ['workers', routerWorkerIndex(doc)];
  const withWorker = (fn: (worker: Obj) => void) =>
    edit((d) => {
      const worker = routerWorker(d);
      if (worker) fn(worker);
    });
  const withRealm = (i: number, fn: (realm: Obj) => void) =>
    edit((d) => {
      const realm = realmsOf(d)[i];
      if (isObject(realm)) fn(realm);
    });

  return (
    <section className="router-subsection" aria-labelledby="router-realms-heading">
      <div className="router-subsection-head">
        <h3 id="router-realms-heading">Realms and roles</h3>
        <Button
          size="sm"
          icon="plus"
          onClick={() => withWorker((w) => arrayAt(w, 'realms').push({ name: `realm${realms.length + 1}`, roles: [{ name: 'anonymous', permissions: [newPermission()] }] }))}
        >
          Add realm
        </Button>
      </div>
      {realms.map((realm, ri) => {
        if (!isObject(realm)) return <p key={ri}>Realm {ri + 1} is not an object: edit it in the JSON view.</p>;
        const realmName = typeof realm.name === 'string' ? realm.name : '';
        const roles = Array.isArray(realm.roles) ? realm.roles : [];
        const realmPath = [...workerPath, 'realms', ri];
        return (
          <fieldset key={ri} className="router-realm" data-config-path={formatPath(realmPath)}>
            <legend>Realm {realmName || ri + 1}</legend>
            <div className="router-inline">
              <RouterField label="Realm name" path={formatPath([...realmPath, 'name'])} className="router-field-name">
                <input className="router-input" value={realmName} spellCheck={false} onChange={(e) => withRealm(ri, (r) => (r.name = e.target.value))} />
              </RouterField>
              <Button size="sm" icon="plus" onClick={() => withRealm(ri, (r) => arrayAt(r, 'roles').push({ name: `role${roles.length + 1}`, permissions: [newPermission()] }))}>
                Add role
              </Button>
              <IconButton icon="trash" tone="danger" label={`Remove realm ${realmName}`} onClick={() => withWorker((w) => arrayAt(w, 'realms').splice(ri, 1))} />
            </div>
            {roles.map((role, oi) => {
              if (!isObject(role)) return <p key={oi}>Role {oi + 1} is not an object: edit it in the JSON view.</p>;
              const roleName = typeof role.name === 'string' ? role.name : '';
              const withRole = (fn: (role: Obj) => void) =>
                withRealm(ri, (r) => {
                  const target = arrayAt(r, 'roles')[oi];
                  if (isObject(target)) fn(target);
                });
              const rolePath = [...realmPath, 'roles', oi];
              return (
                <div key={oi} className="router-role" data-config-path={formatPath(rolePath)}>
                  <div className="router-inline">
                    <RouterField label="Role name" path={formatPath([...rolePath, 'name'])} className="router-field-name">
                      <input className="router-input" value={roleName} spellCheck={false} onChange={(e) => withRole((r) => (r.name = e.target.value))} />
                    </RouterField>
                    {role.authorizer === undefined && (
                      <Button size="sm" icon="plus" onClick={() => withRole((r) => arrayAt(r, 'permissions').push(newPermission()))}>
                        Add permission
                      </Button>
                    )}
                    <IconButton
                      icon="trash"
                      tone="danger"
                      label={`Remove role ${roleName} of realm ${realmName}`}
                      onClick={() => withRealm(ri, (r) => arrayAt(r, 'roles').splice(oi, 1))}
                    />
                  </div>
                  {role.authorizer !== undefined ? (
                    <p className="router-muted">
                      Dynamic authorizer <code>{String(role.authorizer)}</code> (edit it in the JSON view).
                    </p>
                  ) : (
                    <PermissionRows
                      roleName={roleName}
                      permissions={Array.isArray(role.permissions) ? role.permissions : []}
                      path={[...rolePath, 'permissions']}
                      onEdit={(pi, change) =>
                        withRole((r) => {
                          const p = arrayAt(r, 'permissions')[pi];
                          if (isObject(p)) change(p);
                        })
                      }
                      onRemove={(pi) => withRole((r) => arrayAt(r, 'permissions').splice(pi, 1))}
                    />
                  )}
                </div>
              );
            })}
          </fieldset>
        );
      })}
    </section>
  );
}
