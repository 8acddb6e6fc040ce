// One Tab stop for a whole list (WAI-ARIA "roving tabindex"): exactly one item of the root has
// tabindex=0, every other item -1; arrow keys, Home and End move between items (grid-navigation.ts).
//
// Items are found in the DOM rather than declared by the components: a row's buttons, inputs and links
// plus anything marked `data-roving-item` (a focusable cell, a listbox option). So a control added to a
// row later joins the pattern instead of quietly adding a Tab stop per row. An item's column is its
// `data-focus-key` (else its index), which keeps ↑/↓ in the same column across rows of different shapes.
import { useCallback, useEffect, useLayoutEffect, useRef, type RefObject } from 'react';
import { gridTarget, columnIn, type GridNavOptions } from './grid-navigation';

const ITEM =
  '[data-roving-item], button:not(:disabled), input:not(:disabled):not([type="hidden"]), select:not(:disabled), textarea:not(:disabled), a[href]';

export interface RovingGridOptions {
  /** Selector of the rows inside the root, e.g. '[role="row"]' or '[role="option"]'. */
  rowSelector: string;
  /** See GridNavOptions.homeEnd. */
  homeEnd?: GridNavOptions['homeEnd'];
  /** Column (data-focus-key) entered by default: the Tab stop of a fresh list and ↑/↓ into rows lacking the column. */
  defaultColumn?: string;
  /** The item holding the Tab stop until the user focuses one (e.g. '[aria-selected="true"]'). */
  initialSelector?: string;
}

export interface RovingGrid {
  /** Focus row `index` (clamped), on the default column. */
  focusRow: (index: number) => void;
}

function visible(el: HTMLElement): boolean {
  return el.getClientRects().length > 0;
}

function rowItems(row: HTMLElement): HTMLElement[] {
  if (row.matches('[data-roving-item]')) return [row];
  return Array.from(row.querySelectorAll<HTMLElement>(ITEM)).filter(visible);
}

function columnKey(item: HTMLElement, index: number): string {
  return item.dataset.focusKey ?? String(index);
}

function isTextEntry(el: Element): boolean {
  if (el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return el instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(el.type);
}

export function useRovingGrid(ref: RefObject<HTMLElement | null>, options: RovingGridOptions): RovingGrid {
  const optionsRef = useRef(options);
  optionsRef.current = options;
  /** The item holding the Tab stop. */
  const active = useRef<HTMLElement | null>(null);
  /** Where it was, to land nearby when that item disappears (its row deleted, its button disabled). */
  const lastPlace = useRef<{ row: number; col: string } | null>(null);
  /** The item that last had focus, until focus moved somewhere else on purpose. */
  const focused = useRef<HTMLElement | null>(null);

  const matrix = useCallback((): HTMLElement[][] => {
    const root = ref.current;
    if (!root) return [];
    return Array.from(root.querySelectorAll<HTMLElement>(optionsRef.current.rowSelector)).map(rowItems);
  }, [ref]);

  const pick = useCallback(
    (items: HTMLElement[][], rowIndex: number, col: string | undefined): HTMLElement | null => {
      const nonEmpty = items.map((row, i) => ({ row, i })).filter((r) => r.row.length > 0);
      if (nonEmpty.length === 0) return null;
      const target = nonEmpty.find((r) => r.i >= rowIndex) ?? nonEmpty[nonEmpty.length - 1]!;
      const keys = target.row.map(columnKey);
      const index = col === undefined ? (optionsRef.current.defaultColumn === undefined ? 0 : columnIn(keys, optionsRef.current.defaultColumn, 0)) : columnIn(keys, col, 0, optionsRef.current.defaultColumn);
      return target.row[index] ?? null;
    },
    [],
  );

  /** Give the Tab stop to the right item; if the focused item vanished, move focus to its successor. */
  const sync = useCallback(() => {
    const root = ref.current;
    if (!root) return;
    const items = matrix();
    const all = items.flat();
    const previous = active.current;
    // Until the user has been in the list, the Tab stop is recomputed (the code button, say, is disabled
    // while its code loads, and the selected option can change); afterwards it stays where they left it.
    let current = lastPlace.current && previous && all.includes(previous) ? previous : null;
    if (!current) {
      const initial = optionsRef.current.initialSelector;
      current = lastPlace.current
        ? pick(items, lastPlace.current.row, lastPlace.current.col)
        : ((initial ? all.find((el) => el.matches(initial)) : undefined) ?? pick(items, 0, undefined));
    }
    for (const item of all) {
      const want = item === current ? '0' : '-1';
      if (item.getAttribute('tabindex') !== want) item.setAttribute('tabindex', want);
    }
    active.current = current;
    const lostFocus = previous !== null && previous !== current && focused.current === previous;
    const nowhere = document.activeElement === null || document.activeElement === document.body || !document.activeElement.isConnected;
    if (lostFocus && current && nowhere) current.focus();
  }, [ref, matrix, pick]);

  const remember = useCallback(
    (item: HTMLElement) => {
      const items = matrix();
      const row = items.findIndex((r) => r.includes(item));
      if (row < 0) return;
      active.current = item;
      lastPlace.current = { row, col: columnKey(item, items[row]!.indexOf(item)) };
    },
    [matrix],
  );

  // After every render of the owner (new rows, removed rows, buttons enabled or disabled)…
  useLayoutEffect(sync);

  useEffect(() => {
    const root = ref.current;
    if (!root) return;
    // …and after DOM changes made by a child re-rendering on its own.
    const observer = new MutationObserver(() => sync());
    observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['disabled', 'hidden'] });

    const itemOf = (target: EventTarget | null): HTMLElement | null => {
      if (!(target instanceof HTMLElement)) return null;
      return matrix().flat().find((item) => item === target || item.contains(target)) ?? null;
    };
    const onFocusIn = (event: FocusEvent) => {
      const item = itemOf(event.target);
      if (!item) return;
      focused.current = item;
      remember(item);
      sync();
    };
    const onFocusOut = (event: FocusEvent) => {
      // Focus going to nothing (the item was removed, the window lost focus) keeps the memory, so
      // sync() can put focus on the successor; focus moving elsewhere on purpose clears it.
      if (event.relatedTarget instanceof Node && !root.contains(event.relatedTarget)) focused.current = null;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.altKey || event.metaKey) return;
      const target = event.target as HTMLElement;
      if (isTextEntry(target)) return;
      const items = matrix();
      const row = items.findIndex((r) => r.some((item) => item === target || item.contains(target)));
      if (row < 0) return;
      const col = items[row]!.findIndex((item) => item === target || item.contains(target));
      const { homeEnd = 'cells', defaultColumn } = optionsRef.current;
      const to = gridTarget(items.map((r) => r.map(columnKey)), { row, col }, event.key, { ctrl: event.ctrlKey, homeEnd, defaultColumn });
      if (!to) return;
      event.preventDefault();
      items[to.row]?.[to.col]?.focus();
    };
    root.addEventListener('focusin', onFocusIn);
    root.addEventListener('focusout', onFocusOut);
    root.addEventListener('keydown', onKeyDown);
    return () => {
      observer.disconnect();
      root.removeEventListener('focusin', onFocusIn);
      root.removeEventListener('focusout', onFocusOut);
      root.removeEventListener('keydown', onKeyDown);
    };
  }, [ref, matrix, remember, sync]);

  const focusRow = useCallback(
    (index: number) => {
      const items = matrix();
      pick(items, Math.max(0, Math.min(index, items.length - 1)), undefined)?.focus();
    },
    [matrix, pick],
  );

  return { focusRow };
}
