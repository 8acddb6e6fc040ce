// The one-use login link and the session cookie it is traded for, against a real server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrowserSessions } from '../../../main/web/browser-sessions';
import { signIn, startHarness, TestClient, type Harness } from './harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.close());

const open = (link: string, init: RequestInit = {}) => fetch(link, { redirect: 'manual', ...init });
const codeOf = (link: string) => new URL(link).searchParams.get('code')!;

describe('web server: login link', () => {
  it('signs in once: 303 to the clean URL with an HttpOnly, SameSite=Strict session cookie that is not the code', async () => {
    const link = h.server.issueLoginLink();
    const response = await open(link);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.get('cache-control')).toBe('no-store');
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const [pair, ...attributes] = cookies[0]!.split(';').map((part) => part.trim());
    const [name, value] = pair!.split('=');
    expect(name).toBe(BrowserSessions.cookieNameFor(h.server.port));
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toBe(codeOf(link));
    expect(attributes).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Strict']));
    expect(attributes.some((a) => /^(Domain|Expires|Max-Age)=/i.test(a))).toBe(false);

    const client = await TestClient.ready(h.server, pair);
    expect(await client.call(1, 'app', 'info')).toMatchObject({ ok: true });
    await client.close();
  });

  it('refuses the same link a second time with a page that says what to do, and gives no cookie', async () => {
    const link = h.server.issueLoginLink();
    await signIn(link);
    const again = await open(link);
    expect(again.status).toBe(410);
    expect(again.headers.getSetCookie()).toEqual([]);
    expect(again.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await again.text();
    expect(page).toContain('already used');
    expect(page).toContain('switch to that tab');
    expect(page).toContain('run it again for a new link');
  });

  it('refuses unknown, malformed and missing codes (403) without echoing them', async () => {
    for (const query of [`code=${'A'.repeat(43)}`, 'code=%3Cscript%3E', '', `code=${'x'.repeat(5000)}`]) {
      const response = await open(`${h.server.origin}/login?${query}`);
      expect(response.status, query).toBe(403);
      const page = await response.text();
      expect(page).toContain('not valid');
      expect(page).not.toContain('<script>');
      expect(response.headers.getSetCookie()).toEqual([]);
    }
  });

  it('does not use up a code on HEAD (link previews), and refuses other methods', async () => {
    const link = h.server.issueLoginLink();
    expect((await open(link, { method: 'HEAD' })).status).toBe(405);
    expect((await open(link, { method: 'POST' })).status).toBe(405);
    expect((await open(link)).status).toBe(303);
  });

  it('expires a code with a lifetime, and tells the opener it was used', async () => {
    const expiring = h.server.issueLoginLink({ ttlMs: 1 });
    await new Promise((r) => setTimeout(r, 20));
    const expired = await open(expiring);
    expect(expired.status).toBe(410);
    expect(await expired.text()).toContain('expired');

    let used = 0;
    const link = h.server.issueLoginLink({ ttlMs: 60_000, onUsed: () => (used += 1) });
    expect(used).toBe(0);
    await signIn(link);
    await open(link);
    expect(used).toBe(1);
  });
});

describe('web server: session cookie', () => {
  it('GET /session says whether the browser is signed in', async () => {
    const cookie = await signIn(h.server.issueLoginLink());
    const valid = await fetch(`${h.server.origin}/session`, { headers: { Cookie: cookie } });
    expect(valid.status).toBe(200);
    expect(valid.headers.get('cache-control')).toBe('no-store');
    expect(await valid.json()).toEqual({ signedIn: true });
    const none = await fetch(`${h.server.origin}/session`);
    expect(none.status).toBe(200);
    expect(await none.json()).toEqual({ signedIn: false, reason: 'no-session' });
  });

  it('is bound to the launch: another server (a restart) refuses it, says so, and clears the cookie', async () => {
    const cookie = await signIn(h.server.issueLoginLink());
    const other = await startHarness();
    try {
      // Same cookie value under the other server's cookie name, as after a restart on the same port.
      const moved = `${BrowserSessions.cookieNameFor(other.server.port)}=${cookie.split('=')[1]}`;
      const probe = await fetch(`${other.server.origin}/session`, { headers: { Cookie: moved } });
      expect(await probe.json()).toEqual({ signedIn: false, reason: 'unknown-session' });
      expect(probe.headers.getSetCookie()[0]).toMatch(/Max-Age=0/);
      const ws = new TestClient(`ws://127.0.0.1:${other.server.port}/api`, { origin: other.server.origin, headers: { Cookie: moved } });
      await expect(ws.opened).rejects.toMatchObject({ status: 401 });
    } finally {
      await other.close();
    }
  });

  it('names the cookie after the port, so two servers on 127.0.0.1 do not overwrite each other', async () => {
    const other = await startHarness();
    try {
      const mine = await signIn(h.server.issueLoginLink());
      const theirs = await signIn(other.server.issueLoginLink());
      expect(mine.split('=')[0]).not.toBe(theirs.split('=')[0]);
      // A browser sends both (cookies ignore the port); each server picks its own.
      const both = `${mine}; ${theirs}`;
      const probe = async (origin: string) => (await fetch(`${origin}/session`, { headers: { Cookie: both } })).json();
      expect(await probe(h.server.origin)).toEqual({ signedIn: true });
      expect(await probe(other.server.origin)).toEqual({ signedIn: true });
    } finally {
      await other.close();
    }
  });
});
