// Page-wide scheduler for clearing what we put on the clipboard. Deliberately not tied to a
// component: closing the QR or export dialog right after copying must not cancel the clearing.
import { clearIfUnchanged } from './clipboard';

/** `onFailed`: the clipboard could not be checked or cleared after all (it may still hold `text`). */
export function scheduleClipboardClear(text: string, afterMs: number, onFailed?: () => void): void {
  setTimeout(() => void clearNowOrOnFocus(text, onFailed), afterMs);
}

async function clearNowOrOnFocus(text: string, onFailed?: () => void): Promise<void> {
  const outcome = await clearIfUnchanged(navigator.clipboard, text);
  if (outcome !== 'unavailable') return;
  if (document.hasFocus()) {
    onFailed?.();
    return;
  }
  // Browsers refuse clipboard access while the tab is in the background: retry once it is back.
  window.addEventListener(
    'focus',
    () =>
      void clearIfUnchanged(navigator.clipboard, text).then((again) => {
        if (again === 'unavailable') onFailed?.();
      }),
    { once: true },
  );
}
