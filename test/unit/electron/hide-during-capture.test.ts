import { describe, expect, it } from 'vitest';
import { REPAINT_DELAY_MS, withWindowsHidden, type HideableWindow } from '../../../main/electron/hide-during-capture';

class FakeWindow implements HideableWindow {
  constructor(
    public visible: boolean,
    public destroyed = false,
    readonly log: string[] = [],
  ) {}
  isDestroyed() {
    return this.destroyed;
  }
  isVisible() {
    return this.visible;
  }
  hide() {
    this.visible = false;
    this.log.push('hide');
  }
  show() {
    this.visible = true;
    this.log.push('show');
  }
}

describe('withWindowsHidden', () => {
  it('hides visible windows, waits for a repaint, captures, then shows them again', async () => {
    const log: string[] = [];
    const win = new FakeWindow(true, false, log);
    const waits: number[] = [];
    const result = await withWindowsHidden(
      [win],
      async () => {
        log.push(`capture (visible: ${win.visible})`);
        return 'shot';
      },
      async (ms) => {
        waits.push(ms);
      },
    );
    expect(result).toBe('shot');
    expect(log).toEqual(['hide', 'capture (visible: false)', 'show']);
    expect(waits).toEqual([REPAINT_DELAY_MS]);
  });

  it('leaves hidden and destroyed windows alone and does not wait when nothing was hidden', async () => {
    const hidden = new FakeWindow(false);
    const gone = new FakeWindow(true, true);
    const waits: number[] = [];
    await withWindowsHidden([hidden, gone], async () => 1, async (ms) => void waits.push(ms));
    expect(hidden.log).toEqual([]);
    expect(gone.log).toEqual([]);
    expect(waits).toEqual([]);
  });

  it('shows the windows again when the capture fails', async () => {
    const win = new FakeWindow(true);
    await expect(withWindowsHidden([win], () => Promise.reject(new Error('denied')), async () => undefined)).rejects.toThrow('denied');
    expect(win.visible).toBe(true);
    expect(win.log).toEqual(['hide', 'show']);
  });
});
