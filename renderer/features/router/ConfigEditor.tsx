// router.json editor: a structured view (realms/roles/permissions, transport auth) and the raw JSON,
// both editing the same draft; problems by JSON path, each linking to its control or JSON text; Save
// and Revert. A refused Save shows its problems at the top, next to Save, and moves focus there.
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { RouterConfigIssue } from '../../../shared/api/router-contract';
import { Banner } from '../../components/Banner';
import { Button } from '../../components/Button';
import { Tabs } from '../../components/Tabs';
import { useKeys } from '../settings/useKeys';
import { ConfigIssues, ConfigIssueSummary } from './ConfigIssues';
import { editDoc, keychainNames, parseDoc, type Obj } from './config-doc';
import { ancestorPaths, describeIssue, locateJsonPath, offsetOf, parsePath } from './config-paths';
import { RawConfigEditor } from './RawConfigEditor';
import { RealmsEditor } from './RealmsEditor';
import { ConfigIssueLookup } from './RouterField';
import { TransportAuthEditor } from './TransportAuthEditor';
import { issuesOf, type RouterConfigState } from './useRouterConfig';
import { useStoredSecrets, useTotpAccounts } from './useRouterSecrets';

type View = 'structured' | 'json';
const TABS = [
  { key: 'structured', label: 'Editor', testId: 'router-tab-structured' },
  { key: 'json', label: 'JSON', testId: 'router-tab-json' },
] as const;

const FOCUSABLE = 'input, select, textarea, button';
const NO_NAMES: string[] = [];

export function ConfigEditor({ state }: { state: RouterConfigState }) {
  const [view, setView] = useState<View>('structured');
  const accounts = useTotpAccounts();
  const { keys } = useKeys();
  const { config, draft, setDraft, dirty, validation, saving, error, save, revert, dismissError } = state;
  const parsed = useMemo(() => parseDoc(draft), [draft]);
  const names = useMemo(() => (parsed.ok ? keychainNames(parsed.doc) : NO_NAMES), [parsed]);
  const stored = useStoredSecrets(names);
  const edit = (mutate: (doc: Obj) => void) => setDraft(editDoc(draft, mutate));

  // A refused save lists its own issues until the next validation of the (edited) draft arrives.
  const saveIssues = issuesOf(error);
  const issues: RouterConfigIssue[] = saveIssues.length > 0 ? saveIssues : (validation?.issues ?? []);
  const otherError = error && saveIssues.length === 0 ? error : null;
  const issueAt = useMemo(() => {
    const byPath = new Map<string, string>();
    for (const issue of issues) if (!byPath.has(issue.path)) byPath.set(issue.path, issue.message);
    return (path: string) => byPath.get(path);
  }, [issues]);

  // After a refused Save the summary stays at the top (with the current problems) until they are fixed.
  const [summaryOpen, setSummaryOpen] = useState(false);
  const [focusSummary, setFocusSummary] = useState(0);
  const summaryRef = useRef<HTMLDivElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  // Layout effects for focus and selection: they land in the same frame as the render they follow,
  // as with a click's synchronous effects in React, so a key typed right after goes where it should.
  useLayoutEffect(() => {
    if (focusSummary === 0) return;
    const target = summaryRef.current ?? errorRef.current;
    target?.focus({ preventScroll: true });
    target?.scrollIntoView({ block: 'nearest' });
  }, [focusSummary]);

  useEffect(() => {
    if (summaryOpen && issues.length === 0) setSummaryOpen(false);
  }, [summaryOpen, issues.length]);

  const onSave = async () => {
    const ok = await save();
    setSummaryOpen(!ok);
    if (!ok) setFocusSummary((n) => n + 1);
  };
  const onRevert = () => {
    revert();
    setSummaryOpen(false);
  };

  // Where an issue's link leads: the structured control of its path (or the nearest one that exists),
  // else its key in the JSON text, selected.
  const rootRef = useRef<HTMLElement>(null);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const [jsonSelection, setJsonSelection] = useState<{ start: number; end: number } | null>(null);
  const goTo = useCallback(
    (issue: RouterConfigIssue) => {
      const where = describeIssue(issue, dirty);
      const path = parsePath(issue.path);
      if (view === 'structured' && path && rootRef.current) {
        for (const candidate of ancestorPaths(path)) {
          const el = rootRef.current.querySelector<HTMLElement>(`[data-config-path="${CSS.escape(candidate)}"]`);
          const control = el?.matches(FOCUSABLE) ? el : el?.querySelector<HTMLElement>(FOCUSABLE);
          if (control) {
            control.focus({ preventScroll: true });
            control.scrollIntoView({ block: 'center' });
            return;
          }
        }
      }
      const at = where.line !== undefined ? offsetOf(draft, where.line, where.column ?? 1) : undefined;
      const range = at !== undefined ? { start: at, end: Math.min(at + 1, draft.length) } : path ? locateJsonPath(draft, path) : null;
      setView('json');
      setJsonSelection(range ?? { start: 0, end: 0 });
    },
    [dirty, draft, view],
  );
  useLayoutEffect(() => {
    const area = textareaRef.current;
    if (view !== 'json' || !jsonSelection || !area) return;
    area.focus({ preventScroll: true });
    area.setSelectionRange(jsonSelection.start, jsonSelection.end);
    // Bring the selected line into the textarea's own view, then the textarea into the window's.
    const line = draft.slice(0, jsonSelection.start).split('\n').length - 1;
    const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 18;
    area.scrollTop = Math.max(0, line * lineHeight - area.clientHeight / 3);
    area.scrollIntoView({ block: 'nearest' });
    setJsonSelection(null);
  }, [view, jsonSelection, draft]);

  if (!config) return <p className="loading-line">Loading the router config…</p>;

  const showSummary = summaryOpen && issues.length > 0;
  return (
    <section ref={rootRef} className="router-card router-config" aria-labelledby="router-config-heading">
      <div className="router-card-head">
        <div className="router-config-title">
          <h2 id="router-config-heading" className="router-card-title">
            Configuration
          </h2>
          <p className="router-muted">
            <code>{config.path}</code> · Crossbar config.json format · secrets as keychain references
          </p>
        </div>
        <div className="router-actions">
          {dirty && <span className="router-unsaved">Unsaved changes</span>}
          <Button onClick={onRevert} disabled={!dirty || saving}>
            Revert
          </Button>
          <Button variant="primary" onClick={() => void onSave()} disabled={!dirty || saving} testId="router-config-save">
            {saving ? 'Saving…' : 'Save config'}
          </Button>
        </div>
      </div>

      {/* "Created router.json with defaults" and the like describe the file as loaded: not news once it is being edited. */}
      {!dirty &&
        config.notices.map((n, i) => (
          <Banner key={i} kind={n.level} testId="router-config-notice">
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
        <div ref={errorRef} tabIndex={-1} className="router-focus-target">
          <Banner kind="error" title="The config was not saved" onDismiss={dismissError}>
            {otherError.message}
          </Banner>
        </div>
      )}
      {showSummary && <ConfigIssueSummary ref={summaryRef} issues={issues} isDraft={dirty} onGoTo={goTo} />}

      <ConfigIssueLookup.Provider value={issueAt}>
        <Tabs tabs={TABS} selected={view} onSelect={setView} label="Config view">
          {view === 'json' ? (
            <RawConfigEditor text={draft} onChange={setDraft} invalid={issues.length > 0} textareaRef={textareaRef} />
          ) : parsed.ok ? (
            <div className="router-structured">
              <RealmsEditor doc={parsed.doc} edit={edit} />
              <TransportAuthEditor doc={parsed.doc} edit={edit} accounts={accounts} keys={keys} stored={stored} />
            </div>
          ) : (
            <Banner kind="error" title={`${dirty ? 'The draft' : 'router.json'} is not valid JSON`}>
              {parsed.error}. Fix it in the JSON view to use the editor.
            </Banner>
          )}
        </Tabs>
      </ConfigIssueLookup.Provider>
      {!showSummary && <ConfigIssues issues={issues} warnings={validation?.warnings ?? []} isDraft={dirty} onGoTo={goTo} />}
      {showSummary && (validation?.warnings.length ?? 0) > 0 && <ConfigIssues issues={[]} warnings={validation?.warnings ?? []} isDraft={dirty} onGoTo={goTo} />}
    </section>
  );
}
