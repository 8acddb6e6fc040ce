// The connection tester: saved profiles on the left; on the right the profile form with "Run test",
// the result of the latest test of that profile, its run history (latency chart, compare, watch mode)
// and — after "Test all" — a summary of every profile.
// Owns which profile is selected and the form being edited; data comes from the hooks.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TestResult, TesterProfileView } from '../../../shared/api/tester-contract';
import { Banner } from '../../components/Banner';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useToast } from '../../components/Toast';
import { useAccounts } from '../accounts/useAccounts';
import { useKeys } from '../settings/useKeys';
import { SectionNav } from '../shell/SectionNav';
import { SectionHeading } from '../shell/SectionHeading';
import { downloadText } from '../export/download';
import { useApi } from '../api/ApiContext';
import { testCommandLine } from './command-line';
import { CompareView } from './CompareView';
import { HistoryPanel } from './HistoryPanel';
import { emptyForm, formFromProfile, shownUrl, toDraftRun, toSaveArgs } from './profile-form';
import { ProfileEditor } from './ProfileEditor';
import { ProfileList } from './ProfileList';
import { OUTCOME_LABELS } from './result-view';
import { ResultPanel } from './ResultPanel';
import { SummaryPanel } from './SummaryPanel';
import { useProfileForm } from './useProfileForm';
import { useProfiles } from './useProfiles';
import { useReportExport } from './useReportExport';
import { useHistory } from './useHistory';
import { DRAFT_RUN, useTestRun } from './useTestRun';
import { useWatch } from './useWatch';

/** Scrolls a result into view and moves focus to its heading (screen readers announce it). */
function revealResult(): void {
  const heading = document.getElementById('result-title');
  if (!heading) return;
  heading.focus({ preventScroll: true });
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  heading.closest('section')?.scrollIntoView({ block: 'start', behavior: reduce ? 'auto' : 'smooth' });
}

export function TesterScreen() {
  const profiles = useProfiles();
  const { accounts } = useAccounts();
  const { keys } = useKeys();
  const tests = useTestRun();
  const reports = useReportExport();
  const formState = useProfileForm();
  const toast = useToast();
  const api = useApi();
  const formRef = useRef<HTMLFormElement>(null);

  const [saving, setSaving] = useState(false);
  const [formError, setFormError] = useState<string | null>(null);
  const [confirmDelete, setConfirmDelete] = useState<TesterProfileView | null>(null);
  /** A profile switch waiting for "discard unsaved changes?" (null: none). */
  const [pendingSwitch, setPendingSwitch] = useState<{ to: string; go: () => void } | null>(null);
  const [showSummary, setShowSummary] = useState(false);
  /** Remounts the summary per "Test all" (it scrolls itself into view on mount). */
  const [batchNumber, setBatchNumber] = useState(0);
  const initialised = useRef(false);

  const { form, load } = formState;
  const selectedId = form.id;
  const history = useHistory(selectedId);
  /** The result of "Run without saving" of a profile that was never saved (it has no id to file it under). */
  const [draftResult, setDraftResult] = useState<TestResult | null>(null);
  /** A result to scroll to and focus once it is shown (explicit runs only, not watch mode). */
  const [revealId, setRevealId] = useState<string | null>(null);
  /** Runs picked for comparison, and the pair being compared. */
  const [picked, setPicked] = useState<string[]>([]);
  const [comparing, setComparing] = useState<[string, string] | null>(null);
  const [suiteBusy, setSuiteBusy] = useState(false);
  const [importNote, setImportNote] = useState<{ title: string; lines: string[] } | null>(null);

  const watch = useWatch(useCallback((id: string) => tests.run(id), [tests.run]));

  // First load: open the first saved profile, or a blank form when there is none.
  useEffect(() => {
    if (initialised.current || !profiles.loaded) return;
    initialised.current = true;
    const first = profiles.profiles[0];
    if (first) load(formFromProfile(first), true);
  }, [profiles.loaded, profiles.profiles, load]);

  /** Leaving a form with unsaved edits asks first, so typed settings (and a typed secret) are not lost silently. */
  const leaveForm = (to: string, go: () => void) => {
    if (formState.dirty) setPendingSwitch({ to, go });
    else go();
  };

  const select = (profile: TesterProfileView) => {
    if (profile.id === selectedId) return;
    leaveForm(profile.name, () => {
      setFormError(null);
      setDraftResult(null);
      load(formFromProfile(profile), true);
    });
  };

  const newProfile = () =>
    leaveForm('a new profile', () => {
      setFormError(null);
      setDraftResult(null);
      load(emptyForm(), false);
    });

  // Another profile: its own history, nothing picked, no watch of the previous one.
  const { stop: stopWatch, watchingId } = watch;
  useEffect(() => {
    setPicked([]);
    setComparing(null);
  }, [selectedId]);
  useEffect(() => {
    if (watchingId !== null && watchingId !== selectedId) stopWatch();
  }, [selectedId, watchingId, stopWatch]);

  const save = async (): Promise<TesterProfileView | null> => {
    formState.markSubmitted();
    if (!formState.valid) {
      if (formRef.current) focusFirstInvalid(formRef.current);
      return null;
    }
    if (saving) return null;
    setSaving(true);
    setFormError(null);
    const result = await profiles.save(toSaveArgs(form));
    setSaving(false);
    if (!result.ok) {
      setFormError(result.error.message);
      return null;
    }
    load(formFromProfile(result.value), true);
    return result.value;
  };

  const onSave = async () => {
    const saved = await save();
    if (saved) toast.show(`Saved profile "${saved.name}"`, 'success');
  };

  const onRun = async () => {
    if (tests.runningId !== null || saving) return;
    let id = form.id;
    if (id === null || formState.dirty) {
      const saved = await save();
      if (!saved) return;
      id = saved.id;
    }
    const result = await tests.run(id);
    if (result) setRevealId(result.id);
  };

  const onRunWithoutSaving = async () => {
    if (tests.runningId !== null || saving) return;
    formState.markSubmitted();
    if (!formState.valid) {
      if (formRef.current) focusFirstInvalid(formRef.current);
      return;
    }
    const { profile, secret } = toDraftRun(form);
    const result = await tests.runDraft(profile, secret, form.id);
    if (!result) return;
    if (form.id === null) setDraftResult(result);
    setRevealId(result.id);
  };

  const onDuplicate = async () => {
    if (selectedId === null) return;
    const result = await api.tester.duplicateProfile(selectedId);
    if (!result.ok) {
      toast.show(`Could not duplicate the profile: ${result.error.message}`, 'error');
      return;
    }
    await profiles.refresh();
    const copy = result.value;
    leaveForm(copy.name, () => {
      setFormError(null);
      load(formFromProfile(copy), true);
    });
    toast.show(`Created "${copy.name}"`, 'success');
  };

  const onCopyCommand = async () => {
    formState.markSubmitted();
    if (!formState.valid) {
      if (formRef.current) focusFirstInvalid(formRef.current);
      return;
    }
    const account = accounts.find((a) => a.id === form.totpAccountId);
    const line = testCommandLine(toDraftRun(form).profile, { accountName: account ? (account.issuer ? `${account.issuer}:${account.label}` : account.label) : null });
    try {
      await navigator.clipboard.writeText(line);
      toast.show('Command line copied (secrets are read from standard input: -)', 'success');
    } catch {
      toast.show('Could not write to the clipboard', 'error');
    }
  };

  const onExportSuite = async () => {
    if (suiteBusy || profiles.profiles.length === 0) return;
    setSuiteBusy(true);
    const result = await api.tester.exportSuite(profiles.profiles.map((p) => p.id));
    setSuiteBusy(false);
    if (!result.ok) {
      toast.show(`Could not export the suite: ${result.error.message}`, 'error');
      return;
    }
    downloadText(result.value.content, result.value.fileName);
    toast.show(`Saved ${result.value.fileName}`, 'success');
  };

  const onImportSuite = async (file: File) => {
    if (suiteBusy) return;
    setSuiteBusy(true);
    try {
      const result = await api.tester.importSuite(await file.text());
      if (!result.ok) {
        setImportNote({ title: `Could not import ${file.name}`, lines: [result.error.message] });
        return;
      }
      await profiles.refresh();
      const { created, skipped, notes } = result.value;
      setImportNote({
        title: `Imported ${created.length} profile${created.length === 1 ? '' : 's'} from ${file.name}`,
        lines: [...skipped.map((s) => `Skipped "${s.name}": ${s.reason}`), ...notes],
      });
    } finally {
      setSuiteBusy(false);
    }
  };

  const onPick = (runId: string, on: boolean) =>
    setPicked((list) => (on ? [...list.filter((id) => id !== runId), runId].slice(-2) : list.filter((id) => id !== runId)));

  const onClearHistory = async () => {
    const error = await history.clear();
    setPicked([]);
    setComparing(null);
    if (error) toast.show(`Could not clear the history: ${error.message}`, 'error');
  };

  const onTestAll = () => {
    if (tests.runningId !== null) return;
    setShowSummary(true);
    setBatchNumber((n) => n + 1);
    void tests.runAll(profiles.profiles.map((p) => p.id));
  };

  const deleteProfile = async (profile: TesterProfileView): Promise<string | null> => {
    const result = await profiles.remove(profile.id);
    if (!result.ok) return result.error.message;
    if (form.id === profile.id) {
      const next = profiles.profiles.find((p) => p.id !== profile.id);
      if (next) load(formFromProfile(next), true);
      else load(emptyForm(), false);
    }
    setConfirmDelete(null);
    toast.show(`Deleted profile "${profile.name}"`, 'success');
    return null;
  };

  const selectedProfile = profiles.profiles.find((p) => p.id === selectedId) ?? null;
  const result = selectedId === null ? (draftResult ?? undefined) : tests.latest.get(selectedId);
  const running = tests.runningId !== null && tests.runningId === (selectedId ?? DRAFT_RUN);

  // Each new result of this profile (Run test, watch mode, Test all) is in its history now.
  const resultId = result?.id;
  const refreshHistory = history.refresh;
  useEffect(() => {
    if (resultId !== undefined) void refreshHistory();
  }, [resultId, refreshHistory]);

  // An explicit run's result starts below the fold at 1280×800: bring it into view, focus its heading.
  useEffect(() => {
    if (revealId === null || resultId !== revealId) return;
    setRevealId(null);
    revealResult();
  }, [revealId, resultId]);

  const watchBlocked = formState.dirty ? 'Save the changes first: watch mode runs the saved profile' : tests.runningId !== null && watch.watchingId === null ? 'Another test is running' : null;

  return (
    <>
      {/* Either confirmation makes this inert itself (components/modal-layers.ts). */}
      <div className="app tester-app">
        <header className="app-header">
          <SectionNav />
          <p className="header-note">Connection tester for any WAMP router</p>
        </header>
        {(profiles.error || tests.error || importNote) && (
          <div className="status-banners">
            {importNote && (
              <Banner kind="info" title={importNote.title} onDismiss={() => setImportNote(null)} testId="tester-import-note">
                {importNote.lines.length > 0 && (
                  <ul className="import-note-list">
                    {importNote.lines.map((line, i) => (
                      <li key={i}>{line}</li>
                    ))}
                  </ul>
                )}
              </Banner>
            )}
            {profiles.error && (
              <Banner kind="error" title="Could not load the tester profiles" testId="tester-error">
                {profiles.error.message}
              </Banner>
            )}
            {tests.error && (
              <Banner kind="error" title="The test could not run" onDismiss={tests.clearError} testId="tester-run-error">
                {tests.error.message}
              </Banner>
            )}
          </div>
        )}
        <main className="app-main tester-main">
          <SectionHeading />
          <ProfileList
            profiles={profiles.profiles}
            loaded={profiles.loaded}
            selectedId={selectedId}
            latest={tests.latest}
            runningId={tests.runningId}
            busy={tests.batch?.running ?? false}
            onSelect={select}
            onNew={newProfile}
            onTestAll={onTestAll}
            onExportSuite={() => void onExportSuite()}
            onImportSuite={(file) => void onImportSuite(file)}
            suiteBusy={suiteBusy}
          />
          <div className="tester-content">
            {showSummary && tests.batch && (
              <SummaryPanel
                key={batchNumber}
                batch={tests.batch}
                exporting={reports.busy}
                onExport={(format, ids) => void reports.exportReport(format, ids)}
                onOpen={(id) => {
                  const profile = profiles.profiles.find((p) => p.id === id);
                  if (profile) select(profile);
                }}
                onClose={() => setShowSummary(false)}
              />
            )}
            <ProfileEditor
              state={formState}
              formRef={formRef}
              accounts={accounts}
              keys={keys ?? []}
              saving={saving}
              running={running}
              error={formError}
              onSave={() => void onSave()}
              onDelete={() => selectedProfile && setConfirmDelete(selectedProfile)}
              onRun={() => void onRun()}
              onRunWithoutSaving={() => void onRunWithoutSaving()}
              onDuplicate={() => void onDuplicate()}
              onCopyCommand={() => void onCopyCommand()}
            />
            {running && !result && (
              <p className="loading-line" aria-live="polite">
                Testing {shownUrl(form.url)}…
              </p>
            )}
            {/* Always in the DOM, so screen readers hear when a test starts and how it ended. */}
            <p className="visually-hidden" aria-live="polite" data-testid="tester-announcement">
              {running ? `Testing ${form.name || shownUrl(form.url)}…` : result ? `${OUTCOME_LABELS[result.outcome]}: ${result.diagnosis.title}` : ''}
            </p>
            {result && <ResultPanel result={result} exporting={reports.busy} onExport={(format, ids) => void reports.exportReport(format, ids)} />}
            {selectedProfile && (
              <HistoryPanel
                profileName={selectedProfile.name}
                history={history}
                picked={picked}
                onPick={onPick}
                onCompare={() => picked.length === 2 && setComparing([picked[0]!, picked[1]!])}
                onClear={() => void onClearHistory()}
                watching={watch.watchingId === selectedProfile.id}
                watchRuns={watch.runs}
                watchBlocked={watchBlocked}
                onWatchStart={(seconds) => watch.start(selectedProfile.id, seconds)}
                onWatchStop={watch.stop}
              />
            )}
            {comparing && <CompareView key={comparing.join(':')} runIds={comparing} onClose={() => setComparing(null)} />}
          </div>
        </main>
      </div>
      {pendingSwitch && (
        <ConfirmDialog
          title="Discard unsaved changes?"
          message={
            <>
              The changes to <strong>{form.name || 'this profile'}</strong> are not saved. Open {pendingSwitch.to} and discard them?
            </>
          }
          confirmLabel="Discard changes"
          confirmTestId="confirm-discard-changes"
          onConfirm={async () => {
            pendingSwitch.go();
            setPendingSwitch(null);
            return null;
          }}
          onClose={() => setPendingSwitch(null)}
        />
      )}
      {confirmDelete && (
        <ConfirmDialog
          title="Delete profile?"
          message={
            <>
              Delete <strong>{confirmDelete.name}</strong>? Its stored secret is removed from the keychain too.
            </>
          }
          confirmLabel="Delete profile"
          confirmTestId="confirm-delete-profile"
          onConfirm={() => deleteProfile(confirmDelete)}
          onClose={() => setConfirmDelete(null)}
        />
      )}
    </>
  );
}
