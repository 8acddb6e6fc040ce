// Which entries of an import preview are ticked, and for same-name conflicts whether to replace the
// stored account or keep both. New entries start ticked; entries already in the list (duplicates)
// cannot be imported, so they are never ticked and do not count for "select all". A conflict starts
// as "keep both" (never overwrite a secret unasked). Entries the user has seen keep whatever the user
// chose, even as more images or files are added.
import type { ImportConflictAction, ImportPick, ImportPreviewAccount } from '../../../shared/api/import-contract';

export interface SelectionState {
  selected: ReadonlySet<string>;
  /** Keys the user has already been shown (their tick is the user's choice from then on). */
  known: ReadonlySet<string>;
  /** The user's choice for conflicting entries; absent means keep both. */
  actions: ReadonlyMap<string, ImportConflictAction>;
}

export const EMPTY_SELECTION: SelectionState = { selected: new Set(), known: new Set(), actions: new Map() };

/** An entry identical to a stored account is skipped by the import whatever its tick: it cannot be picked. */
export function isImportable(account: ImportPreviewAccount): boolean {
  return account.duplicateOf === undefined;
}

export function mergeSelection(state: SelectionState, accounts: readonly ImportPreviewAccount[]): SelectionState {
  const selected = new Set<string>();
  const known = new Set<string>();
  for (const a of accounts) {
    known.add(a.key);
    const tick = isImportable(a) && (state.known.has(a.key) ? state.selected.has(a.key) : true);
    if (tick) selected.add(a.key);
  }
  return { selected, known, actions: state.actions };
}

export function toggle(state: SelectionState, key: string, on: boolean): SelectionState {
  const selected = new Set(state.selected);
  if (on) selected.add(key);
  else selected.delete(key);
  return { ...state, selected };
}

export function setAll(state: SelectionState, accounts: readonly ImportPreviewAccount[], on: boolean): SelectionState {
  return { ...state, selected: new Set(on ? accounts.filter(isImportable).map((a) => a.key) : []) };
}

/** What the "select all" box shows: ticked when every importable entry is, mixed when some are. */
export type SelectAllState = 'all' | 'some' | 'none';

export function selectAllState(selected: ReadonlySet<string>, accounts: readonly ImportPreviewAccount[]): SelectAllState {
  const importable = accounts.filter(isImportable);
  const ticked = importable.filter((a) => selected.has(a.key)).length;
  if (ticked === 0) return 'none';
  return ticked === importable.length ? 'all' : 'some';
}

export function setAction(state: SelectionState, key: string, action: ImportConflictAction): SelectionState {
  const actions = new Map(state.actions);
  actions.set(key, action);
  return { ...state, actions };
}

/** What import.commit gets: the ticked entries in preview order, conflicts with their action. */
export function picksOf(state: SelectionState, accounts: readonly ImportPreviewAccount[]): ImportPick[] {
  return accounts
    .filter((a) => isImportable(a) && state.selected.has(a.key))
    .map((a) => (a.conflictOf === undefined ? { key: a.key } : { key: a.key, action: state.actions.get(a.key) ?? 'keep-both' }));
}
