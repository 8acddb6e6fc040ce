// The web bridge's HTTP side against a real server: static files, security headers, Host checks.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../main/web/security-headers';
import { INDEX_HTML, rawHttp, startHarness, type Harness } from './harness';

let h: Harness;
let base: string;
beforeAll(async () => {
  h = await startHarness();
  base = h.server.origin;
});
afterAll(() => h.close());

const expectSecurityHeaders = (res: Response) => {
  expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
};

describe('web server: HTTP', () => {
  it('issues loopback login links, each with a fresh 256-bit one-use code', () => {
    expect(h.server.origin).toBe(`http://127.0.0.1:${h.server.port}`);
    expect(h.server.port).toBeGreaterThan(0);
    const links = [h.server.issueLoginLink(), h.server.issueLoginLink()];
    for (const link of links) {
      expect(link).toMatch(new RegExp(`^${h.server.origin}/login\\?code=[A-Za-z0-9_-]{43}$`));
      expect(Buffer.from(new URL(link).searchParams.get('code')!, 'base64url')).toHaveLength(32);
    }
    expect(links[0]).not.toBe(links[1]);
  });

  it('serves index.html uncached with the security headers', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expectSecurityHeaders(res);
    expect(await res.text()).toBe(INDEX_HTML);
  });

  it('serves assets with their content types', async () => {
    const js = await fetch(`${base}/assets/app-1a2b.js`);
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect(await js.text()).toBe('export const x = 1;\n');
    const wasm = await fetch(`${base}/assets/zxing.wasm`);
    expect(wasm.headers.get('content-type')).toBe('application/wasm');
    expect(new Uint8Array(await wasm.arrayBuffer())).toEqual(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]));
    expect((await fetch(`${base}/icon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
  });

  it('falls back to index.html for app routes, 404s missing assets (with headers)', async () => {
    const route = await fetch(`${base}/accounts/settings`);
    expect(route.status).toBe(200);
    expect(await route.text()).toBe(INDEX_HTML);
    const missing = await fetch(`${base}/assets/missing.js`);
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing);
  });

  it('answers HEAD without a body and refuses other methods', async () => {
    const head = await fetch(`${base}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(INDEX_HTML.length));
    expect(await head.text()).toBe('');
    const post = await fetch(`${base}/`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    expectSecurityHeaders(post);
  });

  it('says /api speaks WebSocket', async () => {
    expect((await fetch(`${base}/api`)).status).toBe(426);
  });

  it.each(['/../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2f..%2f..%2fetc%2fpasswd', '/index.html%00.js', '/.git/config'])(
    'never serves files outside the build: %s',
    async (path) => {
      const res = await rawHttp(h.server.port, `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${h.server.port}\r\nConnection: close\r\n\r\n`);
      expect([400, 404]).toContain(res.status);
      expect(res.body).not.toContain('root:');
    },
  );

  it('rejects DNS-rebinding Host headers with 421 but accepts localhost and [::1]', async () => {
    const port = h.server.port;
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '127.0.0.1']) {
      const res = await rawHttp(port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(res.status, host).toBe(421);
      expect(res.head).toMatch(/content-security-policy/i);
    }
    const missing = await rawHttp(port, 'GET / HTTP/1.0\r\n\r\n');
    expect(missing.status).toBe(421);
    for (const host of [`localhost:${port}`, `[::1]:${port}`]) {
      const res = await rawHttp(port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(res.status, host).toBe(200);
    }
  });

  it('survives garbage on the socket', async () => {
    const res = await rawHttp(h.server.port, 'THIS IS NOT HTTP\r\n\r\n');
    expect(res.status).toBe(400);
    expect((await fetch(`${base}/`)).status).toBe(200);
  });
});
