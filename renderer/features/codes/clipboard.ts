// Clipboard hygiene for web mode, where the browser tab (not the main process) writes the code.
// We only clear the clipboard if it still holds our code, so we never wipe something the user
// copied afterwards.

export interface ClipboardLike {
  readText(): Promise<string>;
  writeText(text: string): Promise<void>;
}

export type ClearOutcome = 'cleared' | 'changed' | 'unavailable';

export async function clearIfUnchanged(clipboard: ClipboardLike, expected: string): Promise<ClearOutcome> {
  let current: string;
  try {
    current = await clipboard.readText();
  } catch {
    // No permission to read, or the document lost focus: we cannot tell whether it is still ours.
    return 'unavailable';
  }
  if (current !== expected) return 'changed';
  try {
    await clipboard.writeText('');
    return 'cleared';
  } catch {
    return 'unavailable';
  }
}

/** Toast text after a copy: "Copied — clears in 30 s". */
export function copiedMessage(clearAfterMs: number, what = 'Copied'): string {
  if (!(clearAfterMs > 0)) return what;
  return `${what} — clears in ${Math.max(1, Math.round(clearAfterMs / 1000))} s`;
}
