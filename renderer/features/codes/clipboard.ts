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

/**
 * Whether the page may clear the clipboard later. Clearing safely means reading it first (never wipe
 * something the user copied afterwards), and browsers allow that only with the clipboard-read
 * permission. 'prompt' counts as no: a permission prompt popping up 30 s after a copy, out of nowhere,
 * would be worse than saying plainly that we cannot clear. Firefox and Safari have no such permission.
 */
export type ClearAbility = 'can-clear' | 'cannot-clear';

export interface PermissionsLike {
  query(descriptor: { name: string }): Promise<{ state: string }>;
}

export async function clipboardClearAbility(permissions: PermissionsLike | undefined): Promise<ClearAbility> {
  if (!permissions) return 'cannot-clear';
  try {
    const status = await permissions.query({ name: 'clipboard-read' });
    return status.state === 'granted' ? 'can-clear' : 'cannot-clear';
  } catch {
    // Unknown permission name (Firefox, Safari): reading would fail anyway.
    return 'cannot-clear';
  }
}

/**
 * Toast text after a copy: "Copied — clears in 30 s", or — when the clipboard will not be cleared
 * (`ability` cannot-clear) — a plain statement that it stays there.
 */
export function copiedMessage(clearAfterMs: number, what = 'Copied', ability: ClearAbility = 'can-clear'): string {
  if (!(clearAfterMs > 0)) return what;
  if (ability === 'cannot-clear') return `${what}. This browser does not let Authbahn check the clipboard, so it will not be cleared`;
  return `${what} — clears in ${Math.max(1, Math.round(clearAfterMs / 1000))} s`;
}
