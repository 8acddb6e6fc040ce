// Options of `authbahn serve` and where the built UI is found — separate from the command so they are
// unit-tested without starting services.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isLoopbackHost } from '../web/host-guard';
import pkg from '../../package.json' with { type: 'json' };

export const SERVE_USAGE = `Usage: authbahn serve [options]

Serve the Authbahn UI to your browser on a loopback address. The printed link signs in one browser,
once (it sets a session cookie for this run); run the command again for a new link.

Options:
  --port N           port to listen on (default 0: a random free port)
  --host HOST        loopback address to bind (127.0.0.1 (default), ::1 or localhost)
  --open             open the UI in the default browser (through a private, short-lived file,
                     so no link appears in the process list)
  --data-dir DIR     folder of the account metadata (default: AUTHBAHN_DATA_DIR or the platform default)
  --static DIR       folder of the built UI (default: dist/renderer of this installation)
  --print-url-json   print {"url","origin","port"} as one JSON line on stdout (other output goes to stderr);
                     url is the one-use login link
  -h, --help         show this help
`;

export interface ServeOptions {
  port: number;
  host: string;
  open: boolean;
  dataDir?: string;
  staticDir?: string;
  printUrlJson: boolean;
  help: boolean;
}

export function parseServeArgs(args: string[]): { ok: true; options: ServeOptions } | { ok: false; message: string } {
  const options: ServeOptions = { port: 0, host: '127.0.0.1', open: false, printUrlJson: false, help: false };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string | undefined => {
      if (inline !== undefined) return inline;
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) return undefined;
      i += 1;
      return next;
    };
    const flag = (): boolean => inline === undefined;
    switch (name) {
      case '--port': {
        const v = value();
        if (v === undefined || !/^\d{1,5}$/.test(v) || Number(v) > 65535) return { ok: false, message: `--port needs a number 0–65535${v === undefined ? '' : `, got "${v}"`}` };
        options.port = Number(v);
        break;
      }
      case '--host': {
        const v = value();
        if (v === undefined) return { ok: false, message: '--host needs a value' };
        if (!isLoopbackHost(v)) return { ok: false, message: `--host must be a loopback address (127.0.0.1, ::1, localhost); "${v}" would expose your authenticator to the network` };
        options.host = v;
        break;
      }
      case '--data-dir': {
        const v = value();
        if (!v) return { ok: false, message: '--data-dir needs a folder' };
        options.dataDir = v;
        break;
      }
      case '--static': {
        const v = value();
        if (!v) return { ok: false, message: '--static needs a folder' };
        options.staticDir = v;
        break;
      }
      case '--open':
        if (!flag()) return { ok: false, message: '--open takes no value' };
        options.open = true;
        break;
      case '--print-url-json':
        if (!flag()) return { ok: false, message: '--print-url-json takes no value' };
        options.printUrlJson = true;
        break;
      case '-h':
      case '--help':
        options.help = true;
        break;
      default:
        return { ok: false, message: `Unknown option "${arg}"` };
    }
  }
  return { ok: true, options };
}

/**
 * dist/renderer of this installation. The built CLI lives in dist/main/ (possibly in a chunk folder below it)
 * and tests run this file from main/cli/, so look for the package root instead of assuming a fixed depth.
 */
export function defaultStaticDir(from: string = fileURLToPath(import.meta.url)): string {
  let dir = dirname(from);
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && isOurManifest(manifest)) return join(dir, 'dist', 'renderer');
    const parent = dirname(dir);
    if (parent === dir) return resolve(dirname(from), '..', 'renderer');
    dir = parent;
  }
}

function isOurManifest(file: string): boolean {
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown }).name === pkg.name;
  } catch {
    return false;
  }
}

