// Drag-and-drop of files onto a zone: highlights while files hover over it, ignores drags of text or
// links (which the browser would otherwise open), and hands the dropped files on. Used by the QR image
// and the export-file drop zones.
import { useState, type DragEvent } from 'react';

const hasFiles = (e: DragEvent) => [...e.dataTransfer.types].includes('Files');

export function useFileDrop(onFiles: (files: File[]) => void) {
  const [over, setOver] = useState(false);
  const handlers = {
    onDragEnter: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (e: DragEvent) => {
      if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
    },
    onDrop: (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      setOver(false);
      onFiles([...e.dataTransfer.files]);
    },
  };
  return { over, handlers };
}
