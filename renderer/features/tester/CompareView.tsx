// Two recorded runs side by side: what each gave, then their traces aligned by step (a step only one
// run has leaves a gap on the other side; a step whose content differs is marked).
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { StoredTestRun, TraceEntry } from '../../../shared/api/tester-contract';
import { Button } from '../../components/Button';
import { cx } from '../../components/cx';
import { useApi } from '../api/ApiContext';
import { OutcomeBadge } from './ResultPanel';
import { DIRECTION, formatMs, traceOffset, tracePreview } from './result-view';
import { alignTraces } from './trace-compare';

export interface CompareViewProps {
  runIds: readonly [string, string];
  onClose: () => void;
}

export function CompareView({ runIds, onClose }: CompareViewProps) {
  const api = useApi();
  const [runs, setRuns] = useState<[StoredTestRun, StoredTestRun] | null>(null);
  const [error, setError] = useState<AppErrorData | null>(null);
  const [left, right] = runIds;
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from the history list: tell screen readers it is there, and show it once both runs are in
  // (scrolled earlier, the short loading card would sit at the bottom of the page).
  useLayoutEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);
  const loaded = runs !== null;
  useLayoutEffect(() => {
    if (loaded) heading.current?.closest('section')?.scrollIntoView({ block: 'start' });
  }, [loaded]);

  useEffect(() => {
    let live = true;
    setRuns(null);
    setError(null);
    void Promise.all([api.tester.historyRun(left), api.tester.historyRun(right)]).then(([a, b]) => {
      if (!live) return;
      if (!a.ok) setError(a.error);
      else if (!b.ok) setError(b.error);
      else setRuns([a.value, b.value]);
    });
    return () => {
      live = false;
    };
  }, [api, left, right]);

  // Older run on the left.
  const ordered = runs && (Date.parse(runs[0].startedAt) <= Date.parse(runs[1].startedAt) ? runs : ([runs[1], runs[0]] as const));
  const rows = ordered ? alignTraces(ordered[0].result?.trace ?? [], ordered[1].result?.trace ?? []) : [];
  const differing = rows.filter((r) => r.kind !== 'same').length;

  return (
    <section className="tester-card compare-view" aria-labelledby="compare-title" data-testid="compare-view">
      <div className="tester-card-head">
        <h2 id="compare-title" ref={heading} tabIndex={-1}>
          Compare runs
        </h2>
        {ordered && (
          <span className="result-heading-note" data-testid="compare-summary">
            {rows.length} steps, {differing} differ
          </span>
        )}
        <Button size="sm" variant="ghost" className="compare-close" onClick={onClose} testId="compare-close">
          Close
        </Button>
      </div>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      {!ordered && !error && <p className="loading-line">Loading both runs…</p>}
      {ordered && (
        <>
          <div className="compare-heads">
            {ordered.map((run, i) => (
              <div key={run.id} className="compare-head" data-testid="compare-head">
                <span className="compare-side">{i === 0 ? 'A' : 'B'}</span>
                <time dateTime={run.startedAt}>{new Date(run.startedAt).toLocaleString()}</time>
                <OutcomeBadge outcome={run.outcome} />
                <span className="compare-title">{run.diagnosis.title}</span>
                <span className="compare-latency mono">
                  connect {formatMs(run.latency.connectMs)} · handshake {formatMs(run.latency.handshakeMs)} · total {formatMs(run.latency.totalMs)}
                </span>
              </div>
            ))}
          </div>
          {/* Scrolls on its own: focusable so keyboard users can scroll it too. */}
          <div className="compare-scroll" tabIndex={0} role="region" aria-label="Compared traces">
            <table className="tester-table compare-table" data-testid="compare-table">
              <thead>
                <tr>
                  <th scope="col">Run A</th>
                  <th scope="col">Run B</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row, i) => (
                  <tr key={i} className={cx('compare-row', `compare-${row.kind}`)} data-testid="compare-row" data-kind={row.kind}>
                    <CompareCell entry={row.left} />
                    <CompareCell entry={row.right} />
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function CompareCell({ entry }: { entry: TraceEntry | null }) {
  if (!entry) {
    return (
      <td className="compare-gap">
        <span className="visually-hidden">no such step</span>
      </td>
    );
  }
  const dir = DIRECTION[entry.dir];
  return (
    <td data-name={entry.name}>
      <div className="compare-line">
        <span className="trace-time mono">{traceOffset(entry.t)}</span>
        <span className={cx('trace-dir', `trace-dir-${entry.dir}`)} title={dir.label}>
          <span aria-hidden="true">{dir.arrow}</span>
          <span className="visually-hidden">{dir.label}</span>
        </span>
        <span className="trace-name">{entry.name}</span>
      </div>
      <div className="compare-preview mono">{tracePreview(entry, 160)}</div>
    </td>
  );
}
