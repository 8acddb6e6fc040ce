// Short-lived, in-memory home of import previews. A preview holds scanned secrets, so it lives only
// as long as the user plausibly needs to tick boxes: it is dropped after `ttlMs` (timer), when it is
// imported or discarded, when newer previews push it out, and on dispose. Never written anywhere.
import { randomBytes } from 'node:crypto';

export interface PreviewStoreOptions {
  /** Lifetime of a preview from its last use; default 10 minutes. */
  ttlMs?: number;
  /** Most previews kept at once (the least recently used goes first); default 8. */
  maxEntries?: number;
  now?: () => number;
  /** 32 lowercase hex digits; injectable for tests. */
  newId?: () => string;
}

interface Slot<T> {
  value: T;
  expiresAt: number;
  timer: NodeJS.Timeout;
}

export class PreviewStore<T> {
  private readonly slots = new Map<string, Slot<T>>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;
  private readonly newId: () => string;

  constructor(options: PreviewStoreOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = Math.max(1, options.maxEntries ?? 8);
    this.now = options.now ?? Date.now;
    this.newId = options.newId ?? (() => randomBytes(16).toString('hex'));
  }

  /** Stores a new preview and returns its id and expiry. */
  create(value: T): { id: string; expiresAt: number } {
    while (this.slots.size >= this.maxEntries) this.delete(this.slots.keys().next().value!);
    let id = this.newId();
    while (this.slots.has(id)) id = this.newId();
    return { id, expiresAt: this.put(id, value) };
  }

  /** The preview, or undefined when unknown or expired. Each use extends its life by the TTL. */
  get(id: string): { value: T; expiresAt: number } | undefined {
    const slot = this.slots.get(id);
    if (!slot) return undefined;
    if (slot.expiresAt <= this.now()) {
      this.delete(id);
      return undefined;
    }
    clearTimeout(slot.timer);
    this.slots.delete(id); // re-insert: Map order is the LRU order
    return { value: slot.value, expiresAt: this.put(id, slot.value) };
  }

  delete(id: string): boolean {
    const slot = this.slots.get(id);
    if (!slot) return false;
    clearTimeout(slot.timer);
    return this.slots.delete(id);
  }

  get size(): number {
    return this.slots.size;
  }

  clear(): void {
    for (const id of [...this.slots.keys()]) this.delete(id);
  }

  private put(id: string, value: T): number {
    const expiresAt = this.now() + this.ttlMs;
    const timer = setTimeout(() => {
      if (this.slots.get(id)?.timer === timer) this.slots.delete(id);
    }, this.ttlMs);
    // An abandoned preview must not keep the CLI or a test process alive.
    timer.unref();
    this.slots.set(id, { value, expiresAt, timer });
    return expiresAt;
  }
}
