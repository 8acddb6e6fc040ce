// Left column: saved profiles with the outcome of their latest test, plus "New profile", "Test all" and
// the suite file buttons ("Export suite" of every profile, "Import suite" from a file).
// The profiles are a single-select listbox with one Tab stop: ↑/↓/Home/End move, Enter or Space opens
// the focused profile (selection does not follow focus: opening may first ask to discard changes).
import { useRef } from 'react';
import { useRovingGrid } from '../../components/useRovingGrid';
import type { TestResult, TesterProfileView } from '../../../shared/api/tester-contract';
import { Button } from '../../components/Button';
import { cx } from '../../components/cx';
import { AUTHMETHOD_LABELS } from './profile-form';
import { OUTCOME_LABELS } from './result-view';

export interface ProfileListProps {
  profiles: TesterProfileView[];
  loaded: boolean;
  selectedId: string | null;
  latest: ReadonlyMap<string, TestResult>;
  runningId: string | null;
  busy: boolean;
  onSelect: (profile: TesterProfileView) => void;
  onNew: () => void;
  onTestAll: () => void;
  onExportSuite: () => void;
  onImportSuite: (file: File) => void;
  suiteBusy: boolean;
}

export function ProfileList(props: ProfileListProps) {
  const { profiles, loaded, busy, onNew, onTestAll } = props;
  const fileInput = useRef<HTMLInputElement>(null);
  return (
    <aside className="tester-sidebar" aria-labelledby="tester-profiles-title">
      <div className="tester-sidebar-head">
        <h2 id="tester-profiles-title">Profiles</h2>
        <span className="tester-count">{profiles.length}</span>
      </div>
      <div className="tester-sidebar-actions">
        <Button icon="plus" size="sm" onClick={onNew} testId="tester-new">
          New profile
        </Button>
        <Button size="sm" onClick={onTestAll} disabled={profiles.length === 0} aria-busy={busy} testId="tester-test-all">
          Test all
        </Button>
      </div>
      <div className="tester-sidebar-actions tester-suite-actions" role="group" aria-label="Suite files for authbahn test --suite">
        <Button size="sm" variant="ghost" onClick={props.onExportSuite} disabled={profiles.length === 0 || props.suiteBusy} testId="tester-export-suite">
          Export suite
        </Button>
        <Button size="sm" variant="ghost" onClick={() => fileInput.current?.click()} disabled={props.suiteBusy} testId="tester-import-suite">
          Import suite
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".yaml,.yml,.json,application/json,application/yaml,text/yaml"
          hidden
          data-testid="tester-import-suite-file"
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) props.onImportSuite(file);
          }}
        />
      </div>
      {!loaded ? (
        <p className="loading-line">Loading profiles…</p>
      ) : profiles.length === 0 ? (
        <p className="tester-empty">No saved profiles yet. Fill in the form and save it, or run a test right away.</p>
      ) : (
        <ProfileOptions {...props} />
      )}
    </aside>
  );
}

function ProfileOptions({ profiles, selectedId, latest, runningId, onSelect }: ProfileListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  useRovingGrid(listRef, { rowSelector: '[role="option"]', homeEnd: 'rows', initialSelector: '[aria-selected="true"]' });
  return (
    <ul className="profile-list" role="listbox" aria-labelledby="tester-profiles-title" ref={listRef} data-testid="profile-list">
      {profiles.map((p) => {
        const result = latest.get(p.id);
        const running = runningId === p.id;
        const selected = p.id === selectedId;
        return (
          <li
            key={p.id}
            role="option"
            aria-selected={selected}
            data-roving-item
            className={cx('profile-item', selected && 'profile-item-selected')}
            data-testid="profile-item"
            onClick={() => onSelect(p)}
            onKeyDown={(e) => {
              if (e.key !== 'Enter' && e.key !== ' ') return;
              e.preventDefault();
              onSelect(p);
            }}
          >
            <span className="profile-item-top">
              <span className="profile-item-name">{p.name}</span>
              {running ? (
                <span className="outcome-dot outcome-running" title="Testing…">
                  <span className="visually-hidden">Testing</span>
                </span>
              ) : result ? (
                <span className={cx('outcome-dot', `outcome-${result.outcome}`)} title={OUTCOME_LABELS[result.outcome]}>
                  <span className="visually-hidden">Last test: {OUTCOME_LABELS[result.outcome]}</span>
                </span>
              ) : null}
            </span>
            <span className="profile-item-url mono">{p.url}</span>
            <span className="profile-item-meta">
              {p.realm} · {AUTHMETHOD_LABELS[p.authmethod]}
              {p.authid ? ` · ${p.authid}` : ''}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
