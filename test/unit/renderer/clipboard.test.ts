import { describe, expect, it } from 'vitest';
import { clearIfUnchanged, clipboardClearAbility, copiedMessage, type ClipboardLike } from '../../../renderer/features/codes/clipboard';

function fakeClipboard(initial: string, opts: { readFails?: boolean; writeFails?: boolean } = {}) {
  const state = { text: initial, writes: [] as string[] };
  const clipboard: ClipboardLike = {
    readText: async () => {
      if (opts.readFails) throw new DOMException('Read permission denied.', 'NotAllowedError');
      return state.text;
    },
    writeText: async (text) => {
      if (opts.writeFails) throw new DOMException('Document is not focused.', 'NotAllowedError');
      state.writes.push(text);
      state.text = text;
    },
  };
  return { clipboard, state };
}

describe('clearIfUnchanged', () => {
  it('clears the clipboard when it still holds the code', async () => {
    const { clipboard, state } = fakeClipboard('287082');
    expect(await clearIfUnchanged(clipboard, '287082')).toBe('cleared');
    expect(state.text).toBe('');
  });

  it('leaves something the user copied afterwards alone', async () => {
    const { clipboard, state } = fakeClipboard('my notes');
    expect(await clearIfUnchanged(clipboard, '287082')).toBe('changed');
    expect(state.text).toBe('my notes');
    expect(state.writes).toEqual([]);
  });

  it('does not write when it cannot read (permission denied)', async () => {
    const { clipboard, state } = fakeClipboard('287082', { readFails: true });
    expect(await clearIfUnchanged(clipboard, '287082')).toBe('unavailable');
    expect(state.writes).toEqual([]);
  });

  it('reports a failed write instead of throwing', async () => {
    const { clipboard } = fakeClipboard('287082', { writeFails: true });
    expect(await clearIfUnchanged(clipboard, '287082')).toBe('unavailable');
  });
});

describe('copiedMessage', () => {
  it('says when the clipboard will be cleared, in whole seconds', () => {
    expect(copiedMessage(30_000)).toBe('Copied — clears in 30 s');
    expect(copiedMessage(45_400)).toBe('Copied — clears in 45 s');
    expect(copiedMessage(200)).toBe('Copied — clears in 1 s');
  });

  it('omits the clearing note when nothing will be cleared', () => {
    expect(copiedMessage(0)).toBe('Copied');
    expect(copiedMessage(Number.NaN)).toBe('Copied');
  });

  it('uses the given subject', () => {
    expect(copiedMessage(30_000, 'URI copied')).toBe('URI copied — clears in 30 s');
  });
});

describe('web mode without the clipboard-read permission (issue 8: the toast promised a clearing that never came)', () => {
  const permissions = (state: string | Error) => ({
    query: async ({ name }: { name: string }) => {
      expect(name).toBe('clipboard-read');
      if (state instanceof Error) throw state;
      return { state };
    },
  });

  it('only a granted clipboard-read permission lets the page clear later', async () => {
    expect(await clipboardClearAbility(permissions('granted'))).toBe('can-clear');
    // 'prompt' would pop a permission request 30 s after the copy: treated as no.
    expect(await clipboardClearAbility(permissions('prompt'))).toBe('cannot-clear');
    expect(await clipboardClearAbility(permissions('denied'))).toBe('cannot-clear');
    // Firefox/Safari: the permission name is unknown.
    expect(await clipboardClearAbility(permissions(new TypeError("'clipboard-read' is not a valid value")))).toBe('cannot-clear');
    expect(await clipboardClearAbility(undefined)).toBe('cannot-clear');
  });

  it('then the toast says plainly that the clipboard will not be cleared, never "clears in 30 s"', () => {
    const text = copiedMessage(30_000, 'Copied', 'cannot-clear');
    expect(text).not.toMatch(/clears in/);
    expect(text).toMatch(/will not be cleared/);
    expect(copiedMessage(30_000, 'URI copied', 'cannot-clear')).toMatch(/^URI copied\. .*will not be cleared/);
    expect(copiedMessage(30_000, 'Copied', 'can-clear')).toBe('Copied — clears in 30 s');
  });
});
