// Tells a dialog (Add account) whether a part of it holds something the user would lose by closing it (typed
// text, a preview of read files or scanned images), so that Esc, × and Cancel ask first.
import { useEffect } from 'react';

export function useReportDirty(dirty: boolean, onDirtyChange: ((dirty: boolean) => void) | undefined): void {
  useEffect(() => {
    onDirtyChange?.(dirty);
  }, [dirty, onDirtyChange]);
  // A tab that goes away (the URI tab is remounted with a pasted link) holds nothing any more.
  useEffect(() => () => onDirtyChange?.(false), [onDirtyChange]);
}
