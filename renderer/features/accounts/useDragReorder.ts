// HTML5 drag-and-drop between rows. Dragging starts from the grip handle only, so selecting
// text and clicking the code keep working; the drop position (before/after) follows the pointer.
import { useCallback, useState, type DragEvent } from 'react';
import { dropPositionFor, moveByDrop, type DropPosition } from './reorder';

const MIME = 'application/x-authbahn-account';

export interface DropTarget {
  id: string;
  position: DropPosition;
}

export function useDragReorder(ids: readonly string[], onReorder: (ids: string[]) => void, enabled: boolean) {
  const [dragId, setDragId] = useState<string | null>(null);
  const [target, setTarget] = useState<DropTarget | null>(null);

  const end = useCallback(() => {
    setDragId(null);
    setTarget(null);
  }, []);

  const handleProps = (id: string) => ({
    draggable: enabled,
    onDragStart: (event: DragEvent<HTMLElement>) => {
      if (!enabled) return;
      event.dataTransfer.effectAllowed = 'move';
      event.dataTransfer.setData(MIME, id);
      const row = event.currentTarget.closest('li');
      if (row) event.dataTransfer.setDragImage(row, 24, row.clientHeight / 2);
      setDragId(id);
    },
    onDragEnd: end,
  });

  const rowProps = (id: string) => ({
    onDragOver: (event: DragEvent<HTMLElement>) => {
      if (!dragId || !event.dataTransfer.types.includes(MIME)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      const rect = event.currentTarget.getBoundingClientRect();
      const position = dropPositionFor(event.clientY, rect.top, rect.height);
      if (target?.id !== id || target.position !== position) setTarget({ id, position });
    },
    onDrop: (event: DragEvent<HTMLElement>) => {
      const dragged = event.dataTransfer.getData(MIME) || dragId;
      event.preventDefault();
      const rect = event.currentTarget.getBoundingClientRect();
      const position = dropPositionFor(event.clientY, rect.top, rect.height);
      end();
      if (!dragged) return;
      const next = moveByDrop(ids, dragged, id, position);
      if (next) onReorder(next);
    },
  });

  return { dragId, target, handleProps, rowProps };
}
