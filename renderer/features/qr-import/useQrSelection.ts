// Ticked entries of the current preview (see selection.ts for the rules).
import { useEffect, useState } from 'react';
import type { QrPreviewAccount, QrScanPreview } from '../../../shared/api/qr-contract';
import { EMPTY_SELECTION, mergeSelection, setAll, toggle } from './selection';

const NONE: readonly QrPreviewAccount[] = [];

export function useQrSelection(preview: QrScanPreview | null) {
  const accounts = preview?.accounts ?? NONE;
  const [state, setState] = useState(EMPTY_SELECTION);
  // Runs once per preview main sends back (a new object each scan), never per render.
  useEffect(() => setState((s) => mergeSelection(s, accounts)), [accounts]);
  return {
    selected: state.selected,
    toggle: (key: string, on: boolean) => setState((s) => toggle(s, key, on)),
    setAll: (on: boolean) => setState((s) => setAll(s, accounts, on)),
  };
}
