import { describe, expect, it } from 'vitest';
import { parseLoginLink } from '../../../renderer/features/status/login-link';

const CODE = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ';

describe('parseLoginLink (the new link pasted into a tab that lost its server)', () => {
  it('accepts the printed link on any loopback address and port', () => {
    expect(parseLoginLink(`http://127.0.0.1:41234/login?code=${CODE}`)).toEqual({ ok: true, url: `http://127.0.0.1:41234/login?code=${CODE}` });
    expect(parseLoginLink(`http://localhost:8080/login?code=${CODE}`)).toMatchObject({ ok: true });
    expect(parseLoginLink(`http://[::1]:8080/login?code=${CODE}`)).toMatchObject({ ok: true });
  });

  it('finds the link in a pasted terminal line, with spaces and quotes around it', () => {
    expect(parseLoginLink(`  Open this link in your browser: http://127.0.0.1:5000/login?code=${CODE}\n`)).toEqual({
      ok: true,
      url: `http://127.0.0.1:5000/login?code=${CODE}`,
    });
    expect(parseLoginLink(`"http://127.0.0.1:5000/login?code=${CODE}"`)).toMatchObject({ ok: true });
  });

  it('refuses other hosts, other paths, a missing code and non-links, saying why', () => {
    expect(parseLoginLink(`http://evil.example/login?code=${CODE}`)).toEqual({ ok: false, message: expect.stringContaining('evil.example') });
    expect(parseLoginLink(`http://127.0.0.1:5000/?code=${CODE}`)).toEqual({ ok: false, message: expect.stringContaining('/login?code=') });
    expect(parseLoginLink('http://127.0.0.1:5000/login')).toMatchObject({ ok: false });
    expect(parseLoginLink('javascript:alert(1)')).toMatchObject({ ok: false });
    expect(parseLoginLink('')).toMatchObject({ ok: false });
  });
});
