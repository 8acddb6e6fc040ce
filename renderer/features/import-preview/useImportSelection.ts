// Ticked entries and conflict choices of the current preview (see selection.ts for the rules).
import { useEffect, useState } from 'react';
import type { ImportConflictAction, ImportPreview, ImportPreviewAccount } from '../../../shared/api/import-contract';
import { EMPTY_SELECTION, mergeSelection, picksOf, setAction, setAll, toggle } from './selection';

const NONE: readonly ImportPreviewAccount[] = [];

export function useImportSelection(preview: ImportPreview | null) {
  const accounts = preview?.accounts ?? NONE;
  const [state, setState] = useState(EMPTY_SELECTION);
  // Runs once per preview main sends back (a new object each time), never per render.
  useEffect(() => setState((s) => mergeSelection(s, accounts)), [accounts]);
  return {
    selected: state.selected,
    actions: state.actions,
    picks: picksOf(state, accounts),
    toggle: (key: string, on: boolean) => setState((s) => toggle(s, key, on)),
    setAll: (on: boolean) => setState((s) => setAll(s, accounts, on)),
    setAction: (key: string, action: ImportConflictAction) => setState((s) => setAction(s, key, action)),
    /** Ticks for a preview that has not been rendered yet (e.g. a paste submitted at once). */
    defaultPicks: (fresh: ImportPreview) => picksOf(mergeSelection(state, fresh.accounts), fresh.accounts),
  };
}

export type ImportSelection = ReturnType<typeof useImportSelection>;
