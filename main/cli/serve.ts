// `authbahn serve`: runs the services headless and opens the same UI in a browser through the web bridge.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { toAppErrorData } from '../../shared/api/errors';
import { resolveDataDir, resolveKeychainService } from '../paths';
import { createServices, type ServiceOptions, type Services } from '../services';
import { writeOpenerFile, type OpenerFile } from '../web/opener-file';
import { lockSecretAccess } from '../web/secret-access';
import { startWebServer } from '../web/web-server';
import { EXIT, type CliIo } from './context';
import { defaultStaticDir, parseServeArgs, SERVE_USAGE } from './serve-options';
import pkg from '../../package.json' with { type: 'json' };

export { defaultStaticDir, parseServeArgs, SERVE_USAGE, type ServeOptions } from './serve-options';

/** Injection points for tests; production uses the defaults. */
export interface ServeDeps {
  createServices?: (opts: ServiceOptions) => Promise<Services>;
  /** Hands a file path (the opener file, never the link itself) to the platform's browser launcher. */
  openInBrowser?: (target: string) => Promise<void>;
  /** Where --open writes its private opener directory (default: the OS temp folder). */
  openerParentDir?: string;
  /** How long the --open link and its file live when the browser never opens it. */
  openerTtlMs?: number;
  /** Where the built UI lives when --static is not given. */
  defaultStaticDir?: string;
  platform?: NodeJS.Platform;
  home?: string;
}

export async function runServe(args: string[], io: CliIo, deps: ServeDeps = {}): Promise<number> {
  const parsed = parseServeArgs(args);
  if (!parsed.ok) {
    io.stderr(`authbahn serve: ${parsed.message}\n\n${SERVE_USAGE}`);
    return EXIT.usage;
  }
  const options = parsed.options;
  if (options.help) {
    io.stdout(SERVE_USAGE);
    return EXIT.ok;
  }
  // With --print-url-json stdout carries exactly one JSON line; human-readable output moves to stderr.
  const say = options.printUrlJson ? io.stderr : io.stdout;
  const platform = deps.platform ?? process.platform;

  const staticDir = resolve(options.staticDir ?? deps.defaultStaticDir ?? defaultStaticDir());
  if (!existsSync(join(staticDir, 'index.html'))) {
    io.stderr(`authbahn serve: no built UI in ${staticDir} — run \`npm run build\` first (or pass --static DIR)\n`);
    return EXIT.failure;
  }

  let services: Services;
  try {
    const dataDir = resolveDataDir({ flag: options.dataDir, env: io.env, platform, home: deps.home ?? homedir() });
    services = await (deps.createServices ?? createServices)({
      dataDir,
      keychainService: resolveKeychainService(io.env),
      mode: 'web',
      // The server may run on another session's display (ssh, container); the browser tab owns the clipboard.
      clipboard: null,
      version: pkg.version,
      env: io.env,
    });
  } catch (error) {
    io.stderr(`authbahn serve: could not start the services: ${toAppErrorData(error).message}\n`);
    return EXIT.failure;
  }

  let server: Awaited<ReturnType<typeof startWebServer>>;
  try {
    server = await startWebServer({
      services,
      // The same re-auth rule lock-guard.ts applies to the handlers, checked before dispatch too.
      secretAccess: lockSecretAccess(services.lock),
      staticDir,
      host: options.host,
      port: options.port,
      log: (line) => io.stderr(`${line}\n`),
    });
  } catch (error) {
    io.stderr(`authbahn serve: ${toAppErrorData(error).message}\n`);
    await services.dispose().catch(() => undefined);
    return EXIT.failure;
  }

  // The printed link and the one --open uses carry different one-use codes, so the printed one still works
  // once if the browser that --open started is not the one the user wants.
  const link = server.issueLoginLink();
  if (options.printUrlJson) {
    io.stdout(`${JSON.stringify({ url: link, origin: server.origin, port: server.port })}\n`);
  }
  say(`Authbahn web UI: ${link}\n`);
  const status = services.status();
  if (status.keychain.ok) {
    say(`Keychain: ${status.keychain.backend}\n`);
  } else {
    io.stderr(
      `Warning: the OS keychain is unavailable (${status.keychain.error.message}).\n` +
        'The UI still opens and shows the problem, but accounts cannot be read or stored until the keychain works.\n',
    );
  }
  for (const warning of status.warnings) io.stderr(`Warning: ${warning}\n`);
  say('The link signs in one browser, once; do not share it. Press Ctrl+C to stop.\n');

  let opener: OpenerFile | undefined;
  let openerTimer: NodeJS.Timeout | undefined;
  if (options.open) {
    try {
      const ttlMs = deps.openerTtlMs ?? OPENER_TTL_MS;
      const openLink = server.issueLoginLink({ ttlMs, onUsed: () => opener?.remove() });
      opener = writeOpenerFile(openLink, deps.openerParentDir);
      openerTimer = setTimeout(() => opener?.remove(), ttlMs);
      openerTimer.unref();
      await (deps.openInBrowser ?? ((target: string) => openInBrowser(target, platform)))(opener.path);
    } catch (error) {
      opener?.remove();
      io.stderr(`Note: could not open a browser (${toAppErrorData(error).message}); open the link above yourself.\n`);
    }
  }

  await io.untilSignal();
  say('Stopping…\n');
  clearTimeout(openerTimer);
  opener?.remove();
  await server.close();
  await services.dispose();
  return EXIT.ok;
}

/** The --open link and its opener file stop working after this long; the printed link stays valid until used. */
export const OPENER_TTL_MS = 2 * 60_000;

/**
 * Opens a URL or an HTML file with the platform's handler, detached; resolves once the launcher started
 * (or rejects). Whatever is passed here is visible in `ps`, so it is never the login link itself.
 */
export function openInBrowser(target: string, platform: NodeJS.Platform): Promise<void> {
  // rundll32 instead of `cmd /c start`: cmd would re-parse the argument and treat & and ^ specially.
  const [command, args] =
    platform === 'darwin' ? ['open', [target]] : platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', target]] : ['xdg-open', [target]];
  return new Promise((resolveOpen, rejectOpen) => {
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
    child.once('error', rejectOpen);
    child.once('spawn', () => {
      child.unref();
      resolveOpen();
    });
  });
}
