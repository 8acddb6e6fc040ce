// Navigation, window-open and permission decisions for our web contents. The UI is a single page that
// never navigates; anything that tries to (a link without target, a redirect, window.open) is either
// our own page or handed to the OS browser — never loaded into a window that has window.api.
import { isAppUrl, type RendererEntry } from './renderer-entry';

export function mayNavigate(targetUrl: string, entry: RendererEntry): boolean {
  return isAppUrl(targetUrl, entry);
}

/** Only plain web links may leave the app, and only to the default browser. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
}

export interface WindowOpenDecision {
  action: 'deny';
  /** Open this URL with shell.openExternal, or nothing. */
  openExternally: string | null;
}

export function decideWindowOpen(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: isExternalWebUrl(url) ? url : null };
}

/**
 * Permissions granted to our page. Copying codes is done by the main process (which also clears the
 * clipboard), so the page only needs sanitized clipboard writes as a fallback; camera, microphone,
 * notifications, geolocation etc. are all refused.
 */
export const ALLOWED_PERMISSIONS: ReadonlySet<string> = new Set(['clipboard-sanitized-write']);

export function isPermissionAllowed(permission: string): boolean {
  return ALLOWED_PERMISSIONS.has(permission);
}
