// The connection tester: saved profiles on the left; on the right the profile form with "Run test",
// the result of the latest test of that profile, and — after "Test all" — a summary of every profile.
// Owns which profile is selected and the form being edited; data comes from the hooks.
import { useEffect, useRef, useState } from 'react';
import type { TesterProfileView } from '../../../shared/api/tester-contract';
import { Banner } from '../../components/Banner';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { focusFirstInvalid } from '../../components/focusFirstInvalid';
import { useToast } from '../../components/Toast';
import { useAccounts } from '../accounts/useAccounts';
import { useKeys } from '../settings/useKeys';
import { SectionNav } from '../shell/SectionNav';
import { emptyForm, formFromProfile, shownUrl, toSaveArgs } from './profile-form';
import { ProfileEditor } from './ProfileEditor';
import { ProfileList } from './ProfileList';
import { OUTCOME_LABELS } from './result-view';
import { ResultPanel } from './ResultPanel';
import { SummaryPanel } from './SummaryPanel';
import { useProfileForm } from './useProfileForm';
import { useProfiles } from './useProfiles';
import { useReportExport } from './useReportExport';
import { useTestRun } from './useTestRun';

export function TesterScreen() {
  const profiles = useProfiles();
  const { accounts } = useAccounts();
  const { keys } = useKeys();
  const tests = useTestRun();
  const reports = useReportExport();
  const formState = useProfileForm();
  const toast = useToast();
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
      load(formFromProfile(profile), true);
    });
  };

  const newProfile = () =>
    leaveForm('a new profile', () => {
      setFormError(null);
      load(emptyForm(), false);
    });

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
    await tests.run(id);
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
  const result = selectedId === null ? undefined : tests.latest.get(selectedId);
  const running = tests.runningId !== null && tests.runningId === selectedId;

  return (
    <>
      <div className="app tester-app" inert={confirmDelete !== null}>
        <header className="app-header">
          <SectionNav />
          <p className="header-note">Connection tester for any WAMP router</p>
        </header>
        {(profiles.error || tests.error) && (
          <div className="status-banners">
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
            />
            {running && !result && (
              <p className="loading-line" aria-live="polite">
                Testing {shownUrl(form.url)}…
              </p>
            )}
            {/* Always in the DOM, so screen readers hear when a test starts and how it ended. */}
            <p className="tester-sr-only" aria-live="polite" data-testid="tester-announcement">
              {running ? `Testing ${form.name || shownUrl(form.url)}…` : result ? `${OUTCOME_LABELS[result.outcome]}: ${result.diagnosis.title}` : ''}
            </p>
            {result && <ResultPanel result={result} exporting={reports.busy} onExport={(format, ids) => void reports.exportReport(format, ids)} />}
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
