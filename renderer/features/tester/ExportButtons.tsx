// "Export report" as JSON or Markdown for the given results.
import type { ReportFormat } from '../../../shared/api/tester-contract';
import { Button } from '../../components/Button';

export interface ExportButtonsProps {
  resultIds: readonly string[];
  busy: ReportFormat | null;
  onExport: (format: ReportFormat, ids: readonly string[]) => void;
  /** What is exported, for the accessible names ("this result", "all results"). */
  what: string;
}

export function ExportButtons({ resultIds, busy, onExport, what }: ExportButtonsProps) {
  const disabled = resultIds.length === 0;
  return (
    <div className="export-buttons" role="group" aria-label={`Export report of ${what}`}>
      <span className="export-label">Export report</span>
      <Button
        size="sm"
        icon="download"
        disabled={disabled}
        aria-busy={busy === 'json'}
        aria-label={`Export report of ${what} as JSON`}
        testId="export-report-json"
        onClick={() => onExport('json', resultIds)}
      >
        JSON
      </Button>
      <Button
        size="sm"
        icon="download"
        disabled={disabled}
        aria-busy={busy === 'markdown'}
        aria-label={`Export report of ${what} as Markdown`}
        testId="export-report-markdown"
        onClick={() => onExport('markdown', resultIds)}
      >
        Markdown
      </Button>
    </div>
  );
}
