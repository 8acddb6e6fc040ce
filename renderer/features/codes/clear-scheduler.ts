// Page-wide scheduler for clearing what we put on the clipboard. Deliberately not tied to a
// component: closing the QR or export dialog right after copying must not cancel the clearing.
import { clearIfUnchanged } from './clipboard';

export function scheduleClipboardClear(text: string, afterMs: number): void {
  setTimeout(() => void clearNowOrOnFocus(text), afterMs);
}

async function clearNowOrOnFocus(text: string): Promise<void> {
  const outcome = await clearIfUnchanged(navigator.clipboard, text);
  if (outcome !== 'unavailable' || document.hasFocus()) return;
  // Browsers refuse clipboard access while the tab is in the background: retry once it is back.
  window.addEventListener('focus', () => void clearIfUnchanged(navigator.clipboard, text), { once: true });
}
