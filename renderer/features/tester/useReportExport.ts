// Report export: the engine builds the file (JSON or Markdown, traces already redacted); the UI only
// saves it through a temporary blob: URL (see features/export/download.ts).
import { useCallback, useState } from 'react';
import type { ReportFormat } from '../../../shared/api/tester-contract';
import { useToast } from '../../components/Toast';
import { useApi } from '../api/ApiContext';
import { downloadText } from '../export/download';

export function useReportExport() {
  const api = useApi();
  const toast = useToast();
  const [busy, setBusy] = useState<ReportFormat | null>(null);

  const exportReport = useCallback(
    async (format: ReportFormat, resultIds: readonly string[]) => {
      if (busy || resultIds.length === 0) return;
      setBusy(format);
      try {
        const result = await api.tester.exportReport(format, [...resultIds]);
        if (!result.ok) {
          toast.show(`Could not export the report: ${result.error.message}`, 'error');
          return;
        }
        downloadText(result.value.content, result.value.fileName);
        toast.show(`Saved ${result.value.fileName}`, 'success');
      } finally {
        setBusy(null);
      }
    },
    [api, busy, toast],
  );

  return { exportReport, busy };
}
