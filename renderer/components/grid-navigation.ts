// Where a navigation key moves focus in a roving-tab-stop grid (WAI-ARIA grid / listbox patterns).
// Pure: the hook (useRovingGrid) reads the rows and their items from the DOM and hands over only
// each item's column key, so the rules can be tested without a browser.

export interface GridPosition {
  row: number;
  col: number;
}

export interface GridNavOptions {
  /** Ctrl (or ⌘) held: Home/End always go to the first/last row. */
  ctrl: boolean;
  /**
   * What plain Home/End do: 'rows' = first/last row (a list of records, such as the accounts, whose
   * rows are what the user moves between), 'cells' = first/last item of the row (the APG data grid).
   */
  homeEnd: 'rows' | 'cells';
  /** Column to land on in a row that lacks the current column (e.g. the code of an account row). */
  defaultColumn?: string;
}

/** The item of `row` best matching column `key`: same key, else the default column, else the nearest index. */
export function columnIn(row: readonly string[], key: string, fallbackIndex: number, defaultColumn?: string): number {
  const same = row.indexOf(key);
  if (same >= 0) return same;
  const preferred = defaultColumn === undefined ? -1 : row.indexOf(defaultColumn);
  if (preferred >= 0) return preferred;
  return Math.max(0, Math.min(fallbackIndex, row.length - 1));
}

/**
 * The position `key` moves to from `from`, or null when the key is not a navigation key or there is
 * nowhere to go (edges do not wrap, as in the APG grid). Rows without items are skipped.
 */
export function gridTarget(
  rows: readonly (readonly string[])[],
  from: GridPosition,
  key: string,
  options: GridNavOptions,
): GridPosition | null {
  const current = rows[from.row];
  if (!current || current.length === 0) return null;
  const colKey = current[from.col] ?? current[0]!;
  const inRow = (row: number): GridPosition => ({ row, col: columnIn(rows[row]!, colKey, from.col, options.defaultColumn) });
  const nonEmpty = (row: number) => (rows[row]?.length ?? 0) > 0;
  const scan = (start: number, step: 1 | -1): GridPosition | null => {
    for (let r = start; r >= 0 && r < rows.length; r += step) if (nonEmpty(r)) return inRow(r);
    return null;
  };

  switch (key) {
    case 'ArrowDown':
      return scan(from.row + 1, 1);
    case 'ArrowUp':
      return scan(from.row - 1, -1);
    case 'ArrowRight':
      return from.col + 1 < current.length ? { row: from.row, col: from.col + 1 } : null;
    case 'ArrowLeft':
      return from.col > 0 ? { row: from.row, col: from.col - 1 } : null;
    case 'Home':
      if (options.ctrl || options.homeEnd === 'rows') return scan(0, 1);
      return { row: from.row, col: 0 };
    case 'End':
      if (options.ctrl || options.homeEnd === 'rows') return scan(rows.length - 1, -1);
      return { row: from.row, col: current.length - 1 };
    default:
      return null;
  }
}
