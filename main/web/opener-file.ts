// `authbahn serve --open` must not put the login link in a command line: the argv of xdg-open and of the
// browser it starts is readable by every local user (`ps`). Instead the link goes into a small HTML file
// that redirects to it; only the file's path is passed on. The file sits in a fresh private directory
// (0700, file 0600) and is deleted as soon as its one-use code is redeemed, or after a short time.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface OpenerFile {
  /** Absolute path of the HTML file, the only thing handed to the browser launcher. */
  readonly path: string;
  /** Deletes the file and its directory; safe to call more than once. */
  remove(): void;
}

export function writeOpenerFile(link: string, parent: string = tmpdir()): OpenerFile {
  const dir = mkdtempSync(join(parent, 'authbahn-open-')); // mkdtemp creates the directory with mode 0700
  const path = join(dir, 'open-authbahn.html');
  const href = escapeHtml(link);
  const html = [
    '<!doctype html>',
    '<html lang="en"><head><meta charset="utf-8">',
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${href}">`,
    '<title>Opening Authbahn…</title></head>',
    `<body><p>Opening Authbahn… If nothing happens, <a href="${href}">continue here</a>.</p></body></html>`,
    '',
  ].join('\n');
  writeFileSync(path, html, { mode: 0o600, flag: 'wx' });
  let removed = false;
  return {
    path,
    remove() {
      if (removed) return;
      removed = true;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
