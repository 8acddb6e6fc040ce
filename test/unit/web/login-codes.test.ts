import { describe, expect, it } from 'vitest';
import { LoginCodes } from '../../../main/web/login-codes';

describe('LoginCodes', () => {
  it('redeems each issued code exactly once', () => {
    const codes = new LoginCodes();
    const a = codes.issue();
    const b = codes.issue();
    expect(a).not.toBe(b);
    expect(codes.redeem(a)).toBe('ok');
    expect(codes.redeem(a)).toBe('used');
    expect(codes.redeem(b)).toBe('ok');
  });

  it('calls onUsed once, and not when the code is refused', () => {
    const codes = new LoginCodes();
    let used = 0;
    const code = codes.issue({ onUsed: () => (used += 1) });
    codes.redeem('A'.repeat(43));
    expect(used).toBe(0);
    codes.redeem(code);
    codes.redeem(code);
    expect(used).toBe(1);
    // A throwing cleanup does not turn a good login into a failure.
    const throwing = codes.issue({ onUsed: () => { throw new Error('rm failed'); } });
    expect(codes.redeem(throwing)).toBe('ok');
  });

  it('expires codes with a lifetime, and only those', () => {
    let now = 1_000;
    const codes = new LoginCodes(() => now);
    const short = codes.issue({ ttlMs: 100 });
    const forever = codes.issue();
    now += 100;
    expect(codes.redeem(short)).toBe('expired');
    now += 10 ** 9;
    expect(codes.redeem(forever)).toBe('ok');
  });

  it('calls anything it did not issue invalid, whatever its shape', () => {
    const codes = new LoginCodes();
    const code = codes.issue();
    for (const bad of [code.toLowerCase() === code ? code.toUpperCase() : code.toLowerCase(), `${code}x`, code.slice(1), '', null, undefined, 7, 'x'.repeat(10_000)]) {
      expect(codes.redeem(bad)).toBe('invalid');
    }
    expect(codes.redeem(code)).toBe('ok');
  });
});
