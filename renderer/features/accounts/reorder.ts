// Order manipulation for move up/down buttons and drag-and-drop. All functions return new arrays;
// the result is sent to api.accounts.reorder as the full id list.

/** Move the item at `from` so that it ends up at index `to`. Out-of-range indexes return a copy. */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (from < 0 || from >= copy.length || to < 0 || to >= copy.length || from === to) return copy;
  const [item] = copy.splice(from, 1);
  copy.splice(to, 0, item as T);
  return copy;
}

/** Move `id` one step up (-1) or down (+1); null when it is already at that end or unknown. */
export function moveId(ids: readonly string[], id: string, delta: -1 | 1): string[] | null {
  const from = ids.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= ids.length) return null;
  return moveItem(ids, from, to);
}

export type DropPosition = 'before' | 'after';

/** Drag-and-drop: put `dragId` before/after `targetId`; null when nothing would change. */
export function moveByDrop(ids: readonly string[], dragId: string, targetId: string, position: DropPosition): string[] | null {
  const from = ids.indexOf(dragId);
  const target = ids.indexOf(targetId);
  if (from < 0 || target < 0 || dragId === targetId) return null;
  const insertAt = position === 'before' ? target : target + 1;
  // Removing the dragged item first shifts every later index down by one.
  const to = from < insertAt ? insertAt - 1 : insertAt;
  if (to === from) return null;
  return moveItem(ids, from, to);
}

/** Which half of a row the pointer is over. */
export function dropPositionFor(pointerY: number, rowTop: number, rowHeight: number): DropPosition {
  return pointerY < rowTop + rowHeight / 2 ? 'before' : 'after';
}

/** Re-sort items to follow `ids`; items missing from `ids` keep their relative order at the end. */
export function applyOrder<T extends { id: string }>(items: readonly T[], ids: readonly string[]): T[] {
  const rank = new Map(ids.map((id, i) => [id, i]));
  return items
    .map((item, i) => ({ item, key: rank.get(item.id) ?? ids.length + i }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.item);
}
