// Maps request paths to files of the built renderer. Pure path logic (resolveStaticPath) is separate from
// file-system checks (locateStaticFile) so traversal handling can be unit-tested exhaustively.
import { realpath, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

export const CONTENT_TYPES: Readonly<Record<string, string>> = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
});

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export type StaticTarget =
  /** A concrete file below the root (may not exist). */
  | { kind: 'file'; path: string; spaFallback: boolean }
  | { kind: 'reject'; status: 400 | 404 };

/**
 * Resolve a request target (path plus optional query) against `root` (absolute).
 * `spaFallback` says whether a missing file should fall back to index.html: only for extension-less
 * paths, so a missing /assets/x.js is a 404 instead of HTML served as JavaScript.
 */
export function resolveStaticPath(root: string, requestTarget: string): StaticTarget {
  const rawPath = requestTarget.split(/[?#]/, 1)[0] ?? '';
  if (!rawPath.startsWith('/') || rawPath.length > 2048) return { kind: 'reject', status: 400 };
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return { kind: 'reject', status: 400 };
  }
  // NUL truncates paths in C APIs; backslashes are separators on Windows and never appear in our asset names.
  if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'reject', status: 400 };
  const segments = decoded.split('/').filter((s) => s.length > 0);
  // Dot segments are rejected outright rather than normalised: no legitimate asset URL contains them,
  // and dotfiles (.git, .env) are never part of the build.
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'reject', status: 404 };
  if (segments.length === 0) return { kind: 'file', path: resolve(root, 'index.html'), spaFallback: false };
  const full = resolve(root, ...segments);
  if (!isInside(root, full)) return { kind: 'reject', status: 404 };
  const last = segments[segments.length - 1]!;
  return { kind: 'file', path: full, spaFallback: !last.includes('.') };
}

export function isInside(root: string, candidate: string): boolean {
  const base = root.endsWith(sep) ? root : root + sep;
  return candidate.startsWith(base);
}

export type LocatedFile = { path: string; size: number; isIndex: boolean } | { status: 400 | 404 };

/**
 * Find the file to send for a request: follows the SPA fallback, refuses directories (no listings) and
 * re-checks the real path so a symlink inside the build cannot point outside it.
 */
export async function locateStaticFile(root: string, requestTarget: string): Promise<LocatedFile> {
  const realRoot = await realpath(root);
  const target = resolveStaticPath(realRoot, requestTarget);
  if (target.kind === 'reject') return { status: target.status };
  const index = resolve(realRoot, 'index.html');
  const found = await regularFile(realRoot, target.path);
  if (found) return { ...found, isIndex: found.path === index };
  if (target.spaFallback) {
    const fallback = await regularFile(realRoot, index);
    if (fallback) return { ...fallback, isIndex: true };
  }
  return { status: 404 };
}

async function regularFile(realRoot: string, path: string): Promise<{ path: string; size: number } | undefined> {
  try {
    const real = await realpath(path);
    if (!isInside(realRoot, real)) return undefined;
    const info = await stat(real);
    return info.isFile() ? { path: real, size: info.size } : undefined;
  } catch {
    return undefined;
  }
}
