// Where the renderer is loaded from, and which URLs count as "our page". Electron-free so the
// sender, navigation and window policies built on it are unit-tested under plain Node.
import { pathToFileURL } from 'node:url';
import { isLoopbackHost } from '../web/host-guard';

export type RendererEntry =
  /** Production: the built index.html, loaded with loadFile. */
  | { kind: 'file'; url: string }
  /** Development: a Vite dev server on a loopback address (AUTHBAHN_DEV_URL). */
  | { kind: 'dev'; url: string; origin: string };

export function fileEntry(indexHtmlPath: string): RendererEntry {
  return { kind: 'file', url: pathToFileURL(indexHtmlPath).href };
}

/**
 * A dev-server URL is honoured only if it is plain http(s) on loopback: anything else would let an
 * environment variable point the privileged window (with window.api) at a remote page.
 */
export function parseDevUrl(value: string | undefined): { ok: true; entry: RendererEntry } | { ok: false; reason: string } | undefined {
  if (value === undefined || value === '') return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, reason: `AUTHBAHN_DEV_URL is not a URL: ${value}` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, reason: 'AUTHBAHN_DEV_URL must be http(s)' };
  if (!isLoopbackHost(url.hostname)) return { ok: false, reason: 'AUTHBAHN_DEV_URL must point to a loopback address' };
  if (url.username || url.password) return { ok: false, reason: 'AUTHBAHN_DEV_URL must not contain credentials' };
  return { ok: true, entry: { kind: 'dev', url: url.href, origin: url.origin } };
}

/** Same document as the entry: for file:// the same path (hash and query ignored), for dev the same origin. */
export function isAppUrl(candidate: string, entry: RendererEntry): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (entry.kind === 'dev') return url.origin === entry.origin;
  const expected = new URL(entry.url);
  return url.protocol === 'file:' && url.host === expected.host && url.pathname === expected.pathname;
}
