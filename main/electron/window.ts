// Creates the main window and installs the navigation guards on every web contents of the app.
import { BrowserWindow, shell, type WebContents } from 'electron';
import { decideWindowOpen, mayNavigate } from './navigation-policy';
import type { RendererEntry } from './renderer-entry';
import { buildWindowOptions } from './window-options';
import type { WindowRegistry } from './window-registry';

export interface CreateWindowOptions {
  preloadPath: string;
  /** Absolute path of dist/renderer/index.html (used when entry is a file). */
  indexHtmlPath: string;
  entry: RendererEntry;
  windows: WindowRegistry<BrowserWindow>;
  iconPath?: string;
}

export async function createMainWindow(options: CreateWindowOptions): Promise<BrowserWindow> {
  const window = new BrowserWindow(
    buildWindowOptions({ preloadPath: options.preloadPath, ...(options.iconPath ? { iconPath: options.iconPath } : {}) }),
  );
  options.windows.add(window);
  window.once('ready-to-show', () => window.show());
  if (options.entry.kind === 'dev') await window.loadURL(options.entry.url);
  else await window.loadFile(options.indexHtmlPath);
  return window;
}

/**
 * Called for every web contents the app creates (app 'web-contents-created'), so the guards also cover
 * contents that were not created through createMainWindow.
 */
export function installContentGuards(contents: WebContents, entry: RendererEntry, log: (line: string) => void): void {
  const guard = (event: { preventDefault(): void }, url: string) => {
    if (mayNavigate(url, entry)) return;
    event.preventDefault();
    log(`Blocked navigation to ${url}`);
  };
  contents.on('will-navigate', (event, url) => guard(event, url));
  contents.on('will-redirect', (event, url) => guard(event, url));
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    const decision = decideWindowOpen(url);
    if (decision.openExternally) {
      shell.openExternal(decision.openExternally).catch((error: unknown) => log(`Could not open ${url}: ${String(error)}`));
    } else {
      log(`Blocked window.open of ${url}`);
    }
    return { action: decision.action };
  });
}
