// "Test all": every saved profile's outcome in one table, with progress while the batch runs and an
// export of the whole batch. A row opens that profile and its full result.
import { useLayoutEffect, useRef } from 'react';
import type { ReportFormat } from '../../../shared/api/tester-contract';
import { Button } from '../../components/Button';
import { ExportButtons } from './ExportButtons';
import { OutcomeBadge } from './ResultPanel';
import type { BatchState } from './useTestRun';
import { summaryCounts, summaryRows } from './result-view';

export interface SummaryPanelProps {
  batch: BatchState;
  exporting: ReportFormat | null;
  onExport: (format: ReportFormat, ids: readonly string[]) => void;
  onOpen: (profileId: string) => void;
  onClose: () => void;
}

export function SummaryPanel({ batch, exporting, onExport, onOpen, onClose }: SummaryPanelProps) {
  const rows = summaryRows(batch.results);
  const counts = summaryCounts(batch.results);
  const ref = useRef<HTMLElement>(null);
  // "Test all" is clicked in the sidebar, often with a long result scrolled into view: show the summary.
  useLayoutEffect(() => {
    ref.current?.scrollIntoView({ block: 'start' });
  }, []);
  return (
    <section ref={ref} className="tester-card summary-panel" aria-labelledby="summary-title" data-testid="summary-panel">
      <div className="tester-card-head">
        <h2 id="summary-title">All profiles</h2>
        <span className="result-heading-note" aria-live="polite" data-testid="summary-progress">
          {batch.running
            ? `Testing ${batch.results.length + 1} of ${batch.total}…`
            : `${counts.welcome} welcome, ${counts.abort} aborted, ${counts.no_connection} without connection`}
        </span>
        <ExportButtons resultIds={batch.running ? [] : batch.results.map((r) => r.id)} busy={exporting} onExport={onExport} what="all results" />
        <Button size="sm" variant="ghost" onClick={onClose}>
          Close summary
        </Button>
      </div>
      <div className="table-scroll">
        <table className="tester-table summary-table stack-table" data-testid="summary-table">
          <thead>
            <tr>
              <th scope="col">Profile</th>
              <th scope="col">URL</th>
              <th scope="col">Realm</th>
              <th scope="col">Auth</th>
              <th scope="col">Outcome</th>
              <th scope="col">Diagnosis</th>
              <th scope="col">Handshake</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.resultId} data-testid="summary-row" data-outcome={row.outcome}>
                <th scope="row">
                  {row.profileId ? (
                    <button type="button" className="link-btn" onClick={() => onOpen(row.profileId!)}>
                      {row.name}
                    </button>
                  ) : (
                    row.name
                  )}
                </th>
                <td className="mono" data-label="URL">
                  {row.url}
                </td>
                <td data-label="Realm">{row.realm}</td>
                <td data-label="Auth">{row.authmethod}</td>
                <td data-label="Outcome">
                  <OutcomeBadge outcome={row.outcome} />
                </td>
                <td data-label="Diagnosis">
                  {row.title}
                  {row.warnings > 0 && <span className="summary-warn"> · {row.warnings} warning{row.warnings === 1 ? '' : 's'}</span>}
                </td>
                <td className="mono" data-label="Handshake">
                  {row.handshake}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
