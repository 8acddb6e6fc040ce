// The web bridge's access token: it arrives in the link's fragment (#token=…), which browsers never send
// to the server. It is moved to sessionStorage — per tab, gone when the tab closes — so reloading works,
// and removed from the address bar so it does not linger in history, bookmarks or screenshots.
export const TOKEN_STORAGE_KEY = 'authbahn.token';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,512}$/;

export interface TokenEnvironment {
  location: { hash: string; pathname: string; search: string };
  history: { state: unknown; replaceState(data: unknown, unused: string, url?: string): void };
  storage: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | null;
}

export function takeToken(env: TokenEnvironment): string | undefined {
  const fragment = env.location.hash.replace(/^#/, '');
  const params = new URLSearchParams(fragment);
  const fromLink = params.get('token');
  if (fromLink !== null) {
    params.delete('token');
    const rest = params.toString();
    env.history.replaceState(env.history.state, '', `${env.location.pathname}${env.location.search}${rest ? `#${rest}` : ''}`);
    if (TOKEN_PATTERN.test(fromLink)) {
      safely(() => env.storage?.setItem(TOKEN_STORAGE_KEY, fromLink));
      return fromLink;
    }
  }
  const stored = safely(() => env.storage?.getItem(TOKEN_STORAGE_KEY));
  return typeof stored === 'string' && TOKEN_PATTERN.test(stored) ? stored : undefined;
}

export function forgetToken(env: TokenEnvironment): void {
  safely(() => env.storage?.removeItem(TOKEN_STORAGE_KEY));
}

/** Storage can throw (disabled cookies, private modes); the token then just lives for this page load. */
function safely<T>(fn: () => T): T | undefined {
  try {
    return fn();
  } catch {
    return undefined;
  }
}
