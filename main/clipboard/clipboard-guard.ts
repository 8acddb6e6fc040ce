// Copies codes to the clipboard and takes them off again after a while, but only if the clipboard
// still holds that code: if the user copied something else meanwhile, that is theirs and stays.
import { AppError } from '../../shared/api/errors';
import type { CopyResult } from '../../shared/api/types';
import type { EventBus } from '../events';
import { SerialQueue } from '../serial-queue';

/**
 * The two clipboard calls we need; tests pass a fake. Either synchronous or promise-returning: Electron's
 * clipboard module is asynchronous in current versions (modelled on navigator.clipboard) and was synchronous before.
 */
export interface ClipboardPort {
  readText(): string | Promise<string>;
  writeText(text: string): void | Promise<void>;
}

export type TimerHandle = unknown;

export interface ClipboardGuardOptions {
  /** null in web mode: the browser tab writes the clipboard (the server may not share the user's display). */
  clipboard: ClipboardPort | null;
  clearAfterMs?: number;
  setTimer?: (fn: () => void, ms: number) => TimerHandle;
  clearTimer?: (handle: TimerHandle) => void;
  events: EventBus;
}

export const DEFAULT_CLEAR_AFTER_MS = 30_000;

interface Pending {
  id: string;
  code: string;
  timer: TimerHandle;
}

export class ClipboardGuard {
  private readonly clipboard: ClipboardPort | null;
  private clearAfterMs: number;
  private readonly setTimer: (fn: () => void, ms: number) => TimerHandle;
  private readonly clearTimer: (handle: TimerHandle) => void;
  private readonly events: EventBus;
  private pending: Pending | undefined;
  /** The port may be async: without a queue two quick copies could finish out of order and leave the wrong timer. */
  private readonly queue = new SerialQueue();

  constructor(options: ClipboardGuardOptions) {
    this.clipboard = options.clipboard;
    this.clearAfterMs = options.clearAfterMs ?? DEFAULT_CLEAR_AFTER_MS;
    this.setTimer = options.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = options.clearTimer ?? ((handle) => clearTimeout(handle as ReturnType<typeof setTimeout>));
    this.events = options.events;
  }

  /** The Settings screen's "clear clipboard after" (0 = never); applies to the next copy. */
  setClearAfterMs(ms: number): void {
    this.clearAfterMs = Math.max(0, Math.floor(ms));
  }

  /** On app lock: take our code off the clipboard now (only if it is still ours), like dispose(). */
  clearNow(): Promise<void> {
    return this.dispose();
  }

  async copy(id: string, code: string): Promise<CopyResult> {
    if (!this.clipboard) return { code, writer: 'renderer', clearAfterMs: this.clearAfterMs };
    return this.queue.run(() => this.write(id, code));
  }

  /** On shutdown: cancel the timer and take our code off the clipboard now rather than leave it there. */
  async dispose(): Promise<void> {
    await this.queue.run(async () => {
      const pending = this.pending;
      if (!pending) return;
      this.clearTimer(pending.timer);
      await this.expire(pending);
    });
  }

  private async write(id: string, code: string): Promise<CopyResult> {
    const clipboard = this.clipboard!;
    try {
      await clipboard.writeText(code);
    } catch (error) {
      throw new AppError('INTERNAL', `Could not write to the clipboard: ${error instanceof Error ? error.message : String(error)}`);
    }
    // The previous code is overwritten now, so its countdown ends here (the UI stops showing it).
    const previous = this.pending;
    if (previous) {
      this.clearTimer(previous.timer);
      this.pending = undefined;
      if (previous.id !== id) this.events.emit('clipboard.cleared', { id: previous.id });
    }
    if (this.clearAfterMs > 0) {
      const pending: Pending = { id, code, timer: undefined };
      pending.timer = this.setTimer(() => void this.queue.run(() => this.expire(pending)), this.clearAfterMs);
      this.pending = pending;
    }
    return { code, writer: 'main', clearAfterMs: this.clearAfterMs };
  }

  /** No-op unless `pending` is still the current copy (a newer copy may have been queued before this timer ran). */
  private async expire(pending: Pending): Promise<void> {
    if (this.pending !== pending || !this.clipboard) return;
    this.pending = undefined;
    try {
      if ((await this.clipboard.readText()) === pending.code) await this.clipboard.writeText('');
    } catch {
      // A clipboard that cannot be read cannot be checked; leave it alone rather than clobber it.
    }
    // Emitted either way: the code is no longer on the clipboard (cleared by us or replaced by the user).
    this.events.emit('clipboard.cleared', { id: pending.id });
  }
}
