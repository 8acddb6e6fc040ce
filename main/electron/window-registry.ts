// The windows this app created: the IPC host trusts senders from these only and pushes events to them.
// Generic over a minimal window shape so it runs without Electron in tests.
export interface RegisteredWindow {
  readonly id: number;
  isDestroyed(): boolean;
  once(event: 'closed', listener: () => void): unknown;
}

export class WindowRegistry<W extends RegisteredWindow> {
  private readonly windows = new Map<number, W>();

  add(window: W): void {
    this.windows.set(window.id, window);
    window.once('closed', () => this.windows.delete(window.id));
  }

  ids(): ReadonlySet<number> {
    return new Set([...this.live()].map((w) => w.id));
  }

  /** Windows not yet destroyed (a window can be destroyed before its 'closed' listener ran). */
  live(): W[] {
    return [...this.windows.values()].filter((w) => !w.isDestroyed());
  }

  first(): W | undefined {
    return this.live()[0];
  }
}
