// `authbahn serve` option parsing and the default location of the built UI.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultStaticDir, parseServeArgs } from '../../../main/cli/serve-options';

describe('parseServeArgs', () => {
  it('defaults to a random port on 127.0.0.1', () => {
    expect(parseServeArgs([])).toEqual({ ok: true, options: { port: 0, host: '127.0.0.1', open: false, printUrlJson: false, help: false } });
  });

  it('reads every option in both spellings', () => {
    const parsed = parseServeArgs(['--port', '8123', '--host=::1', '--open', '--data-dir', '/tmp/d', '--static=/tmp/s', '--print-url-json']);
    expect(parsed).toEqual({
      ok: true,
      options: { port: 8123, host: '::1', open: true, dataDir: '/tmp/d', staticDir: '/tmp/s', printUrlJson: true, help: false },
    });
    expect(parseServeArgs(['--port=0'])).toMatchObject({ ok: true, options: { port: 0 } });
    expect(parseServeArgs(['-h'])).toMatchObject({ ok: true, options: { help: true } });
  });

  it.each([
    [['--port'], '--port needs a number'],
    [['--port', 'abc'], '--port needs a number'],
    [['--port', '70000'], '--port needs a number'],
    [['--port', '-1'], '--port needs a number'],
    [['--host', '0.0.0.0'], 'loopback'],
    [['--host', '192.168.1.2'], 'loopback'],
    [['--host=example.com'], 'loopback'],
    [['--data-dir'], '--data-dir needs a folder'],
    [['--static', '--open'], '--static needs a folder'],
    [['--open=yes'], 'takes no value'],
    [['--verbose'], 'Unknown option'],
    [['serve'], 'Unknown option'],
  ])('rejects %j', (args, message) => {
    const parsed = parseServeArgs(args);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.message).toContain(message);
  });
});

describe('defaultStaticDir', () => {
  it('finds dist/renderer of this package from the source tree', () => {
    expect(defaultStaticDir()).toBe(resolve(import.meta.dirname, '..', '..', '..', 'dist', 'renderer'));
  });

  it('finds it from the bundle location, including chunk folders', () => {
    const root = mkdtempSync(join(tmpdir(), 'authbahn-pkg-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'authbahn' }));
      mkdirSync(join(root, 'dist', 'main', 'chunks'), { recursive: true });
      expect(defaultStaticDir(join(root, 'dist', 'main', 'cli.js'))).toBe(join(root, 'dist', 'renderer'));
      expect(defaultStaticDir(join(root, 'dist', 'main', 'chunks', 'serve-abc.js'))).toBe(join(root, 'dist', 'renderer'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('ignores package.json files of other packages on the way up', () => {
    const root = mkdtempSync(join(tmpdir(), 'authbahn-pkg-'));
    try {
      writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'authbahn' }));
      mkdirSync(join(root, 'node_modules', 'other', 'lib'), { recursive: true });
      writeFileSync(join(root, 'node_modules', 'other', 'package.json'), JSON.stringify({ name: 'other' }));
      expect(defaultStaticDir(join(root, 'node_modules', 'other', 'lib', 'x.js'))).toBe(join(root, 'dist', 'renderer'));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
