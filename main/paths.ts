// Where Authbahn keeps its non-secret metadata, and which keychain service holds the secrets.
// One resolution for every front end (CLI, `authbahn serve`, the desktop app), so they share one vault.
import { posix, win32 } from 'node:path';

export interface DataDirInput {
  /** --data-dir from the command line (wins over everything). */
  flag?: string | undefined;
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform | string;
  home: string;
}

export const DEFAULT_KEYCHAIN_SERVICE = 'Authbahn';

/** --data-dir > AUTHBAHN_DATA_DIR > the platform's per-user config folder. Always absolute. */
export function resolveDataDir(input: DataDirInput): string {
  const path = input.platform === 'win32' ? win32 : posix;
  const explicit = nonEmpty(input.flag) ?? nonEmpty(input.env.AUTHBAHN_DATA_DIR);
  if (explicit) return path.resolve(expandHome(explicit, input.home, path));

  if (input.platform === 'darwin') return path.join(input.home, 'Library', 'Application Support', 'Authbahn');
  if (input.platform === 'win32') {
    const appData = nonEmpty(input.env.APPDATA) ?? path.join(input.home, 'AppData', 'Roaming');
    return path.join(appData, 'Authbahn');
  }
  // XDG Base Directory spec: a relative XDG_CONFIG_HOME is invalid and must be ignored.
  const xdg = nonEmpty(input.env.XDG_CONFIG_HOME);
  const configHome = xdg && path.isAbsolute(xdg) ? xdg : path.join(input.home, '.config');
  return path.join(configHome, 'authbahn');
}

export function resolveKeychainService(env: NodeJS.ProcessEnv): string {
  return nonEmpty(env.AUTHBAHN_KEYCHAIN_SERVICE) ?? DEFAULT_KEYCHAIN_SERVICE;
}

function nonEmpty(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}

/** `~/x` from a config file or a quoted shell argument, where the shell did not expand it. */
function expandHome(p: string, home: string, path: typeof posix): string {
  if (p === '~') return home;
  if (p.startsWith('~/') || p.startsWith('~\\')) return path.join(home, p.slice(2));
  return p;
}
