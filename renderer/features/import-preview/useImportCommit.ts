// Stores the ticked entries of a preview (import.commit), all or nothing. After a failure the preview
// is still there in main, so the user can fix the cause and retry; when everything picked was already
// in the list, the dialog stays open and says so.
import { useCallback, useState } from 'react';
import type { ImportPick } from '../../../shared/api/import-contract';
import type { ImportSummary } from '../../../shared/api/types';
import { useApi } from '../api/ApiContext';
import { accountName } from '../accounts/names';
import { changedAnything } from './summary';

export function useImportCommit(onImported: (summary: ImportSummary) => void, reset: () => void) {
  const api = useApi();
  const [importing, setImporting] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const commit = useCallback(
    async (previewId: string, picks: ImportPick[], duplicates: { issuer: string; label: string }[]) => {
      setError(null);
      if (picks.length === 0) {
        const names = duplicates.map(accountName).join(', ');
        setError(names ? `Already in your list: ${names}` : 'Tick at least one account to import.');
        return;
      }
      setImporting(true);
      const result = await api.import.commit(previewId, picks);
      setImporting(false);
      if (!result.ok) {
        setError(result.error.message);
        return;
      }
      if (!changedAnything(result.value)) {
        const names = result.value.duplicates.map(accountName).join(', ');
        setError(names ? `Already in your list: ${names}` : 'Nothing was imported.');
        reset();
        return;
      }
      onImported(result.value);
    },
    [api, onImported, reset],
  );

  return { importing, error, setError, commit };
}
