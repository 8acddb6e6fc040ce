// `authbahn serve`: runs the services headless and opens the same UI in a browser through the web bridge.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { toAppErrorData } from '../../shared/api/errors';
import { resolveDataDir, resolveKeychainService } from '../paths';
import { createServices, type ServiceOptions, type Services } from '../services';
import { startWebServer } from '../web/web-server';
import { EXIT, type CliIo } from './context';
import { defaultStaticDir, parseServeArgs, SERVE_USAGE } from './serve-options';
import pkg from '../../package.json' with { type: 'json' };

export { defaultStaticDir, parseServeArgs, SERVE_USAGE, type ServeOptions } from './serve-options';

/** Injection points for tests; production uses the defaults. */
export interface ServeDeps {
  createServices?: (opts: ServiceOptions) => Promise<Services>;
  openUrl?: (url: string) => Promise<void>;
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

  if (options.printUrlJson) {
    io.stdout(`${JSON.stringify({ url: server.url, origin: server.origin, port: server.port, token: server.token })}\n`);
  }
  say(`Authbahn web UI: ${server.url}\n`);
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
  say('The link contains a one-time access token: do not share it. Press Ctrl+C to stop.\n');

  if (options.open) {
    await (deps.openUrl ?? ((url: string) => openInBrowser(url, platform)))(server.url).catch((error: unknown) => {
      io.stderr(`Note: could not open a browser (${toAppErrorData(error).message}); open the link above yourself.\n`);
    });
  }

  await io.untilSignal();
  say('Stopping…\n');
  await server.close();
  await services.dispose();
  return EXIT.ok;
}

/** Opens the URL with the platform's handler, detached; resolves once the launcher started (or rejects). */
export function openInBrowser(url: string, platform: NodeJS.Platform): Promise<void> {
  // rundll32 instead of `cmd /c start`: cmd would re-parse the URL and treat & and ^ specially.
  const [command, args] =
    platform === 'darwin' ? ['open', [url]] : platform === 'win32' ? ['rundll32', ['url.dll,FileProtocolHandler', url]] : ['xdg-open', [url]];
  return new Promise((resolveOpen, rejectOpen) => {
    const child = spawn(command, args as string[], { detached: true, stdio: 'ignore' });
    child.once('error', rejectOpen);
    child.once('spawn', () => {
      child.unref();
      resolveOpen();
    });
  });
}
