// The user asks for "Capture screen" from inside the app, so the app's own window is usually in front of
// the QR code they want (a web page behind it). Hide our visible windows, give the compositor a moment
// to repaint what is behind them, capture, and show them again — whatever the capture did.
// Generic over a minimal window shape so it runs without Electron in tests.
export interface HideableWindow {
  isDestroyed(): boolean;
  isVisible(): boolean;
  hide(): void;
  show(): void;
}

/** Long enough for window managers to unmap the window and repaint (Linux compositors are the slowest). */
export const REPAINT_DELAY_MS = 300;

export async function withWindowsHidden<T>(
  windows: readonly HideableWindow[],
  task: () => Promise<T>,
  wait: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  const hidden = windows.filter((w) => !w.isDestroyed() && w.isVisible());
  for (const w of hidden) w.hide();
  try {
    if (hidden.length > 0) await wait(REPAINT_DELAY_MS);
    return await task();
  } finally {
    for (const w of hidden) if (!w.isDestroyed()) w.show();
  }
}
