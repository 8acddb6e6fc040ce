import { describe, expect, it } from 'vitest';
import { redactUrlPassword, urlPassword, urlUsername, withoutUrlPassword, withUrlPassword } from '../../../shared/wamp/url-password';

describe('router URL passwords', () => {
  it('finds, removes and masks the password as written', () => {
    const url = 'ws://joe:s3cr%40t@127.0.0.1:8080/ws?x=1#f';
    expect(urlPassword(url)).toBe('s3cr%40t');
    expect(urlUsername(url)).toBe('joe');
    expect(withoutUrlPassword(url)).toBe('ws://joe@127.0.0.1:8080/ws?x=1#f');
    expect(redactUrlPassword(url)).toBe('ws://joe:•••@127.0.0.1:8080/ws?x=1#f');
    // Round trip, byte for byte.
    expect(withUrlPassword(withoutUrlPassword(url), urlPassword(url))).toBe(url);
  });

  it('uses the last "@" of the authority and stops at the path, like the URL parser', () => {
    expect(urlPassword('wss://a:b@c@host/p@th')).toBe('b@c');
    expect(redactUrlPassword('wss://a:b@c@host/p@th')).toBe('wss://a:•••@host/p@th');
    expect(urlPassword('ws://host/path:with@at')).toBeNull();
    expect(redactUrlPassword('ws://host\\u:p@x')).toBe('ws://host\\u:p@x');
    expect(urlPassword('ws://:pw@host/ws')).toBe('pw');
    expect(withoutUrlPassword('ws://:pw@host/ws')).toBe('ws://@host/ws');
    expect(withUrlPassword('ws://@host/ws', 'pw')).toBe('ws://:pw@host/ws');
  });

  it('leaves URLs without a password alone', () => {
    for (const url of ['ws://127.0.0.1:8080/ws', 'ws://joe@host/ws', 'ws://joe:@host/ws', 'not a url']) {
      expect(urlPassword(url)).toBeNull();
      expect(redactUrlPassword(url)).toBe(url);
    }
    expect(withUrlPassword('ws://host/ws', 'pw')).toBe('ws://host/ws');
    expect(withUrlPassword('ws://joe:own@host/ws', 'pw')).toBe('ws://joe:own@host/ws');
    expect(withUrlPassword('ws://joe@host/ws', null)).toBe('ws://joe@host/ws');
  });

  it('shows no userinfo at all when the URL parser would read a password the scan did not', () => {
    const odd = ' ws://joe:hunter2@host/ws';
    expect(new URL(odd).password).toBe('hunter2');
    expect(redactUrlPassword(odd)).not.toContain('hunter2');
    expect(withoutUrlPassword(odd)).not.toContain('hunter2');
  });
});
