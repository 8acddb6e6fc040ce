// E2E fixture: the built CLI's web mode (`authbahn serve`) in a child process, driven by Debian's Chromium
// through playwright-core. Each startApp() gets its own data dir, keychain service name and browser
// profile, and stop() removes all of it — also when the test failed half-way.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContext, type ConsoleMessage, type Page } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..', '..');
export const CHROMIUM = process.env.AUTHBAHN_CHROMIUM ?? '/usr/bin/chromium';
const CLI = join(ROOT, 'bin', 'authbahn.js');

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

export interface ServerInfo {
  /** The one-use login link printed by `authbahn serve` (…/login?code=…); startApp() spends it. */
  url: string;
  origin: string;
  port: number;
}

export interface StartOptions {
  /** Reuse a data dir (e.g. to test persistence across restarts); it is then not deleted by stop(). */
  dataDir?: string;
  /** Keychain service name; default: a fresh one per start, below $AUTHBAHN_KEYCHAIN_SERVICE. */
  keychainService?: string;
  /** Extra environment for the server. */
  env?: NodeJS.ProcessEnv;
  /** Open the page at this URL instead of the login link (e.g. baseUrl to test the signed-out path). */
  openUrl?: (server: ServerInfo) => string;
  /** Set false to get the server without a browser. */
  browser?: boolean;
  /** Port to listen on; default 0 (a free one, as `authbahn serve` does by default). */
  port?: number;
}

export interface RunningServer extends ServerInfo {
  dataDir: string;
  keychainService: string;
  /** Everything the server wrote to stderr so far (for assertions and failure messages). */
  stderr: () => string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface RunningApp extends RunningServer {
  page: Page;
  context: BrowserContext;
  /** http://127.0.0.1:PORT/ — where the login link lands; pages of `context` open it signed in (session cookie). */
  baseUrl: string;
  /** Console errors, page errors and CSP violations seen so far. */
  problems: string[];
}

export function assertBuilt(): void {
  for (const file of ['dist/main/cli.js', 'dist/renderer/index.html']) {
    if (!existsSync(join(ROOT, file))) {
      throw new Error(`E2E tests drive the built app but ${file} is missing — run \`npm run build\` first (npm test does).`);
    }
  }
}

/** Starts `authbahn serve --port N --print-url-json` (N = 0 unless options.port) and waits for its URL line. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  assertBuilt();
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'authbahn-e2e-data-'));
  const keychainService =
    options.keychainService ?? `${process.env.AUTHBAHN_KEYCHAIN_SERVICE ?? 'authbahn-e2e'}-${randomBytes(4).toString('hex')}`;
  const child = spawn(process.execPath, [CLI, 'serve', '--port', String(options.port ?? 0), '--print-url-json', '--data-dir', dataDir], {
    cwd: ROOT,
    env: { ...process.env, AUTHBAHN_KEYCHAIN_SERVICE: keychainService, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));

  const exited = new Promise<void>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit();
    else child.once('exit', () => resolveExit());
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(killer);
    }
    if (ownDataDir) rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const info = await new Promise<ServerInfo>((resolveInfo, rejectInfo) => {
      const timer = setTimeout(() => rejectInfo(new Error(`authbahn serve printed no URL within 20 s.\nstderr:\n${stderr}`)), 20_000);
      const lines = createInterface({ input: child.stdout! });
      lines.on('line', (line) => {
        if (!line.startsWith('{')) return;
        clearTimeout(timer);
        lines.close();
        resolveInfo(JSON.parse(line) as ServerInfo);
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        rejectInfo(new Error(`authbahn serve exited early (code ${code}, signal ${signal}).\nstderr:\n${stderr}`));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        rejectInfo(error);
      });
    });
    return { ...info, dataDir, keychainService, stderr: () => stderr, process: child, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Server plus a fresh Chromium profile with the page open (through the login link by default, which signs the profile in). */
export async function startApp(options: StartOptions = {}): Promise<RunningApp> {
  const server = await startServer(options);
  const profile = mkdtempSync(join(tmpdir(), 'authbahn-e2e-chromium-'));
  let context: BrowserContext | undefined;
  const cleanup = async () => {
    await context?.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
    await server.stop();
  };
  try {
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 860 },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.origin });
    const page = context.pages()[0] ?? (await context.newPage());
    const problems = watchProblems(page);
    await page.goto(options.openUrl ? options.openUrl(server) : server.url);
    return { ...server, page, context, baseUrl: `${server.origin}/`, problems, stop: cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** A second Chromium without the app's profile: nothing there is signed in. Close it when done. */
export function launchSignedOutBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A page in a fresh cookie-less context (every page of the app's own context is signed in by its cookie):
 * what someone without the session sees. Pass a browser from launchSignedOutBrowser() to reuse it;
 * without one, a browser is started and close() stops it too.
 */
export async function openSignedOutPage(url: string, shared?: Browser): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
  const browser = shared ?? (await launchSignedOutBrowser());
  const context = await browser.newContext();
  const close = async () => {
    await context.close().catch(() => undefined);
    if (!shared) await browser.close();
  };
  try {
    const page = await context.newPage();
    const problems = watchProblems(page);
    await page.goto(url);
    return { page, problems, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** Collects console errors, uncaught exceptions and CSP violations (Chromium reports those as console errors). */
export function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message: ConsoleMessage) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  return problems;
}

/** Environment for startServer/startApp that lets jumpServerClock() move the server's clock (support/clock-jump.mjs). */
export function clockJumpEnv(): NodeJS.ProcessEnv {
  const module = pathToFileURL(resolve(import.meta.dirname, 'clock-jump.mjs')).href;
  return { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --import=${module}`.trim() };
}

/** Moves the clock of a server started with clockJumpEnv() 3 minutes forward; resolves once it has. */
export async function jumpServerClock(server: RunningServer): Promise<void> {
  const before = server.stderr().split('clock-jump:').length;
  server.process.kill('SIGUSR2');
  const end = Date.now() + 5_000;
  while (server.stderr().split('clock-jump:').length === before) {
    if (Date.now() > end) throw new Error(`the server did not move its clock.\nstderr:\n${server.stderr()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
