// The right-hand form: connection, authentication, probes, timeout — with Save, Delete, Duplicate,
// "Copy as command line" and the big "Run test" button (which saves unsaved changes first, so a run
// always uses what the form shows), or "Run without saving" to try the edits and keep what is stored.
import type { FormEvent, Ref } from 'react';
import type { KeyView } from '../../../shared/api/keys-contract';
import type { AccountView } from '../../../shared/api/types';
import { TESTER_SERIALIZERS, type TesterSerializer } from '../../../shared/api/tester-contract';
import { Button } from '../../components/Button';
import { Field } from '../../components/Field';
import { AuthFields } from './AuthFields';
import { TlsFields } from './TlsFields';
import { PROBE_ACTIONS, urlHint } from './profile-form';
import { ACTION_LABELS } from './result-view';
import type { ProfileFormState } from './useProfileForm';

export interface ProfileEditorProps {
  state: ProfileFormState;
  formRef: Ref<HTMLFormElement>;
  accounts: AccountView[];
  /** Stored WAMP-Cryptosign keys (public halves), for the key picker. */
  keys: KeyView[];
  saving: boolean;
  running: boolean;
  /** Form-level error from the last save (the backend's message). */
  error: string | null;
  onSave: () => void;
  onDelete: () => void;
  onRun: () => void;
  onRunWithoutSaving: () => void;
  onDuplicate: () => void;
  onCopyCommand: () => void;
}

const SERIALIZER_LABELS: Record<TesterSerializer, string> = { json: 'JSON', msgpack: 'MessagePack', cbor: 'CBOR' };

export function ProfileEditor(props: ProfileEditorProps) {
  const { state, formRef, accounts, keys, saving, running, error, onSave, onDelete, onRun } = props;
  const { form, set, setProbes, touch, visibleErrors, dirty } = state;
  const isNew = form.id === null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onSave();
  };

  return (
    <form ref={formRef} className="tester-card profile-editor" aria-labelledby="profile-editor-title" onSubmit={submit} noValidate data-testid="profile-editor">
      <div className="tester-card-head">
        <h2 id="profile-editor-title">{isNew ? 'New profile' : form.name || 'Profile'}</h2>
        {dirty && !isNew && (
          <span className="unsaved-badge" data-testid="unsaved-badge">
            Unsaved changes
          </span>
        )}
      </div>

      <fieldset className="tester-fieldset">
        <legend>Connection</legend>
        <div className="form-grid form-grid-2">
          <Field label="Profile name" error={visibleErrors.name}>
            <input value={form.name} autoComplete="off" data-testid="tester-name" onChange={(e) => set('name', e.target.value)} onBlur={() => touch('name')} />
          </Field>
          <Field label="Serializer">
            <select value={form.serializer} data-testid="tester-serializer" onChange={(e) => set('serializer', e.target.value as TesterSerializer)}>
              {TESTER_SERIALIZERS.map((s) => (
                <option key={s} value={s}>
                  {SERIALIZER_LABELS[s]}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <div className="form-grid form-grid-url">
          <Field label="Router URL" error={visibleErrors.url} hint={urlHint(form.url)}>
            <input
              className="mono"
              value={form.url}
              autoComplete="off"
              spellCheck={false}
              inputMode="url"
              data-testid="tester-url"
              onChange={(e) => set('url', e.target.value)}
              onBlur={() => touch('url')}
            />
          </Field>
          <Field label="Realm" error={visibleErrors.realm}>
            <input
              value={form.realm}
              autoComplete="off"
              spellCheck={false}
              data-testid="tester-realm"
              onChange={(e) => set('realm', e.target.value)}
              onBlur={() => touch('realm')}
            />
          </Field>
        </div>
      </fieldset>

      <AuthFields state={state} accounts={accounts} keys={keys} />

      {/^(wss|rss):/i.test(form.url.trim()) && <TlsFields state={state} />}

      <details className="advanced tester-probes" open={PROBE_ACTIONS.some((a) => form.probes[a].trim() !== '')}>
        <summary>Probes after joining (optional)</summary>
        <p className="advanced-note">One URI per line. After WELCOME the tester tries each action and shows what the role may do.</p>
        <div className="form-grid form-grid-2">
          {PROBE_ACTIONS.map((action) => (
            <Field key={action} label={`${ACTION_LABELS[action]} URIs`} error={visibleErrors[`probes.${action}`]}>
              <textarea
                rows={3}
                className="mono"
                spellCheck={false}
                value={form.probes[action]}
                placeholder={action === 'call' || action === 'register' ? 'com.example.add2' : 'com.example.topic'}
                data-testid={`tester-probes-${action}`}
                onChange={(e) => setProbes(action, e.target.value)}
                onBlur={() => touch(`probes.${action}`)}
              />
            </Field>
          ))}
        </div>
      </details>

      <details className="advanced">
        <summary>Timeout</summary>
        <div className="form-grid form-grid-2">
          <Field label="Timeout per step (ms)" error={visibleErrors.timeoutMs} hint="Connect, handshake answer, each probe">
            <input inputMode="numeric" value={form.timeoutMs} onChange={(e) => set('timeoutMs', e.target.value)} onBlur={() => touch('timeoutMs')} />
          </Field>
        </div>
      </details>

      {error && (
        <p className="form-error" role="alert" data-testid="tester-form-error">
          {error}
        </p>
      )}

      <div className="profile-actions">
        <Button type="submit" aria-busy={saving} testId="tester-save">
          {saving ? 'Saving…' : 'Save'}
        </Button>
        {!isNew && (
          <Button variant="ghost" icon="copy" onClick={props.onDuplicate} testId="tester-duplicate" title="A copy of the saved profile, with its secret">
            Duplicate
          </Button>
        )}
        <Button variant="ghost" onClick={props.onCopyCommand} testId="tester-copy-command" title="An authbahn test command line; secrets are read from standard input (-)">
          Copy as command line
        </Button>
        {!isNew && (
          <Button variant="ghost" icon="trash" onClick={onDelete} testId="tester-delete">
            Delete
          </Button>
        )}
        <span className="profile-run-group">
          {dirty && <span className="run-note">Run test saves the changes first.</span>}
          {dirty && (
            <Button onClick={props.onRunWithoutSaving} disabled={running} testId="tester-run-unsaved" title="Test what the form shows; the stored profile and secret stay as they are">
              Run without saving
            </Button>
          )}
          <Button variant="primary" className="run-button" aria-busy={running} onClick={onRun} testId="tester-run">
            {running ? 'Testing…' : 'Run test'}
          </Button>
        </span>
      </div>
    </form>
  );
}
