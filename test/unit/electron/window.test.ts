// Window creation and the navigation guards, with Electron replaced by fakes.
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({ opened: [] as string[], created: [] as unknown[] }));

vi.mock('electron', () => {
  class BrowserWindow {
    static nextId = 1;
    readonly id = BrowserWindow.nextId++;
    loaded: string[] = [];
    constructor(readonly options: unknown) {
      electron.created.push(this);
    }
    isDestroyed() {
      return false;
    }
    once() {}
    async loadFile(path: string) {
      this.loaded.push(`file:${path}`);
    }
    async loadURL(url: string) {
      this.loaded.push(`url:${url}`);
    }
  }
  return { BrowserWindow, shell: { openExternal: async (url: string) => void electron.opened.push(url) } };
});

const { createMainWindow, installContentGuards } = await import('../../../main/electron/window');
const { fileEntry, parseDevUrl } = await import('../../../main/electron/renderer-entry');
const { WindowRegistry } = await import('../../../main/electron/window-registry');

const entry = fileEntry('/app/dist/renderer/index.html');

function fakeContents() {
  const listeners = new Map<string, (event: { preventDefault(): void }, url?: string) => void>();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  return {
    on: (name: string, fn: (event: { preventDefault(): void }, url?: string) => void) => void listeners.set(name, fn),
    setWindowOpenHandler: (fn: typeof openHandler) => void (openHandler = fn),
    fire(name: string, url?: string): boolean {
      let prevented = false;
      listeners.get(name)!({ preventDefault: () => void (prevented = true) }, url);
      return prevented;
    },
    open: (url: string) => openHandler!({ url }),
  };
}

describe('installContentGuards', () => {
  const log: string[] = [];
  const contents = fakeContents();
  installContentGuards(contents as never, entry, (line) => log.push(line));

  it('blocks navigation and redirects away from our page', () => {
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-navigate', 'file:///app/dist/renderer/index.html#/a')).toBe(false);
    expect(log).toContain('Blocked navigation to https://evil.example/');
  });

  it('never attaches webviews', () => {
    expect(contents.fire('will-attach-webview')).toBe(true);
  });

  it('denies new windows, sending only web links to the OS browser', async () => {
    expect(contents.open('https://crossbar.io/docs')).toEqual({ action: 'deny' });
    expect(contents.open('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(contents.open('javascript:alert(1)')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(electron.opened).toEqual(['https://crossbar.io/docs']);
  });
});

describe('createMainWindow', () => {
  it('creates a hardened window, registers it and loads the built page', async () => {
    const windows = new WindowRegistry<never>();
    const window = (await createMainWindow({
      preloadPath: '/app/dist/main/electron/preload.cjs',
      indexHtmlPath: '/app/dist/renderer/index.html',
      entry,
      windows: windows as never,
    })) as unknown as { id: number; options: { webPreferences: Record<string, unknown> }; loaded: string[] };
    expect(window.options.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, preload: '/app/dist/main/electron/preload.cjs' });
    expect(window.loaded).toEqual(['file:/app/dist/renderer/index.html']);
    expect([...windows.ids()]).toEqual([window.id]);
  });

  it('loads a loopback dev server only when configured', async () => {
    const dev = parseDevUrl('http://127.0.0.1:5173/');
    if (!dev?.ok) throw new Error('dev URL should parse');
    const window = (await createMainWindow({
      preloadPath: '/p.cjs',
      indexHtmlPath: '/app/dist/renderer/index.html',
      entry: dev.entry,
      windows: new WindowRegistry<never>() as never,
    })) as unknown as { loaded: string[] };
    expect(window.loaded).toEqual(['url:http://127.0.0.1:5173/']);
  });
});
