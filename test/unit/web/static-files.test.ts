import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeFor, locateStaticFile, resolveStaticPath } from '../../../main/web/static-files';

const root = resolve('/srv/app/dist/renderer');

describe('resolveStaticPath', () => {
  it('maps / to index.html and plain asset paths below the root', () => {
    expect(resolveStaticPath(root, '/')).toEqual({ kind: 'file', path: join(root, 'index.html'), spaFallback: false });
    expect(resolveStaticPath(root, '/assets/index-abc.js?v=1')).toEqual({
      kind: 'file',
      path: join(root, 'assets', 'index-abc.js'),
      spaFallback: false,
    });
  });

  it('marks extension-less paths for the SPA fallback, asset-like paths not', () => {
    expect(resolveStaticPath(root, '/accounts/new')).toMatchObject({ kind: 'file', spaFallback: true });
    expect(resolveStaticPath(root, '/assets/missing.js')).toMatchObject({ kind: 'file', spaFallback: false });
  });

  it.each([
    '/../../etc/passwd',
    '/assets/../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/%2E%2E%2Fetc%2Fpasswd',
    '/assets/%2e%2e/index.html',
    '/.git/config',
    '/.env',
  ])('refuses traversal and dot segments: %s', (path) => {
    const result = resolveStaticPath(root, path);
    expect(result.kind).toBe('reject');
  });

  it.each(['/index.html%00.png', '/%00', '/a%5c..%5c..%5cetc', '/a\\b'])('refuses NUL bytes and backslashes: %s', (path) => {
    expect(resolveStaticPath(root, path)).toEqual({ kind: 'reject', status: 400 });
  });

  it('refuses malformed percent-encoding and non-origin-form targets', () => {
    expect(resolveStaticPath(root, '/%E0%A4%A')).toEqual({ kind: 'reject', status: 400 });
    expect(resolveStaticPath(root, 'http://evil.example/index.html')).toEqual({ kind: 'reject', status: 400 });
    expect(resolveStaticPath(root, '*')).toEqual({ kind: 'reject', status: 400 });
  });

  it('never resolves outside the root for any segment mix', () => {
    const attempts = ['/a/../../b', '//etc/passwd', '/./index.html', '/a/%2e/b', '/a//..//..//x'];
    for (const attempt of attempts) {
      const result = resolveStaticPath(root, attempt);
      if (result.kind === 'file') expect(result.path.startsWith(root + '/')).toBe(true);
    }
  });
});

describe('contentTypeFor', () => {
  it.each([
    ['a.wasm', 'application/wasm'],
    ['a.svg', 'image/svg+xml'],
    ['a.js', 'text/javascript; charset=utf-8'],
    ['a.css', 'text/css; charset=utf-8'],
    ['a.png', 'image/png'],
    ['favicon.ico', 'image/x-icon'],
    ['a.js.map', 'application/json; charset=utf-8'],
    ['index.html', 'text/html; charset=utf-8'],
    ['blob.unknown', 'application/octet-stream'],
  ])('%s → %s', (file, type) => expect(contentTypeFor(file)).toBe(type));
});

describe('locateStaticFile', () => {
  let dir: string;
  let outside: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'authbahn-static-'));
    outside = mkdtempSync(join(tmpdir(), 'authbahn-outside-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>x</title>');
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log(1)');
    writeFileSync(join(outside, 'secret.txt'), 'secret');
    symlinkSync(join(outside, 'secret.txt'), join(dir, 'assets', 'link.txt'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('finds files and flags index.html', async () => {
    const index = await locateStaticFile(dir, '/');
    expect(index).toMatchObject({ isIndex: true, size: 31 });
    const js = await locateStaticFile(dir, '/assets/app.js');
    expect(js).toMatchObject({ isIndex: false, size: 14 });
  });

  it('falls back to index.html for app routes but 404s missing assets', async () => {
    expect(await locateStaticFile(dir, '/settings')).toMatchObject({ isIndex: true });
    expect(await locateStaticFile(dir, '/assets/nope.js')).toEqual({ status: 404 });
  });

  it('does not list directories', async () => {
    expect(await locateStaticFile(dir, '/assets/')).toMatchObject({ isIndex: true });
    expect(await locateStaticFile(dir, '/assets.d/')).toEqual({ status: 404 });
  });

  it('does not follow a symlink out of the root', async () => {
    expect(await locateStaticFile(dir, '/assets/link.txt')).toEqual({ status: 404 });
  });
});
