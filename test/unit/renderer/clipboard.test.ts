import { describe, expect, it } from 'vitest';
import { clearIfUnchanged, copiedMessage, type ClipboardLike } from '../../../renderer/features/codes/clipboard';

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
