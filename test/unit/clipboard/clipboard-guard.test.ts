import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClipboardGuard, type ClipboardPort } from '../../../main/clipboard/clipboard-guard';
import { EventBus } from '../../../main/events';

class FakeClipboard implements ClipboardPort {
  text = 'user text';
  writes: string[] = [];
  readText(): string {
    return this.text;
  }
  writeText(text: string): void {
    this.text = text;
    this.writes.push(text);
  }
}

/** Like Electron 45: promise-returning clipboard calls. */
class AsyncClipboard implements ClipboardPort {
  text = '';
  async readText(): Promise<string> {
    await new Promise((r) => setTimeout(r, 1));
    return this.text;
  }
  async writeText(text: string): Promise<void> {
    await new Promise((r) => setTimeout(r, 1));
    this.text = text;
  }
}

function setup(clipboard: ClipboardPort | null = new FakeClipboard()) {
  const events = new EventBus();
  const cleared: string[] = [];
  events.on((event, payload) => {
    if (event === 'clipboard.cleared') cleared.push((payload as { id: string }).id);
  });
  const guard = new ClipboardGuard({ clipboard, events, clearAfterMs: 30_000 });
  return { guard, cleared, clipboard };
}

describe('ClipboardGuard', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('writes the code and clears it after 30 s if it is still there', async () => {
    const clip = new FakeClipboard();
    const { guard, cleared } = setup(clip);
    expect(await guard.copy('a', '123456')).toEqual({ code: '123456', writer: 'main', clearAfterMs: 30_000 });
    expect(clip.text).toBe('123456');
    await vi.advanceTimersByTimeAsync(29_999);
    expect(clip.text).toBe('123456');
    await vi.advanceTimersByTimeAsync(1);
    expect(clip.text).toBe('');
    expect(cleared).toEqual(['a']);
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const clip = new FakeClipboard();
    const { guard, cleared } = setup(clip);
    await guard.copy('a', '123456');
    clip.text = 'the user copied this';
    await vi.advanceTimersByTimeAsync(30_000);
    expect(clip.text).toBe('the user copied this');
    expect(clip.writes).toEqual(['123456']);
    expect(cleared).toEqual(['a']);
  });

  it('a new copy replaces the pending timer', async () => {
    const clip = new FakeClipboard();
    const { guard, cleared } = setup(clip);
    await guard.copy('a', '111111');
    await vi.advanceTimersByTimeAsync(20_000);
    await guard.copy('b', '222222');
    expect(cleared).toEqual(['a']); // a's code was overwritten by b's
    await vi.advanceTimersByTimeAsync(10_000); // a's original deadline: nothing happens
    expect(clip.text).toBe('222222');
    await vi.advanceTimersByTimeAsync(20_000);
    expect(clip.text).toBe('');
    expect(cleared).toEqual(['a', 'b']);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('web mode (no clipboard): the renderer writes, no timer', async () => {
    const { guard, cleared } = setup(null);
    expect(await guard.copy('a', '123456')).toEqual({ code: '123456', writer: 'renderer', clearAfterMs: 30_000 });
    expect(vi.getTimerCount()).toBe(0);
    await guard.dispose();
    expect(cleared).toEqual([]);
  });

  it('dispose() clears our code at once, but not the user’s text', async () => {
    const clip = new FakeClipboard();
    const first = setup(clip);
    await first.guard.copy('a', '123456');
    await first.guard.dispose();
    expect(clip.text).toBe('');
    expect(vi.getTimerCount()).toBe(0);

    const second = setup(clip);
    await second.guard.copy('b', '654321');
    clip.text = 'mine';
    await second.guard.dispose();
    expect(clip.text).toBe('mine');
  });

  it('works with a promise-based clipboard, and quick successive copies keep the newest code', async () => {
    const clip = new AsyncClipboard();
    const { guard } = setup(clip);
    const done = Promise.all([guard.copy('a', '111111'), guard.copy('b', '222222')]);
    await vi.advanceTimersByTimeAsync(10);
    await done;
    expect(clip.text).toBe('222222');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(clip.text).toBe('');
  });

  it('reports a clipboard write failure as an error value', async () => {
    const broken: ClipboardPort = {
      readText: () => '',
      writeText: () => {
        throw new Error('no display');
      },
    };
    const { guard } = setup(broken);
    await expect(guard.copy('a', '1')).rejects.toMatchObject({ code: 'INTERNAL', message: 'Could not write to the clipboard: no display' });
  });
});
