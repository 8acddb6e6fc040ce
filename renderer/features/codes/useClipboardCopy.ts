// Copy a code (or an otpauth URI) and make sure it does not linger on the clipboard.
// Desktop: main writes and clears the clipboard. Web mode: main tells us to write it ourselves
// (the server may not share the user's clipboard), and we clear it later if it is still ours — which
// needs the browser's clipboard-read permission; without it the toast says plainly that the code stays
// on the clipboard and offers to clear it now.
import { useCallback, useEffect } from 'react';
import type { AccountView, CodeView } from '../../../shared/api/types';
import { useToast } from '../../components/Toast';
import { useApi } from '../api/ApiContext';
import { scheduleClipboardClear } from './clear-scheduler';
import { clipboardClearAbility, copiedMessage, type ClearAbility } from './clipboard';

/** Same clearing delay for copied URIs as for codes: they contain the secret. */
const URI_CLEAR_MS = 30_000;

/** `merge` puts a fresh code into the list at once (HOTP: the copy advanced the counter). */
export function useClipboardCopy(merge?: (code: CodeView) => void) {
  const api = useApi();
  const toast = useToast();

  const writeInPage = useCallback(
    async (text: string): Promise<boolean> => {
      try {
        await navigator.clipboard.writeText(text);
        return true;
      } catch (error) {
        toast.show(`Could not write to the clipboard: ${error instanceof Error ? error.message : String(error)}`, 'error');
        return false;
      }
    },
    [toast],
  );

  /** After the page wrote `text`: schedule the clearing if the browser lets us, and say which it is. */
  const arrangeClear = useCallback(
    async (text: string, afterMs: number): Promise<ClearAbility> => {
      if (!(afterMs > 0)) return 'can-clear';
      const ability = await clipboardClearAbility(typeof navigator.permissions === 'undefined' ? undefined : navigator.permissions);
      if (ability === 'can-clear') {
        scheduleClipboardClear(text, afterMs, () => toast.show('The clipboard could not be cleared: it may still hold the copied text', 'error'));
      }
      return ability;
    },
    [toast],
  );

  /** The user's own "Clear now": an explicit request, so no need to check what is on the clipboard. */
  const clearNow = useCallback(
    () =>
      void navigator.clipboard.writeText('').then(
        () => toast.show('Clipboard cleared', 'info'),
        (error: unknown) => toast.show(`Could not clear the clipboard: ${error instanceof Error ? error.message : String(error)}`, 'error'),
      ),
    [toast],
  );

  const copyCode = useCallback(
    async (account: Pick<AccountView, 'id'>) => {
      const result = await api.codes.copy(account.id);
      if (!result.ok) {
        toast.show(result.error.message, 'error');
        return;
      }
      const { code, writer, clearAfterMs, hotp } = result.value;
      if (hotp) merge?.(hotp.next);
      let ability: ClearAbility = 'can-clear';
      if (writer === 'renderer') {
        if (!(await writeInPage(code))) return;
        ability = await arrangeClear(code, clearAfterMs);
      }
      if (!hotp) {
        toast.show(copiedMessage(clearAfterMs, 'Copied', ability), 'success', ability === 'cannot-clear' ? { label: 'Clear now', run: clearNow } : undefined);
        return;
      }
      // HOTP: the copy used the code up and main advanced the counter; undo if it was copied by mistake.
      toast.show(`${copiedMessage(clearAfterMs, 'Copied', ability)}. Counter is now ${hotp.counter + 1}`, 'success', {
        label: 'Undo',
        run: () =>
          void api.codes.hotpUndo(account.id, hotp.counter).then((undone) => {
            if (undone.ok) {
              merge?.(undone.value);
              toast.show(`Counter is back at ${undone.value.counter}`, 'info');
            } else toast.show(undone.error.message, 'error');
          }),
      });
    },
    [api, merge, toast, writeInPage, arrangeClear, clearNow],
  );

  /** Copy text that is already in the page (export, URI reveal), cleared like a code. */
  const copyText = useCallback(
    async (text: string, what: string) => {
      if (!(await writeInPage(text))) return;
      const ability = await arrangeClear(text, URI_CLEAR_MS);
      toast.show(copiedMessage(URI_CLEAR_MS, what, ability), 'success', ability === 'cannot-clear' ? { label: 'Clear now', run: clearNow } : undefined);
    },
    [toast, writeInPage, arrangeClear, clearNow],
  );

  return { copyCode, copyText };
}

/** Desktop: main clears the clipboard itself and tells us; say so once (mount this hook once). */
export function useClipboardClearedNotice(): void {
  const api = useApi();
  const toast = useToast();
  useEffect(() => api.events.on('clipboard.cleared', () => toast.show('Clipboard cleared', 'info')), [api, toast]);
}
