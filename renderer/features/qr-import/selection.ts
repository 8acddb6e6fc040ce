// Which scanned accounts are ticked for import. New entries start ticked unless they already exist;
// entries the user has seen keep whatever the user chose, even as more images are added.
import type { QrPreviewAccount } from '../../../shared/api/qr-contract';

export interface SelectionState {
  selected: ReadonlySet<string>;
  /** Keys the user has already been shown (their tick is the user's choice from then on). */
  known: ReadonlySet<string>;
}

export const EMPTY_SELECTION: SelectionState = { selected: new Set(), known: new Set() };

export function mergeSelection(state: SelectionState, accounts: readonly QrPreviewAccount[]): SelectionState {
  const selected = new Set<string>();
  const known = new Set<string>();
  for (const a of accounts) {
    known.add(a.key);
    const tick = state.known.has(a.key) ? state.selected.has(a.key) : a.duplicateOf === undefined;
    if (tick) selected.add(a.key);
  }
  return { selected, known };
}

export function toggle(state: SelectionState, key: string, on: boolean): SelectionState {
  const selected = new Set(state.selected);
  if (on) selected.add(key);
  else selected.delete(key);
  return { ...state, selected };
}

export function setAll(state: SelectionState, accounts: readonly QrPreviewAccount[], on: boolean): SelectionState {
  return { ...state, selected: new Set(on ? accounts.map((a) => a.key) : []) };
}
