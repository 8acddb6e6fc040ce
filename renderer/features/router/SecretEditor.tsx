// Where a principal's ticket or WAMP-CRA secret comes from. The keychain is the default offer: the
// secret is stored as keychain item router:NAME and router.json holds only {"keychain": "NAME"}.
// Plain text stays possible (Crossbar configs have it) but is labelled as such; a ticket can also be
// the current code of an authenticator TOTP account.
import { useState } from 'react';
import type { AccountView } from '../../../shared/api/types';
import { Button } from '../../components/Button';
import { readSecret, writeSecret, type SecretSource } from './config-doc';
import { useStoreSecret } from './useRouterSecrets';

export interface SecretEditorProps {
  /** "ticket" or "secret": what the value is called. */
  what: 'ticket' | 'secret';
  /** Accessible context, e.g. "ticket principal joe". */
  owner: string;
  value: unknown;
  suggestedName: string;
  /** TOTP accounts (tickets only). */
  accounts?: AccountView[];
  onChange: (value: unknown) => void;
}

export function SecretEditor({ what, owner, value, suggestedName, accounts, onChange }: SecretEditorProps) {
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
    if (await storeSecret(source.name, newSecret)) setNewSecret('');
    setStoring(false);
  };

  return (
    <div className="router-secret">
      <select className="router-input" aria-label={`Source of the ${what} of ${owner}`} value={source.kind} onChange={(e) => switchTo(e.target.value as SecretSource['kind'])}>
        <option value="keychain">Keychain</option>
        {accounts && <option value="account">TOTP account</option>}
        <option value="inline">Plain text in router.json</option>
        {source.kind === 'other' && <option value="other">Other (JSON view)</option>}
      </select>
      {source.kind === 'keychain' && (
        <>
          <input
            className="router-input"
            aria-label={`Keychain item of ${owner}`}
            value={source.name}
            onChange={(e) => onChange(writeSecret({ kind: 'keychain', name: e.target.value }))}
          />
          <input
            className="router-input"
            type="password"
            autoComplete="new-password"
            aria-label={`New ${what} for ${owner}`}
            placeholder={`new ${what}`}
            value={newSecret}
            onChange={(e) => setNewSecret(e.target.value)}
          />
          <Button size="sm" icon="key" disabled={newSecret === '' || storing || source.name === ''} onClick={() => void store()}>
            Store in keychain
          </Button>
        </>
      )}
      {source.kind === 'account' && (
        <select
          className="router-input"
          aria-label={`TOTP account of ${owner}`}
          value={source.account}
          onChange={(e) => onChange(writeSecret({ kind: 'account', account: e.target.value }))}
        >
          {!accounts?.some((a) => a.id === source.account) && <option value={source.account}>{source.account || '(choose an account)'}</option>}
          {accounts?.map((a) => (
            <option key={a.id} value={a.id}>
              {a.issuer ? `${a.issuer}: ${a.label}` : a.label}
            </option>
          ))}
        </select>
      )}
      {source.kind === 'inline' && (
        <>
          <input
            className="router-input"
            type="password"
            autoComplete="off"
            aria-label={`Plain-text ${what} of ${owner}`}
            value={source.value}
            onChange={(e) => onChange(writeSecret({ kind: 'inline', value: e.target.value }))}
          />
          <span className="router-warn-text">stored unencrypted in router.json</span>
        </>
      )}
      {source.kind === 'other' && <span className="router-muted">TOTP with its own secret: edit it in the JSON view.</span>}
    </div>
  );
}
