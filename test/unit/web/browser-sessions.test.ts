import { describe, expect, it } from 'vitest';
import { BrowserSessions, cookieValues } from '../../../main/web/browser-sessions';

describe('BrowserSessions', () => {
  const name = BrowserSessions.cookieNameFor(5173);

  it('knows the ids it created, by the cookie header a browser sends', () => {
    const sessions = new BrowserSessions(name);
    const id = sessions.create();
    expect(sessions.check(`${name}=${id}`)).toBe('valid');
    expect(sessions.check(`theme=dark; ${name}=${id}; other=1`)).toBe('valid');
    // Two cookies of the same name (e.g. a stale one first): the valid one wins.
    expect(sessions.check(`${name}=${'A'.repeat(43)}; ${name}=${id}`)).toBe('valid');
  });

  it("tells 'no cookie of ours' apart from a wrong one", () => {
    const sessions = new BrowserSessions(name);
    sessions.create();
    expect(sessions.check(undefined)).toBe('none');
    expect(sessions.check('')).toBe('none');
    expect(sessions.check(`theme=dark; ${BrowserSessions.cookieNameFor(5174)}=${'A'.repeat(43)}`)).toBe('none');
    expect(sessions.check(`${name}=${'A'.repeat(43)}`)).toBe('invalid');
    expect(sessions.check(`${name}=`)).toBe('invalid');
    expect(sessions.check(`${name}=<script>`)).toBe('invalid');
  });

  it('does not share ids between instances (each launch has its own)', () => {
    const first = new BrowserSessions(name);
    const second = new BrowserSessions(name);
    expect(second.check(`${name}=${first.create()}`)).toBe('invalid');
  });

  it('sets an HttpOnly, SameSite=Strict session cookie for the whole site, and can clear it', () => {
    const sessions = new BrowserSessions(name);
    const id = sessions.create();
    expect(sessions.setCookieHeader(id)).toBe(`${name}=${id}; Path=/; HttpOnly; SameSite=Strict`);
    expect(sessions.clearCookieHeader()).toBe(`${name}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
  });

  it('keeps a bounded number of sessions, forgetting the oldest', () => {
    const sessions = new BrowserSessions(name);
    const ids = Array.from({ length: 65 }, () => sessions.create());
    expect(sessions.check(`${name}=${ids[0]}`)).toBe('invalid');
    expect(sessions.check(`${name}=${ids[1]}`)).toBe('valid');
    expect(sessions.check(`${name}=${ids[64]}`)).toBe('valid');
  });

  it('parses cookie headers leniently', () => {
    expect(cookieValues('a=1; b = 2 ;c=3=4; novalue; a=5', 'a')).toEqual(['1', '5']);
    expect(cookieValues('a=1; b = 2 ;c=3=4', 'b')).toEqual(['2']);
    expect(cookieValues('a=1; b = 2 ;c=3=4', 'c')).toEqual(['3=4']);
    expect(cookieValues(undefined, 'a')).toEqual([]);
  });
});
