// Everything the export dialog shows, loaded when it opens and dropped when it closes
// (the URIs and migration payloads contain every secret).
import { useEffect, useState } from 'react';
import type { AppErrorData } from '../../../shared/api/errors';
import type { MigrationQr } from '../../../shared/api/types';
import { useApi } from '../api/ApiContext';

export interface ExportData {
  uris: string[] | null;
  migration: MigrationQr[] | null;
  error: AppErrorData | null;
}

export function useExportData(): ExportData {
  const api = useApi();
  const [data, setData] = useState<ExportData>({ uris: null, migration: null, error: null });

  useEffect(() => {
    let cancelled = false;
    void Promise.all([api.accounts.exportUris(), api.accounts.exportMigration()]).then(([uris, migration]) => {
      if (cancelled) return;
      setData({
        uris: uris.ok ? uris.value : null,
        migration: migration.ok ? migration.value : null,
        error: !uris.ok ? uris.error : !migration.ok ? migration.error : null,
      });
    });
    return () => {
      cancelled = true;
    };
  }, [api]);

  return data;
}
