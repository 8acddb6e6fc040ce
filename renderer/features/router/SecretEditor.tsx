// Where a principal's ticket or WAMP-CRA secret comes from. The keychain is the default offer: the
// secret is stored as keychain item router:NAME and router.json holds only {"keychain": "NAME"}.
// Plain text stays possible (Crossbar configs have it) but is labelled as such; a ticket can also be
// the current code of an authenticator TOTP account. Whether the keychain item exists is shown next to
// its name, so "did my Store click work?" and "will the router start?" are answered before Start.
import { useState } from 'react';
import type { AccountView } from '../../../shared/api/types';
import { Button } from '../../components/Button';
import { Icon } from '../../components/Icon';
import { readSecret, writeSecret, type SecretSource } from './config-doc';
import { formatPath, type PathPart } from './config-paths';
import { RouterField } from './RouterField';
import { useStoreSecret } from './useRouterSecrets';

export interface SecretEditorProps {
  /** "ticket" or "secret": what the value is called. */
  what: 'ticket' | 'secret';
  /** Accessible context, e.g. "ticket principal joe". */
  owner: string;
  value: unknown;
  /** JSON path of the value (the principal's "ticket" or the user's "secret"). */
  path: PathPart[];
  suggestedName: string;
  /** TOTP accounts (tickets only). */
  accounts?: AccountView[];
  /** Whether the referenced keychain item exists (undefined: not known yet). */
  stored: (name: string) => boolean | undefined;
  onStored: (name: string) => void;
  onChange: (value: unknown) => void;
}

export function SecretEditor({ what, owner, value, path, suggestedName, accounts, stored, onStored, onChange }: SecretEditorProps) {
  const source = readSecret(value);
  const storeSecret = useStoreSecret();
  const [newSecret, setNewSecret] = useState('');
  const [storing, setStoring] = useState(false);

  const switchTo = (kind: SecretSource['kind']) => {
    if (kind === 'keychain') onChange(writeSecret({ kind, name: suggestedName }));
    else if (kind === 'inline') onChange(writeSecret({ kind, value: '' }));
    else if (kind === 'account') onChange(writeSecret({ kind, account: accounts?.[0]?.id ?? '' }));
  };

  const store = async () => {
    if (source.kind !== 'keychain' || newSecret === '') return;
    setStoring(true);
    if (await storeSecret(source.name, newSecret)) {
      setNewSecret('');
      onStored(source.name);
    }
    setStoring(false);
  };

  const isStored = source.kind === 'keychain' && source.name !== '' ? stored(source.name) : undefined;
  return (
    <>
      <RouterField label={what === 'ticket' ? 'Ticket from' : 'Secret from'} context={`(${what} of ${owner})`} path={source.kind === 'inline' ? undefined : formatPath(path)}>
        <select className="router-input" value={source.kind} onChange={(e) => switchTo(e.target.value as SecretSource['kind'])}>
          <option value="keychain">Keychain</option>
          {accounts && <option value="account">TOTP account</option>}
          <option value="inline">Plain text in router.json</option>
          {source.kind === 'other' && <option value="other">Other (JSON view)</option>}
        </select>
      </RouterField>
      {source.kind === 'keychain' && (
        <>
          <RouterField
            label="Keychain item"
            context={`of ${owner}`}
            path={formatPath([...path, 'keychain'])}
            hint={
              <span className="router-stored" data-testid="router-secret-state" data-stored={isStored === undefined ? 'unknown' : String(isStored)}>
                {isStored === true ? (
                  <>
                    <Icon name="check" size={13} /> Stored in keychain
                  </>
                ) : isStored === false ? (
                  `Not stored yet: enter the ${what} below`
                ) : (
                  'Checking the keychain…'
                )}
              </span>
            }
          >
            <input className="router-input router-mono" value={source.name} spellCheck={false} onChange={(e) => onChange(writeSecret({ kind: 'keychain', name: e.target.value }))} />
          </RouterField>
          <div className="router-store">
            <RouterField label={isStored ? `Replace ${what}` : `New ${what}`} context={`for ${owner}`}>
              <input
                className="router-input"
                type="password"
                autoComplete="new-password"
                value={newSecret}
                onChange={(e) => setNewSecret(e.target.value)}
              />
            </RouterField>
            <Button size="sm" icon="key" disabled={newSecret === '' || storing || source.name === ''} onClick={() => void store()}>
              Store in keychain<span className="visually-hidden"> ({owner})</span>
            </Button>
          </div>
        </>
      )}
      {source.kind === 'account' && (
        <RouterField label="TOTP account" context={`of ${owner}`} path={formatPath([...path, 'totp', 'account'])}>
          <select className="router-input" value={source.account} onChange={(e) => onChange(writeSecret({ kind: 'account', account: e.target.value }))}>
            {!accounts?.some((a) => a.id === source.account) && <option value={source.account}>{source.account || '(choose an account)'}</option>}
            {accounts?.map((a) => (
              <option key={a.id} value={a.id}>
                {a.issuer ? `${a.issuer}: ${a.label}` : a.label}
              </option>
            ))}
          </select>
        </RouterField>
      )}
      {source.kind === 'inline' && (
        <RouterField label={what === 'ticket' ? 'Plain-text ticket' : 'Plain-text secret'} context={`of ${owner}`} path={formatPath(path)} hint={<span className="router-warn-text">stored unencrypted in router.json</span>}>
          <input className="router-input" type="password" autoComplete="off" value={source.value} onChange={(e) => onChange(writeSecret({ kind: 'inline', value: e.target.value }))} />
        </RouterField>
      )}
      {source.kind === 'other' && <p className="router-muted router-span">TOTP with its own secret: edit it in the JSON view.</p>}
    </>
  );
}
