// Content-Security-Policy for the desktop window. Production loads index.html from file://, which has no
// response headers: there the renderer's <meta> CSP is what applies, and this header policy covers anything
// served over http(s) (the dev server). It must match renderer/index.html's meta tag.
import { CONTENT_SECURITY_POLICY } from '../web/security-headers';
import type { RendererEntry } from './renderer-entry';

export function contentSecurityPolicy(entry: RendererEntry): string {
  if (entry.kind === 'file') return CONTENT_SECURITY_POLICY;
  // Vite's dev server injects the page's CSS as <style> tags and talks HMR over a WebSocket on its own
  // origin: relax exactly that, for the loopback dev origin only. Scripts stay 'self': its client is an
  // external module, and without React's fast-refresh preamble (the UI runs on Preact) nothing is inline.
  const ws = entry.origin.replace(/^http/, 'ws');
  return CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
    .replace("connect-src 'self'", `connect-src 'self' ${ws}`);
}
