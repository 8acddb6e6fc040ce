// Issue 10 items 3 and 10: the app's login log (pushed to every UI tab) stores bounded, escaped fields.
import { describe, expect, it } from 'vitest';
import { AuthLog } from '../../../main/router-app/auth-log';

describe('AuthLog', () => {
  it('bounds and escapes every text field of an entry', () => {
    const log = new AuthLog(10);
    const mb = 'a'.repeat(1024 * 1024);
    const stored = log.add({
      time: '2025-01-01T00:00:00.000Z',
      transport: 'main',
      peer: 'tcp4:127.0.0.1:1',
      realm: `realm1\u001b[31m`,
      authid: `evil\n2025-01-01T00:00:00.000Z forged${mb}`,
      authmethod: 'ticket',
      outcome: 'failure',
      authrole: null,
      reason: 'wamp.error.not_authorized',
      message: `no principal with authid "${mb}" exists`,
    });
    expect(stored.realm).toBe('realm1\\x1b[31m');
    expect(stored.authid!.startsWith('evil\\n2025-01-01')).toBe(true);
    expect(stored.authid!.length).toBeLessThan(400);
    expect(stored.message!.length).toBeLessThan(1200);
    expect(stored.authrole).toBe(null);
    expect(JSON.stringify(log.list()).length).toBeLessThan(2500);
    for (const value of Object.values(stored)) if (typeof value === 'string') expect(value).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });
});
