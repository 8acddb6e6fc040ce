import { describe, expect, it } from 'vitest';
import { decideWindowOpen, isExternalWebUrl, isPermissionAllowed, mayNavigate } from '../../../main/electron/navigation-policy';
import { fileEntry } from '../../../main/electron/renderer-entry';

const entry = fileEntry('/app/dist/renderer/index.html');

describe('navigation policy', () => {
  it('allows only our own page', () => {
    expect(mayNavigate('file:///app/dist/renderer/index.html', entry)).toBe(true);
    expect(mayNavigate('file:///app/dist/renderer/index.html#/settings', entry)).toBe(true);
    for (const url of ['https://example.com/', 'file:///etc/passwd', 'file:///app/dist/renderer/evil.html', 'javascript:alert(1)', 'chrome://settings']) {
      expect(mayNavigate(url, entry), url).toBe(false);
    }
  });

  it('denies every new window and hands plain web links to the OS browser', () => {
    expect(decideWindowOpen('https://github.com/crossbario')).toEqual({ action: 'deny', openExternally: 'https://github.com/crossbario' });
    expect(decideWindowOpen('http://example.com/')).toEqual({ action: 'deny', openExternally: 'http://example.com/' });
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'ms-msdt:/id', 'about:blank', 'https://user:pw@example.com/', '']) {
      expect(decideWindowOpen(url), url).toEqual({ action: 'deny', openExternally: null });
      expect(isExternalWebUrl(url)).toBe(false);
    }
  });

  it('grants sanitized clipboard writes and nothing else', () => {
    expect(isPermissionAllowed('clipboard-sanitized-write')).toBe(true);
    for (const p of ['clipboard-read', 'media', 'geolocation', 'notifications', 'openExternal', 'display-capture', 'hid', 'unknown']) {
      expect(isPermissionAllowed(p), p).toBe(false);
    }
  });
});
