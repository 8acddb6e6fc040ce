import { describe, expect, it } from 'vitest';
import { fileEntry, parseDevUrl, type RendererEntry } from '../../../main/electron/renderer-entry';
import { isTrustedSender } from '../../../main/electron/sender-policy';

const entry = fileEntry('/opt/Authbahn/resources/app.asar/dist/renderer/index.html');
const indexUrl = 'file:///opt/Authbahn/resources/app.asar/dist/renderer/index.html';
const policy = { windowIds: new Set([1, 2]), entry };

describe('isTrustedSender', () => {
  it('trusts the top frame of our window showing our page (hash and query ignored)', () => {
    expect(isTrustedSender({ url: indexUrl, isMainFrame: true, windowId: 1 }, policy)).toBe(true);
    expect(isTrustedSender({ url: `${indexUrl}#/accounts`, isMainFrame: true, windowId: 2 }, policy)).toBe(true);
    expect(isTrustedSender({ url: `${indexUrl}?x=1`, isMainFrame: true, windowId: 2 }, policy)).toBe(true);
  });

  it('drops sub-frames, foreign windows and vanished frames', () => {
    expect(isTrustedSender({ url: indexUrl, isMainFrame: false, windowId: 1 }, policy)).toBe(false);
    expect(isTrustedSender({ url: indexUrl, isMainFrame: true, windowId: 3 }, policy)).toBe(false);
    expect(isTrustedSender({ url: indexUrl, isMainFrame: true, windowId: null }, policy)).toBe(false);
    expect(isTrustedSender({ url: null, isMainFrame: true, windowId: 1 }, policy)).toBe(false);
  });

  it('drops other pages, even other files next to ours or look-alike paths', () => {
    for (const url of [
      'https://evil.example/',
      'file:///opt/Authbahn/resources/app.asar/dist/renderer/other.html',
      'file:///tmp/index.html',
      'file:///opt/Authbahn/resources/app.asar/dist/renderer/index.html/../../x.html',
      'file://evilhost/opt/Authbahn/resources/app.asar/dist/renderer/index.html',
      'about:blank',
      'data:text/html,<script>1</script>',
      'not a url',
    ]) {
      expect(isTrustedSender({ url, isMainFrame: true, windowId: 1 }, policy), url).toBe(false);
    }
  });

  it('with a dev server trusts exactly that origin', () => {
    const dev = parseDevUrl('http://127.0.0.1:5173/');
    expect(dev?.ok).toBe(true);
    const devEntry = (dev as { ok: true; entry: RendererEntry }).entry;
    const devPolicy = { windowIds: new Set([1]), entry: devEntry };
    expect(isTrustedSender({ url: 'http://127.0.0.1:5173/#/x', isMainFrame: true, windowId: 1 }, devPolicy)).toBe(true);
    expect(isTrustedSender({ url: 'http://127.0.0.1:5174/', isMainFrame: true, windowId: 1 }, devPolicy)).toBe(false);
    expect(isTrustedSender({ url: 'http://localhost:5173/', isMainFrame: true, windowId: 1 }, devPolicy)).toBe(false);
    expect(isTrustedSender({ url: indexUrl, isMainFrame: true, windowId: 1 }, devPolicy)).toBe(false);
  });
});

describe('parseDevUrl', () => {
  it('is off when unset', () => {
    expect(parseDevUrl(undefined)).toBeUndefined();
    expect(parseDevUrl('')).toBeUndefined();
  });

  it('accepts loopback http(s) only', () => {
    expect(parseDevUrl('http://localhost:5173')).toMatchObject({ ok: true, entry: { kind: 'dev', origin: 'http://localhost:5173' } });
    expect(parseDevUrl('https://[::1]:5173/')).toMatchObject({ ok: true });
    for (const bad of ['http://192.168.0.2:5173', 'https://evil.example', 'file:///etc/passwd', 'javascript:alert(1)', 'http://user:pw@127.0.0.1:1/', '::']) {
      expect(parseDevUrl(bad), bad).toMatchObject({ ok: false });
    }
  });
});
