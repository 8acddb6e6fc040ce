// router.json editor: a structured view (realms/roles/permissions, transport auth) and the raw JSON,
// both editing the same draft; problems by JSON path under either view; Save and Revert.
import { useMemo, useState } from 'react';
import type { RouterConfigIssue } from '../../../shared/api/router-contract';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Tabs } from '../../components/Tabs';
import { ConfigIssues } from './ConfigIssues';
import { editDoc, parseDoc, type Obj } from './config-doc';
import { RawConfigEditor } from './RawConfigEditor';
import { RealmsEditor } from './RealmsEditor';
import { TransportAuthEditor } from './TransportAuthEditor';
import { issuesOf, type RouterConfigState } from './useRouterConfig';
import { useTotpAccounts } from './useRouterSecrets';

type View = 'structured' | 'json';
const TABS = [
  { key: 'structured', label: 'Editor', testId: 'router-tab-structured' },
  { key: 'json', label: 'JSON', testId: 'router-tab-json' },
] as const;

export function ConfigEditor({ state }: { state: RouterConfigState }) {
  const [view, setView] = useState<View>('structured');
  const accounts = useTotpAccounts();
  const { config, draft, setDraft, dirty, validation, saving, error, save, revert, dismissError } = state;
  const parsed = useMemo(() => parseDoc(draft), [draft]);
  const edit = (mutate: (doc: Obj) => void) => setDraft(editDoc(draft, mutate));

  // A refused save lists its own issues; otherwise show the live validation of the draft.
  const saveIssues = issuesOf(error);
  const issues: RouterConfigIssue[] = saveIssues.length > 0 ? saveIssues : (validation?.issues ?? []);
  const otherError = error && saveIssues.length === 0 ? error : null;

  if (!config) return <p className="loading-line">Loading the router config…</p>;

  return (
    <section className="router-card router-config" aria-labelledby="router-config-heading">
      <div className="router-card-head">
        <div>
          <h2 id="router-config-heading" className="router-card-title">
            Configuration
          </h2>
          <p className="router-muted">
            <code>{config.path}</code> · Crossbar config.json format · secrets as keychain references
          </p>
        </div>
        <div className="router-actions">
          {dirty && <span className="router-unsaved">Unsaved changes</span>}
          <Button onClick={revert} disabled={!dirty || saving}>
            Revert
          </Button>
          <Button variant="primary" onClick={() => void save()} disabled={!dirty || saving} testId="router-config-save">
            {saving ? 'Saving…' : 'Save config'}
          </Button>
        </div>
      </div>

      {config.notices.map((n, i) => (
        <Banner key={i} kind={n.level}>
          {n.message}
        </Banner>
      ))}
      {config.secretProblems.length > 0 && !dirty && (
        <Banner kind="warning" title="Secret references that cannot be resolved">
          <ul className="router-plain-list">
            {config.secretProblems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </Banner>
      )}
      {otherError && (
        <Banner kind="error" title="The config was not saved" onDismiss={dismissError}>
          {otherError.message}
        </Banner>
      )}
      {saveIssues.length > 0 && (
        <Banner kind="error" title="The config was not saved" onDismiss={dismissError}>
          Fix the problems listed below and save again.
        </Banner>
      )}

      <Tabs tabs={TABS} selected={view} onSelect={setView} label="Config view">
        {view === 'json' ? (
          <RawConfigEditor text={draft} onChange={setDraft} invalid={issues.length > 0} />
        ) : parsed.ok ? (
          <div className="router-structured">
            <RealmsEditor doc={parsed.doc} edit={edit} />
            <TransportAuthEditor doc={parsed.doc} edit={edit} accounts={accounts} />
          </div>
        ) : (
          <Banner kind="error" title="The config is not valid JSON">
            {parsed.error}. Fix it in the JSON view to use the editor.
          </Banner>
        )}
      </Tabs>
      <ConfigIssues issues={issues} warnings={validation?.warnings ?? []} />
    </section>
  );
}
