import { describe, expect, it } from 'vitest';
import { sessionCheckFrom } from '../../../renderer/bridge/session';

describe('sessionCheckFrom (the page reading GET /session)', () => {
  it('maps the server answers', () => {
    expect(sessionCheckFrom(200, { signedIn: true })).toBe('valid');
    expect(sessionCheckFrom(200, { signedIn: false, reason: 'no-session' })).toBe('none');
    expect(sessionCheckFrom(200, { signedIn: false, reason: 'unknown-session' })).toBe('stale');
    expect(sessionCheckFrom(200, { signedIn: false })).toBe('none');
  });

  it('treats anything else (another program on the port, an error page) as unreachable', () => {
    expect(sessionCheckFrom(404, null)).toBe('unreachable');
    expect(sessionCheckFrom(500, { signedIn: true })).toBe('unreachable');
    expect(sessionCheckFrom(200, null)).toBe('unreachable');
    expect(sessionCheckFrom(200, 'ok')).toBe('unreachable');
    expect(sessionCheckFrom(200, { signedIn: 'yes' })).toBe('unreachable');
  });
});
