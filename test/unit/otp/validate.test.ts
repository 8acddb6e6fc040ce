import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/api/types';
import { validateAccountInput, type AccountValidation } from '../../../shared/otp/validate';

const input = (over: Partial<AccountInput> = {}): AccountInput => ({
  type: 'totp',
  issuer: 'ACME',
  label: 'alice',
  secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', // 160 bits
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

function valid(v: AccountValidation) {
  if (!v.ok) throw new Error(`expected ok, got ${JSON.stringify(v.errors)}`);
  return v;
}
function invalid(v: AccountValidation) {
  if (v.ok) throw new Error('expected errors');
  return v;
}

describe('validateAccountInput', () => {
  it('accepts a typical TOTP account without warnings', () => {
    expect(validateAccountInput(input())).toEqual({
      ok: true,
      value: {
        type: 'totp',
        issuer: 'ACME',
        label: 'alice',
        secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ',
        algorithm: 'SHA1',
        digits: 6,
        period: 30,
        counter: 0,
        tags: [],
      },
      warnings: [],
    });
  });

  it('trims texts and normalises the secret', () => {
    const v = valid(validateAccountInput(input({ issuer: '  ACME ', label: ' alice\t', secret: 'gezd gnbv gy3t qojq gezd gnbv gy3t qojq' })));
    expect(v.value).toMatchObject({ issuer: 'ACME', label: 'alice', secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' });
  });

  it('requires a label but not an issuer', () => {
    expect(invalid(validateAccountInput(input({ label: '   ' }))).errors).toEqual({ label: 'Enter a name for the account' });
    expect(valid(validateAccountInput(input({ issuer: '' }))).value.issuer).toBe('');
  });

  it('limits label and issuer length and rejects control characters', () => {
    expect(valid(validateAccountInput(input({ label: 'x'.repeat(256) }))).value.label).toHaveLength(256);
    expect(invalid(validateAccountInput(input({ label: 'x'.repeat(257), issuer: 'y'.repeat(300) }))).errors).toEqual({
      label: 'The name is too long: 257 characters (at most 256)',
      issuer: 'The issuer is too long: 300 characters (at most 256)',
    });
    expect(invalid(validateAccountInput(input({ label: 'a\u0000b' }))).errors.label).toMatch(/control characters/);
    expect(invalid(validateAccountInput(input({ issuer: 'a\u0085b' }))).errors.issuer).toMatch(/control characters/);
    expect(invalid(validateAccountInput(input({ label: 'a\udc00' }))).errors.label).toMatch(/control characters/);
  });

  it('reports the secret error from normalizeBase32', () => {
    expect(invalid(validateAccountInput(input({ secret: '' }))).errors.secret).toBe('The secret is empty');
    expect(invalid(validateAccountInput(input({ secret: 'JBSWY3DPEHPK3PX1' }))).errors.secret).toMatch(/"1" at position 16 .*did you mean I or L/);
  });

  it('warns about secrets shorter than 128 bits', () => {
    const v = valid(validateAccountInput(input({ secret: 'JBSWY3DPEHPK3PXP' })));
    expect(v.warnings).toEqual(['RFC 4226 recommends at least 128 bits; this secret has 80 bits']);
    expect(valid(validateAccountInput(input({ secret: 'A'.repeat(26) }))).warnings).toEqual([]); // 128 bits exactly
  });

  it.each([5, 9, 6.5, Number.NaN])('rejects digits %s for TOTP/HOTP', (digits) => {
    expect(invalid(validateAccountInput(input({ digits }))).errors.digits).toBe('Digits must be a whole number from 6 to 8');
    expect(invalid(validateAccountInput(input({ type: 'hotp', digits }))).errors.digits).toBeDefined();
  });

  it.each([6, 7, 8])('accepts %i digits', (digits) => {
    expect(valid(validateAccountInput(input({ digits }))).value.digits).toBe(digits);
  });

  it.each([0, -30, 86_401, 2.5, Number.NaN])('rejects period %s for TOTP and Steam', (period) => {
    expect(invalid(validateAccountInput(input({ period }))).errors.period).toBe('Period must be a whole number of seconds from 1 to 86400');
    expect(invalid(validateAccountInput(input({ type: 'steam', period }))).errors.period).toBeDefined();
  });

  it('warns about unusual periods but accepts 30 and 60 silently', () => {
    expect(valid(validateAccountInput(input({ period: 60 }))).warnings).toEqual([]);
    expect(valid(validateAccountInput(input({ period: 45 }))).warnings).toEqual(['Most services use a 30-second period; this account uses 45 seconds']);
    expect(valid(validateAccountInput(input({ period: 86_400 }))).value.period).toBe(86_400);
  });

  it('warns about non-SHA1 algorithms and rejects unknown ones', () => {
    expect(valid(validateAccountInput(input({ algorithm: 'SHA256' }))).warnings).toEqual([
      'Some authenticator apps ignore the algorithm and always use SHA1; with SHA256 their codes would not match',
    ]);
    expect(invalid(validateAccountInput(input({ algorithm: 'MD5' as 'SHA1' }))).errors).toEqual({ algorithm: 'Choose SHA1, SHA256 or SHA512' });
  });

  it('rejects an unknown type', () => {
    expect(invalid(validateAccountInput(input({ type: 'motp' as 'totp' }))).errors).toEqual({ type: 'Choose TOTP, HOTP or Steam' });
  });

  describe('HOTP', () => {
    it('keeps a valid counter', () => {
      expect(valid(validateAccountInput(input({ type: 'hotp', counter: 17 }))).value).toMatchObject({ type: 'hotp', counter: 17 });
      expect(valid(validateAccountInput(input({ type: 'hotp', counter: Number.MAX_SAFE_INTEGER }))).value.counter).toBe(Number.MAX_SAFE_INTEGER);
    });

    it.each([-1, 1.5, Number.NaN, 2 ** 53])('rejects counter %s', (counter) => {
      expect(invalid(validateAccountInput(input({ type: 'hotp', counter }))).errors.counter).toMatch(/Counter must be a whole number from 0/);
    });

    it('ignores an invalid period (the form hides it for HOTP) and keeps a valid one', () => {
      expect(valid(validateAccountInput(input({ type: 'hotp', period: Number.NaN }))).value.period).toBe(30);
      expect(valid(validateAccountInput(input({ type: 'hotp', period: 60 }))).value.period).toBe(60);
      expect(valid(validateAccountInput(input({ type: 'hotp', period: 45 }))).warnings).toEqual([]);
    });
  });

  it('forces the counter to 0 for time-based types', () => {
    expect(valid(validateAccountInput(input({ counter: 99 }))).value.counter).toBe(0);
    expect(valid(validateAccountInput(input({ counter: Number.NaN }))).value.counter).toBe(0);
  });

  describe('Steam', () => {
    it('forces 5 characters and SHA1 whatever the form says, and keeps the period', () => {
      const v = valid(validateAccountInput(input({ type: 'steam', digits: 8, algorithm: 'SHA512', period: 30, counter: 4 })));
      expect(v.value).toMatchObject({ type: 'steam', digits: 5, algorithm: 'SHA1', period: 30, counter: 0 });
      expect(v.warnings).toEqual([]);
    });

    it('accepts garbage in the hidden digits/algorithm fields', () => {
      expect(valid(validateAccountInput(input({ type: 'steam', digits: Number.NaN, algorithm: 'x' as 'SHA1' }))).value.digits).toBe(5);
    });
  });

  it('uses defaults for absent parameters', () => {
    const v = valid(validateAccountInput({ label: 'x', secret: 'JBSWY3DPEHPK3PXP' } as AccountInput));
    expect(v.value).toMatchObject({ type: 'totp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, issuer: '', tags: [] });
  });

  describe('tags', () => {
    it('trims, drops empties and de-duplicates case-insensitively (first spelling wins)', () => {
      expect(valid(validateAccountInput(input({ tags: [' work ', '', 'Prod', 'prod', 'WORK', '  ', 'ops'] }))).value.tags).toEqual(['work', 'Prod', 'ops']);
    });

    it('limits tag length and count', () => {
      expect(invalid(validateAccountInput(input({ tags: ['t'.repeat(65)] }))).errors.tags).toMatch(/too long \(at most 64 characters\)/);
      expect(valid(validateAccountInput(input({ tags: ['t'.repeat(64)] }))).value.tags).toHaveLength(1);
      const many = Array.from({ length: 33 }, (_, i) => `tag${i}`);
      expect(invalid(validateAccountInput(input({ tags: many }))).errors.tags).toBe('Too many tags: 33 (at most 32)');
      expect(valid(validateAccountInput(input({ tags: many.slice(0, 32) }))).value.tags).toHaveLength(32);
    });

    it('rejects control characters and non-text tags', () => {
      expect(invalid(validateAccountInput(input({ tags: ['a\nb'] }))).errors.tags).toMatch(/control characters/);
      expect(invalid(validateAccountInput(input({ tags: [5 as unknown as string] }))).errors.tags).toBe('Tags must be text');
      expect(invalid(validateAccountInput(input({ tags: 'work' as unknown as string[] }))).errors.tags).toBe('Tags must be a list');
    });
  });

  it('collects all field errors at once and keeps warnings', () => {
    const v = invalid(validateAccountInput(input({ label: '', secret: 'A', digits: 3, period: 0, algorithm: 'SHA256' })));
    expect(Object.keys(v.errors).sort()).toEqual(['digits', 'label', 'period', 'secret']);
    expect(v.warnings).toHaveLength(1);
  });

  it('never throws for hostile shapes', () => {
    for (const bad of [null, undefined, 42, 'x', [], { label: 5, secret: {}, type: null, tags: null }]) {
      const v = validateAccountInput(bad as unknown as AccountInput);
      expect(v.ok).toBe(false);
    }
  });
});
