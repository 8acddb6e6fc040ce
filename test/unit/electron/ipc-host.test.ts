// The IPC host's wiring, with Electron replaced by fakes (the real module cannot load under Node):
// untrusted senders get UNAUTHORIZED without reaching a handler, trusted ones reach dispatch(),
// and events go only to our windows that still show our page.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApiHandlers } from '../../../shared/api/contract';
import { EventBus } from '../../../main/events';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (...args: unknown[]) => unknown>(),
  windowOf: new Map<unknown, { id: number }>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) => electron.handlers.set(channel, fn),
    removeHandler: (channel: string) => electron.handlers.delete(channel),
  },
  BrowserWindow: { fromWebContents: (contents: unknown) => electron.windowOf.get(contents) ?? null },
}));

const { registerIpcHost } = await import('../../../main/electron/ipc-host');
const { fileEntry } = await import('../../../main/electron/renderer-entry');
const { WindowRegistry } = await import('../../../main/electron/window-registry');

const entry = fileEntry('/app/dist/renderer/index.html');
const APP_URL = 'file:///app/dist/renderer/index.html';

class FakeWindow {
  destroyed = false;
  sent: unknown[][] = [];
  url = APP_URL;
  readonly webContents = {
    isDestroyed: () => this.destroyed,
    getURL: () => this.url,
    send: (...args: unknown[]) => void this.sent.push(args),
  };
  constructor(readonly id: number) {
    electron.windowOf.set(this.webContents, this);
  }
  isDestroyed() {
    return this.destroyed;
  }
  once() {}
}

function setup() {
  const calls: string[] = [];
  const handlers = {
    app: {
      info: async () => (calls.push('info'), { name: 'Authbahn' }),
      status: async () => ({}),
    },
    accounts: {},
    codes: {},
  } as unknown as ApiHandlers;
  const events = new EventBus();
  const windows = new WindowRegistry<FakeWindow>();
  const ours = new FakeWindow(1);
  windows.add(ours);
  const reported: string[] = [];
  const dispose = registerIpcHost({
    services: { handlers, events },
    windows: windows as never,
    entry,
    report: (error) => void reported.push(String(error)),
  });
  const invoke = electron.handlers.get('authbahn:api')!;
  const frame = (url: string, main = true) => ({ url, parent: main ? null : {} });
  return { calls, events, windows, ours, reported, dispose, invoke, frame };
}

beforeEach(() => {
  electron.handlers.clear();
  electron.windowOf.clear();
});

describe('registerIpcHost', () => {
  it('dispatches calls from the top frame of our window', async () => {
    const { invoke, ours, frame, calls } = setup();
    const result = await invoke({ sender: ours.webContents, senderFrame: frame(`${APP_URL}#/x`) }, 'app', 'info', []);
    expect(result).toEqual({ ok: true, value: { name: 'Authbahn' } });
    expect(calls).toEqual(['info']);
  });

  it('validates arguments through the contract', async () => {
    const { invoke, ours, frame } = setup();
    expect(await invoke({ sender: ours.webContents, senderFrame: frame(APP_URL) }, 'app', 'info', [1])).toMatchObject({
      ok: false,
      error: { code: 'INVALID_ARGUMENT' },
    });
  });

  it('refuses sub-frames, foreign pages, unknown windows and vanished frames without calling a handler', async () => {
    const { invoke, ours, frame, calls, reported } = setup();
    const stranger = { isDestroyed: () => false };
    const attempts = [
      { sender: ours.webContents, senderFrame: frame(APP_URL, false) },
      { sender: ours.webContents, senderFrame: frame('https://evil.example/') },
      { sender: ours.webContents, senderFrame: null },
      { sender: stranger, senderFrame: frame(APP_URL) },
    ];
    for (const event of attempts) {
      expect(await invoke(event, 'app', 'info', [])).toEqual({
        ok: false,
        error: { code: 'UNAUTHORIZED', message: 'This frame may not use the Authbahn API' },
      });
    }
    expect(calls).toEqual([]);
    expect(reported).toHaveLength(4);
  });

  it('forwards events to live windows on our page only, and stops after dispose', () => {
    const { events, windows, ours, dispose } = setup();
    const elsewhere = new FakeWindow(2);
    elsewhere.url = 'https://evil.example/';
    const gone = new FakeWindow(3);
    windows.add(elsewhere);
    windows.add(gone);
    gone.destroyed = true;
    events.emit('accounts.changed', { reason: 'added' });
    expect(ours.sent).toEqual([['authbahn:event', 'accounts.changed', { reason: 'added' }]]);
    expect(elsewhere.sent).toEqual([]);
    expect(gone.sent).toEqual([]);
    dispose();
    events.emit('accounts.changed', { reason: 'removed' });
    expect(ours.sent).toHaveLength(1);
    expect(electron.handlers.has('authbahn:api')).toBe(false);
  });
});
