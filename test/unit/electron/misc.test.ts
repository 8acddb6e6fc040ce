import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../main/electron/csp';
import { dataDirFlag } from '../../../main/electron/launch-args';
import { fileEntry, parseDevUrl, type RendererEntry } from '../../../main/electron/renderer-entry';
import { WindowRegistry } from '../../../main/electron/window-registry';
import { CONTENT_SECURITY_POLICY } from '../../../main/web/security-headers';

describe('dataDirFlag', () => {
  it('reads --data-dir in both spellings among Chromium switches', () => {
    expect(dataDirFlag(['/usr/bin/authbahn', '--no-sandbox', '--data-dir', '/v'])).toBe('/v');
    expect(dataDirFlag(['electron', '.', '--data-dir=/tmp/x y'])).toBe('/tmp/x y');
    expect(dataDirFlag(['electron', '.'])).toBeUndefined();
    expect(dataDirFlag(['electron', '--data-dir'])).toBeUndefined();
    expect(dataDirFlag(['electron', '--data-dir', '--inspect'])).toBeUndefined();
    expect(dataDirFlag(['electron', '--data-dir='])).toBeUndefined();
  });
});

describe('contentSecurityPolicy', () => {
  it('is the strict web policy for the built page', () => {
    expect(contentSecurityPolicy(fileEntry('/app/index.html'))).toBe(CONTENT_SECURITY_POLICY);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'");
  });

  it('relaxes only what the Vite dev server needs, for its loopback origin', () => {
    const dev = (parseDevUrl('http://127.0.0.1:5173') as { ok: true; entry: RendererEntry }).entry;
    const csp = contentSecurityPolicy(dev);
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:5173");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
  });
});

describe('WindowRegistry', () => {
  class FakeWindow {
    destroyed = false;
    private closed: (() => void) | undefined;
    constructor(readonly id: number) {}
    isDestroyed() {
      return this.destroyed;
    }
    once(_event: 'closed', listener: () => void) {
      this.closed = listener;
    }
    close() {
      this.destroyed = true;
      this.closed?.();
    }
  }

  it('tracks live windows and forgets closed or destroyed ones', () => {
    const registry = new WindowRegistry<FakeWindow>();
    const a = new FakeWindow(1);
    const b = new FakeWindow(2);
    registry.add(a);
    registry.add(b);
    expect([...registry.ids()]).toEqual([1, 2]);
    a.close();
    expect([...registry.ids()]).toEqual([2]);
    b.destroyed = true;
    expect(registry.ids().size).toBe(0);
    expect(registry.first()).toBeUndefined();
  });
});
