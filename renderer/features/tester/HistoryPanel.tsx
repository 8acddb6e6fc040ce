// A saved profile's recorded runs: the latency chart, the list of the last runs (time, outcome,
// diagnosis, total latency; "CLI" for runs of `authbahn test --profile`), two of them picked for
// "Compare", and watch mode (re-run every N seconds; the chart follows live).
// The run list is a WAI-ARIA data grid with one Tab stop: arrows move between cells, Space ticks a run.
import { useRef, useState } from 'react';
import { useRovingGrid } from '../../components/useRovingGrid';
import type { TestRunSummary } from '../../../shared/api/tester-contract';
import { Button } from '../../components/Button';
import { cx } from '../../components/cx';
import { LatencyChart } from './LatencyChart';
import { OutcomeBadge } from './ResultPanel';
import { formatMs } from './result-view';
import type { HistoryState } from './useHistory';
import { WATCH_MAX_SECONDS, WATCH_MIN_SECONDS } from './useWatch';

export interface HistoryPanelProps {
  profileName: string;
  history: HistoryState;
  /** Run ids picked for comparison (at most two). */
  picked: readonly string[];
  onPick: (runId: string, on: boolean) => void;
  onCompare: () => void;
  onClear: () => void;
  watching: boolean;
  watchRuns: number;
  /** Why watch mode cannot start now (unsaved changes, another test running), or null. */
  watchBlocked: string | null;
  onWatchStart: (seconds: number) => void;
  onWatchStop: () => void;
}

export function HistoryPanel(props: HistoryPanelProps) {
  const { history, picked, watching } = props;
  const [seconds, setSeconds] = useState('10');
  const n = Number(seconds);
  const secondsValid = /^\d+$/.test(seconds.trim()) && n >= WATCH_MIN_SECONDS && n <= WATCH_MAX_SECONDS;
  const runs = history.runs;

  return (
    <section className="tester-card history-panel" aria-labelledby="history-title" data-testid="history-panel">
      <div className="tester-card-head">
        <h2 id="history-title">
          Run history <span className="result-of">— {props.profileName}</span>
        </h2>
        <span className="result-heading-note" data-testid="history-count">
          {runs.length === 0 ? 'no runs yet' : `last ${runs.length} run${runs.length === 1 ? '' : 's'}`}
        </span>
        <form
          className="watch-controls"
          aria-label="Watch mode"
          onSubmit={(e) => {
            e.preventDefault();
            if (watching) props.onWatchStop();
            else if (secondsValid && !props.watchBlocked) props.onWatchStart(n);
          }}
        >
          <label className="watch-label">
            Watch every
            <input
              className="watch-seconds"
              inputMode="numeric"
              value={seconds}
              disabled={watching}
              aria-invalid={!secondsValid}
              data-testid="watch-seconds"
              onChange={(e) => setSeconds(e.target.value)}
            />
            s
          </label>
          <Button
            type="submit"
            size="sm"
            variant={watching ? 'danger' : 'secondary'}
            disabled={!watching && (!secondsValid || props.watchBlocked !== null)}
            title={!watching ? (props.watchBlocked ?? (secondsValid ? undefined : `${WATCH_MIN_SECONDS} to ${WATCH_MAX_SECONDS} seconds`)) : undefined}
            testId="watch-toggle"
          >
            {watching ? 'Stop watching' : 'Start watching'}
          </Button>
          <span className="watch-status" aria-live="polite" data-testid="watch-status">
            {watching ? `Watching — ${props.watchRuns} run${props.watchRuns === 1 ? '' : 's'} so far` : ''}
          </span>
        </form>
      </div>

      {history.error && (
        <p className="form-error" role="alert">
          Could not load the history: {history.error.message}
        </p>
      )}
      {runs.length > 0 && <LatencyChart runs={runs} />}

      {runs.length === 0 ? (
        history.loaded && <p className="tester-empty">Every test of this profile is recorded here (outcome, diagnosis and latency; never a secret).</p>
      ) : (
        <>
          <div className="history-actions">
            <span className="history-hint">Pick two runs with a kept trace to compare them.</span>
            <Button size="sm" disabled={picked.length !== 2} onClick={props.onCompare} testId="history-compare">
              Compare {picked.length}/2
            </Button>
            <Button size="sm" variant="ghost" icon="trash" onClick={props.onClear} testId="history-clear">
              Clear history
            </Button>
          </div>
          <div className="history-scroll">
            <HistoryTable runs={runs} picked={picked} onPick={props.onPick} />
          </div>
        </>
      )}
    </section>
  );
}

function HistoryTable({ runs, picked, onPick }: { runs: readonly TestRunSummary[]; picked: readonly string[]; onPick: (id: string, on: boolean) => void }) {
  const tableRef = useRef<HTMLTableElement>(null);
  useRovingGrid(tableRef, { rowSelector: 'tbody tr', homeEnd: 'cells' });
  return (
    <table className="tester-table history-table" role="grid" aria-labelledby="history-title" ref={tableRef} data-testid="history-list">
      <thead>
        <tr>
          <th scope="col">
            <span className="visually-hidden">Compare</span>
          </th>
          <th scope="col">Time</th>
          <th scope="col">Outcome</th>
          <th scope="col">Diagnosis</th>
          <th scope="col" className="num">
            Total
          </th>
        </tr>
      </thead>
      <tbody>
        {runs.map((run) => (
          <HistoryRow key={run.id} run={run} picked={picked.includes(run.id)} onPick={onPick} />
        ))}
      </tbody>
    </table>
  );
}

function HistoryRow({ run, picked, onPick }: { run: TestRunSummary; picked: boolean; onPick: (id: string, on: boolean) => void }) {
  const time = new Date(run.startedAt);
  const probes = run.probes.allowed + run.probes.denied + run.probes.error + run.probes.timeout;
  return (
    <tr className={cx('history-row', picked && 'history-row-picked')} data-testid="history-row" data-outcome={run.outcome} data-run-id={run.id}>
      {/* Each cell is a grid item; a run without a trace has a disabled box, so its cell takes focus instead. */}
      <td data-roving-item={run.hasTrace ? undefined : ''} data-focus-key="pick">
        <input
          type="checkbox"
          data-focus-key="pick"
          checked={picked}
          disabled={!run.hasTrace}
          aria-label={`Compare the run of ${time.toLocaleString()}`}
          title={run.hasTrace ? 'Compare this run' : 'Only the last runs keep their trace'}
          data-testid="history-pick"
          onChange={(e) => onPick(run.id, e.target.checked)}
        />
      </td>
      <td className="history-time" data-roving-item="" data-focus-key="time">
        <time dateTime={run.startedAt} title={time.toLocaleString()}>
          {time.toLocaleTimeString()}
        </time>
        {run.source === 'cli' && (
          <span className="history-source" title="Run with authbahn test --profile">
            CLI
          </span>
        )}
      </td>
      <td data-roving-item="" data-focus-key="outcome">
        <OutcomeBadge outcome={run.outcome} />
      </td>
      <td className="history-diagnosis" data-roving-item="" data-focus-key="diagnosis">
        {run.diagnosis.title}
        {probes > 0 && (
          <span className="history-probes">
            {' '}
            · probes {run.probes.allowed}/{probes} allowed
          </span>
        )}
      </td>
      <td className="num mono" data-roving-item="" data-focus-key="total" data-testid="history-total">
        {formatMs(run.latency.totalMs)}
      </td>
    </tr>
  );
}
