// Electron main process: the composition of services, IPC host and window. Everything security-relevant
// is decided by the Electron-free policy modules next to this file.
import { join } from 'node:path';
import { app, BrowserWindow, clipboard, dialog, powerMonitor, session } from 'electron';
import { toAppErrorData } from '../../shared/api/errors';
import { resolveDataDir, resolveKeychainService } from '../paths';
import { createServices, type Services } from '../services';
import { contentSecurityPolicy } from './csp';
import { registerIpcHost } from './ipc-host';
import { dataDirFlag } from './launch-args';
import { isPermissionAllowed } from './navigation-policy';
import { createElectronScreenCapture } from './screen-capture';
import { fileEntry, parseDevUrl, type RendererEntry } from './renderer-entry';
import { createMainWindow, installContentGuards } from './window';
import { WindowRegistry } from './window-registry';

const log = (line: string) => process.stderr.write(`authbahn: ${line}\n`);

// Every renderer sandboxed, whatever options a window is created with.
app.enableSandbox();

// The desktop app and the CLI share one vault: the same resolution (--data-dir, AUTHBAHN_DATA_DIR,
// platform default) as `authbahn` on the command line — not Electron's userData, which on Linux differs
// in case (~/.config/Authbahn) and would silently split the accounts between the two front ends.
const dataDir = resolveDataDir({ flag: dataDirFlag(process.argv), env: process.env, platform: process.platform, home: app.getPath('home') });
// Chromium's own state (caches, local storage) goes to a subfolder, so on macOS and Windows — where the
// default userData is the very same folder — it does not mix with the vault's files. It also makes the
// single-instance lock below per vault: two desktop apps on two --data-dir folders may run side by side.
app.setPath('userData', join(dataDir, 'electron-profile'));

const appRoot = app.getAppPath();
const indexHtmlPath = join(appRoot, 'dist', 'renderer', 'index.html');
const preloadPath = join(appRoot, 'dist', 'main', 'electron', 'preload.cjs');

function rendererEntry(): RendererEntry {
  const dev = parseDevUrl(process.env.AUTHBAHN_DEV_URL);
  if (dev?.ok) return dev.entry;
  if (dev && !dev.ok) log(`${dev.reason}; loading the built UI instead`);
  return fileEntry(indexHtmlPath);
}

const windows = new WindowRegistry<BrowserWindow>();
let services: Services | undefined;
let disposed = false;

if (!app.requestSingleInstanceLock()) {
  // Two processes on one vault would race on the metadata file; hand over to the running instance.
  app.quit();
} else {
  app.on('second-instance', () => {
    const window = windows.first();
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.whenReady().then(start, fail);
}

async function start(): Promise<void> {
  const entry = rendererEntry();
  app.on('web-contents-created', (_event, contents) => installContentGuards(contents, entry, log));

  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => callback(isPermissionAllowed(permission)));
  ses.setPermissionCheckHandler((_contents, permission) => isPermissionAllowed(permission));
  const csp = contentSecurityPolicy(entry);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });

  services = await createServices({
    dataDir,
    keychainService: resolveKeychainService(process.env),
    mode: 'desktop',
    clipboard: { readText: () => clipboard.readText(), writeText: (text) => clipboard.writeText(text) },
    version: app.getVersion(),
    screenCapture: createElectronScreenCapture(() => windows.live()),
  });
  // The app lock follows the system's: locking the screen or suspending locks Authbahn too (a no-op
  // without a lock password). powerMonitor is only usable once the app is ready, as it is here.
  const lockNow = () => void services?.lock.lock().catch((error: unknown) => log(`lock failed: ${String(error)}`));
  powerMonitor.on('lock-screen', lockNow);
  powerMonitor.on('suspend', lockNow);

  registerIpcHost({
    services,
    windows,
    entry,
    report: (error, where) => log(`${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`),
  });
  await createMainWindow({ preloadPath, indexHtmlPath, entry, windows });

  app.on('activate', () => {
    // macOS: clicking the dock icon with no window open brings one back.
    if (windows.live().length === 0) createMainWindow({ preloadPath, indexHtmlPath, entry, windows }).catch(fail);
  });
}

function fail(error: unknown): void {
  const { message } = toAppErrorData(error);
  log(`start-up failed: ${error instanceof Error ? (error.stack ?? message) : message}`);
  dialog.showErrorBox('Authbahn could not start', message);
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Services hold timers (clipboard clearing) and file handles: dispose them before the process exits.
app.on('will-quit', (event) => {
  if (disposed || !services) return;
  event.preventDefault();
  disposed = true;
  services
    .dispose()
    .catch((error: unknown) => log(`dispose failed: ${String(error)}`))
    .finally(() => app.quit());
});
