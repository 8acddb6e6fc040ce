// Ed25519 keys for WAMP-Cryptosign: generate, import (hex seed or OpenSSH key), copy the public key,
// delete. The private half stays in the keychain (main process); this card only ever sees public keys,
// and an imported private key is sent to main once and cleared from the form.
import { useState, type FormEvent } from 'react';
import { KEY_NAME_PATTERN, KEY_NAME_RULE, type KeyView } from '../../../shared/api/keys-contract';
import { Button, IconButton } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field } from '../../components/Field';
import { useToast } from '../../components/Toast';
import { useApi } from '../api/ApiContext';
import { SettingsCard } from './SettingsScreen';
import { useKeys } from './useKeys';

export function KeysSettings() {
  const api = useApi();
  const toast = useToast();
  const { keys, error, reload } = useKeys();
  const [name, setName] = useState('');
  const [privateKey, setPrivateKey] = useState('');
  const [importing, setImporting] = useState(false);
  const [deleting, setDeleting] = useState<KeyView | null>(null);
  const nameProblem = name !== '' && !KEY_NAME_PATTERN.test(name) ? KEY_NAME_RULE : undefined;
  const canSubmit = name !== '' && !nameProblem && (!importing || privateKey.trim() !== '');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!canSubmit) return;
    const result = importing ? await api.keys.import(name, privateKey) : await api.keys.generate(name);
    if (!result.ok) return toast.show(result.error.message, 'error');
    setName('');
    setPrivateKey('');
    setImporting(false);
    await reload();
    toast.show(`${importing ? 'Imported' : 'Generated'} key "${result.value.name}"`, 'success');
  };

  const copy = async (key: KeyView) => {
    try {
      await navigator.clipboard.writeText(key.publicKey);
      toast.show(`Public key of "${key.name}" copied`, 'success');
    } catch {
      toast.show('Could not write to the clipboard', 'error');
    }
  };

  return (
    <SettingsCard title="Keys" testId="settings-keys">
      <p className="settings-muted">
        Ed25519 key pairs for WAMP-Cryptosign. The private key stays in the system keychain; only the public key is shown. Use a key in a
        tester profile, with <code>authbahn test --cryptosign-key NAME</code>, or in a router config as{' '}
        <code>{'{"keychain-key": "NAME"}'}</code> in <code>authorized_keys</code>.
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      {keys !== null && keys.length === 0 && <p className="settings-muted">No keys yet.</p>}
      {keys !== null && keys.length > 0 && (
        <ul className="keys-list" data-testid="keys-list">
          {keys.map((key) => (
            <li key={key.name} className="keys-item" data-testid="key-row">
              <div className="keys-item-text">
                <span className="keys-name">{key.name}</span>
                <code className="keys-public" data-testid="key-public">
                  {key.publicKey}
                </code>
                <span className="settings-muted">
                  {key.origin === 'imported' ? 'Imported' : 'Generated'} {new Date(key.createdAt).toLocaleString()}
                </span>
              </div>
              <IconButton icon="copy" label={`Copy the public key of ${key.name}`} onClick={() => void copy(key)} testId="key-copy" />
              <IconButton icon="trash" tone="danger" label={`Delete ${key.name}`} onClick={() => setDeleting(key)} testId="key-delete" />
            </li>
          ))}
        </ul>
      )}
      <form className="settings-form" onSubmit={(e) => void submit(e)}>
        <Field label="Key name" error={nameProblem} hint="Letters, digits and . _ - @">
          <input type="text" value={name} spellCheck={false} autoComplete="off" placeholder="laptop" onChange={(e) => setName(e.target.value)} data-testid="key-name" />
        </Field>
        <label className="settings-check">
          <input type="checkbox" checked={importing} onChange={(e) => setImporting(e.target.checked)} data-testid="key-import-toggle" />
          <span>Import an existing private key instead of generating one</span>
        </label>
        {importing && (
          <Field label="Private key" hint="32 bytes in hex (64 hex digits), or an unencrypted OpenSSH ed25519 key (BEGIN OPENSSH PRIVATE KEY)">
            <textarea
              rows={4}
              value={privateKey}
              spellCheck={false}
              autoComplete="off"
              className="keys-import-text"
              onChange={(e) => setPrivateKey(e.target.value)}
              data-testid="key-import-text"
            />
          </Field>
        )}
        <div className="settings-actions">
          <Button type="submit" variant="primary" icon={importing ? 'download' : 'key'} disabled={!canSubmit} testId="key-submit">
            {importing ? 'Import key' : 'Generate key'}
          </Button>
        </div>
      </form>
      {deleting && (
        <ConfirmDialog
          title={`Delete key "${deleting.name}"?`}
          message={
            <>
              Its private key is deleted from the keychain and cannot be recovered. Routers and profiles that use this key will stop accepting
              or signing with it.
            </>
          }
          confirmLabel="Delete key"
          confirmTestId="key-delete-confirm"
          onClose={() => setDeleting(null)}
          onConfirm={async () => {
            const result = await api.keys.remove(deleting.name);
            if (!result.ok) return result.error.message;
            setDeleting(null);
            await reload();
            toast.show(`Deleted key "${deleting.name}"`, 'success');
            return null;
          }}
        />
      )}
    </SettingsCard>
  );
}
