import { describe, expect, it } from 'vitest';
import { formatOtpauthUri, parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import type { OtpAccountData } from '../../../shared/otp/types';

const SECRET = 'JBSWY3DPEHPK3PXP';

function parsed(uri: string): OtpAccountData {
  const r = parseOtpauthUri(uri);
  if (!r.ok) throw new Error(`expected ok for ${uri}: ${r.error.message}`);
  return r.value;
}

function failure(uri: string, code: 'INVALID_URI' | 'INVALID_SECRET' = 'INVALID_URI'): string {
  const r = parseOtpauthUri(uri);
  if (r.ok) throw new Error(`expected an error for ${uri}`);
  expect(r.error.code).toBe(code);
  return r.error.message;
}

const totp = (over: Partial<OtpAccountData> = {}): OtpAccountData => ({
  type: 'totp',
  issuer: 'ACME Co',
  label: 'john@example.com',
  secret: SECRET,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

describe('parseOtpauthUri', () => {
  it('parses the Key Uri Format example with defaults', () => {
    expect(parsed(`otpauth://totp/Example:alice@google.com?secret=${SECRET}&issuer=Example`)).toEqual({
      type: 'totp',
      issuer: 'Example',
      label: 'alice@google.com',
      secret: SECRET,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
  });

  it('reads every parameter', () => {
    expect(
      parsed(`otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA512&digits=8&period=60`),
    ).toEqual(totp({ label: 'john.doe@email.com', secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ', algorithm: 'SHA512', digits: 8, period: 60 }));
  });

  it('normalises the secret and accepts lower case, spaces and padding in it', () => {
    expect(parsed('otpauth://totp/x?secret=jbsw%20y3dp-ehpk3pxp%3D%3D').secret).toBe(SECRET);
    expect(parsed('otpauth://totp/x?secret=jbsw+y3dp+ehpk+3pxp').secret).toBe(SECRET);
  });

  it('treats scheme, type and parameter names case-insensitively', () => {
    const a = parsed(`OTPAUTH://TOTP/Example:alice?SECRET=${SECRET}&Issuer=Example&Digits=8`);
    expect(a).toMatchObject({ type: 'totp', issuer: 'Example', label: 'alice', digits: 8 });
  });

  it('accepts algorithm spellings sha256, SHA-256, Sha512', () => {
    expect(parsed(`otpauth://totp/x?secret=${SECRET}&algorithm=sha256`).algorithm).toBe('SHA256');
    expect(parsed(`otpauth://totp/x?secret=${SECRET}&algorithm=SHA-256`).algorithm).toBe('SHA256');
    expect(parsed(`otpauth://totp/x?secret=${SECRET}&algorithm=Sha512`).algorithm).toBe('SHA512');
    expect(parsed(`otpauth://totp/x?secret=${SECRET}&algorithm=sha-1`).algorithm).toBe('SHA1');
    expect(parsed(`otpauth://totp/x?secret=${SECRET}&algorithm=`).algorithm).toBe('SHA1');
  });

  describe('label and issuer', () => {
    it('uses the label prefix as issuer when there is no issuer parameter', () => {
      expect(parsed(`otpauth://totp/GitHub:octocat?secret=${SECRET}`)).toMatchObject({ issuer: 'GitHub', label: 'octocat' });
    });

    it('trims the space after the colon ("Issuer: Account")', () => {
      expect(parsed(`otpauth://totp/GitHub:%20octocat?secret=${SECRET}`)).toMatchObject({ issuer: 'GitHub', label: 'octocat' });
      expect(parsed(`otpauth://totp/GitHub%20:%20%20octocat%20?secret=${SECRET}`)).toMatchObject({ issuer: 'GitHub', label: 'octocat' });
    });

    it('decodes a percent-encoded colon like a literal one', () => {
      expect(parsed(`otpauth://totp/GitHub%3Aoctocat?secret=${SECRET}`)).toMatchObject({ issuer: 'GitHub', label: 'octocat' });
      expect(parsed(`otpauth://totp/GitHub%3aoctocat?secret=${SECRET}`)).toMatchObject({ issuer: 'GitHub', label: 'octocat' });
    });

    it('lets the issuer parameter win over a different label prefix, and strips that prefix', () => {
      expect(parsed(`otpauth://totp/Old%20Name:bob?secret=${SECRET}&issuer=New%20Name`)).toMatchObject({ issuer: 'New Name', label: 'bob' });
    });

    it('keeps the whole label when the issuer parameter is given and the label has no prefix', () => {
      expect(parsed(`otpauth://totp/bob?secret=${SECRET}&issuer=ACME`)).toMatchObject({ issuer: 'ACME', label: 'bob' });
    });

    it('strips exactly "<issuer>:" when the issuer itself contains a colon', () => {
      expect(parsed(`otpauth://totp/a%3Ab:c?secret=${SECRET}&issuer=a%3Ab`)).toMatchObject({ issuer: 'a:b', label: 'c' });
    });

    it('reads an empty issuer parameter as "no issuer, label is literal"', () => {
      expect(parsed(`otpauth://totp/user%3Aadmin?secret=${SECRET}&issuer=`)).toMatchObject({ issuer: '', label: 'user:admin' });
    });

    it('treats "+" as a space in query values but literally in the label', () => {
      expect(parsed(`otpauth://totp/A+B:x+y?secret=${SECRET}&issuer=A+B`)).toMatchObject({ issuer: 'A B', label: 'x+y' });
      expect(parsed(`otpauth://totp/me+tag@example.com?secret=${SECRET}`)).toMatchObject({ issuer: '', label: 'me+tag@example.com' });
      expect(parsed(`otpauth://totp/x?secret=${SECRET}&issuer=A%2BB`).issuer).toBe('A+B');
    });

    it('decodes UTF-8 labels', () => {
      expect(parsed(`otpauth://totp/B%C3%BCro:J%C3%BCrgen?secret=${SECRET}`)).toMatchObject({ issuer: 'Büro', label: 'Jürgen' });
    });

    it('falls back to the issuer as label when the account part is empty', () => {
      expect(parsed(`otpauth://totp/?secret=${SECRET}&issuer=ACME`)).toMatchObject({ issuer: 'ACME', label: 'ACME' });
      expect(parsed(`otpauth://totp/ACME:?secret=${SECRET}`)).toMatchObject({ issuer: 'ACME', label: 'ACME' });
      expect(parsed(`otpauth://totp?secret=${SECRET}&issuer=ACME`)).toMatchObject({ issuer: 'ACME', label: 'ACME' });
    });

    it('rejects a URI with neither account name nor issuer', () => {
      expect(failure(`otpauth://totp/?secret=${SECRET}`)).toMatch(/neither an account nor an issuer/);
      expect(failure(`otpauth://totp/%20:%20?secret=${SECRET}`)).toMatch(/neither/);
    });

    it('caps label and issuer at 256 characters', () => {
      expect(parsed(`otpauth://totp/${'a'.repeat(256)}?secret=${SECRET}`).label).toHaveLength(256);
      expect(failure(`otpauth://totp/${'a'.repeat(257)}?secret=${SECRET}`)).toMatch(/Label is too long: 257/);
      expect(failure(`otpauth://totp/x?secret=${SECRET}&issuer=${'b'.repeat(300)}`)).toMatch(/Issuer is too long: 300/);
    });

    it('rejects control characters in names', () => {
      expect(failure(`otpauth://totp/a%0Ab?secret=${SECRET}`)).toMatch(/Label contains control characters/);
      expect(failure(`otpauth://totp/x?secret=${SECRET}&issuer=a%00`)).toMatch(/Issuer contains control characters/);
    });

    it('keeps malformed percent-escapes literally instead of failing the import', () => {
      expect(parsed(`otpauth://totp/100%25%20sure:a%zzb?secret=${SECRET}`)).toMatchObject({ issuer: '100% sure', label: 'a%zzb' });
      expect(parsed(`otpauth://totp/Save%2050%:bob?secret=${SECRET}`)).toMatchObject({ issuer: 'Save 50%', label: 'bob' });
      expect(parsed(`otpauth://totp/a%ED%A0%80?secret=${SECRET}`).label).toBe('a%ED%A0%80'); // UTF-8-encoded surrogate
      expect(parsed(`otpauth://totp/x?secret=${SECRET}&issuer=%C3%A4%E0%A4%A`).issuer).toBe('ä%E0%A4%A');
      expect(parsed(`otpauth://totp/x?secret=${SECRET}&%64igits=8`).digits).toBe(8);
    });
  });

  describe('types', () => {
    it('parses HOTP with its counter', () => {
      expect(parsed(`otpauth://hotp/ACME:bob?secret=${SECRET}&counter=42&digits=8`)).toMatchObject({ type: 'hotp', counter: 42, digits: 8 });
    });

    it('defaults a missing HOTP counter to 0', () => {
      expect(parsed(`otpauth://hotp/ACME:bob?secret=${SECRET}`).counter).toBe(0);
    });

    it('ignores a counter on TOTP', () => {
      expect(parsed(`otpauth://totp/ACME:bob?secret=${SECRET}&counter=42`).counter).toBe(0);
    });

    it('parses otpauth://steam/ with forced 5 characters and SHA1', () => {
      expect(parsed(`otpauth://steam/Steam:gaben?secret=${SECRET}&digits=8&algorithm=SHA512`)).toEqual({
        type: 'steam',
        issuer: 'Steam',
        label: 'gaben',
        secret: SECRET,
        algorithm: 'SHA1',
        digits: 5,
        period: 30,
        counter: 0,
      });
    });

    it('reads encoder=steam on a totp URI as Steam (KeePassXC style)', () => {
      expect(parsed(`otpauth://totp/Steam:gaben?secret=${SECRET}&issuer=Steam&encoder=steam`)).toMatchObject({ type: 'steam', digits: 5 });
      expect(parsed(`otpauth://totp/Steam:gaben?secret=${SECRET}&encoder=STEAM&digits=5`)).toMatchObject({ type: 'steam', digits: 5 });
      expect(parsed(`otpauth://totp/x?secret=${SECRET}&encoder=`).type).toBe('totp');
    });

    it('does not guess Steam from issuer and digits alone', () => {
      expect(failure(`otpauth://totp/Steam:gaben?secret=${SECRET}&issuer=Steam&digits=5`)).toMatch(/Digits must be a whole number from 6 to 8/);
    });

    it('rejects unknown encoders and encoder=steam on HOTP', () => {
      expect(failure(`otpauth://totp/x?secret=${SECRET}&encoder=yandex`)).toMatch(/Unsupported encoder "yandex"/);
      expect(failure(`otpauth://hotp/x?secret=${SECRET}&encoder=steam`)).toMatch(/needs a time-based/);
    });

    it('rejects unknown or missing types', () => {
      expect(failure(`otpauth://motp/x?secret=${SECRET}`)).toMatch(/Unknown OTP type "motp"/);
      expect(failure(`otpauth://${'y'.repeat(50)}/x?secret=${SECRET}`)).toMatch(/Unknown OTP type "y{20}…"/);
      expect(failure(`otpauth:///x?secret=${SECRET}`)).toMatch(/no OTP type/);
    });
  });

  describe('rejections', () => {
    it.each([
      ['https://example.com/?secret=JBSWY3DPEHPK3PXP', /Not an otpauth:\/\/ URI/],
      ['otpauth:totp/x?secret=JBSWY3DPEHPK3PXP', /Not an otpauth:\/\/ URI/],
      ['', /Not an otpauth/],
      ['JBSWY3DPEHPK3PXP', /Not an otpauth/],
      ['otpauth-migration://offline?data=CjEK', /Google Authenticator export/],
    ])('%j', (uri, message) => {
      expect(failure(uri)).toMatch(message);
    });

    it('requires a secret', () => {
      expect(failure('otpauth://totp/x?issuer=y')).toMatch(/no secret parameter/);
      expect(failure('otpauth://totp/x?secret=&issuer=y')).toMatch(/no secret parameter/);
      expect(failure('otpauth://totp/x')).toMatch(/no secret parameter/);
    });

    it('reports a bad secret as INVALID_SECRET with position', () => {
      expect(failure('otpauth://totp/x?secret=JBSWY3DPEHPK3PX0', 'INVALID_SECRET')).toMatch(/Invalid secret in the URI: Invalid character "0" at position 16/);
      expect(failure('otpauth://totp/x?secret=ABC', 'INVALID_SECRET')).toMatch(/impossible length/);
    });

    it.each(['5', '9', '10', '-6', '6.0', 'six', '0x6', '1e1'])('rejects digits=%s', (digits) => {
      expect(failure(`otpauth://totp/x?secret=${SECRET}&digits=${digits}`)).toMatch(/Digits must be a whole number from 6 to 8/);
    });

    it('quotes and escapes the offending value in the message', () => {
      expect(failure(`otpauth://totp/x?secret=${SECRET}&digits=6%0A7`)).toBe('Digits must be a whole number from 6 to 8 (the URI says "6\\n7")');
      expect(failure(`otpauth://totp/x?secret=${SECRET}&period=${'9'.repeat(30)}`)).toContain(`(the URI says "${'9'.repeat(20)}…")`);
    });

    it.each(['0', '-30', '86401', '30.5', 'abc', '99999999999999999'])('rejects period=%s', (period) => {
      expect(failure(`otpauth://totp/x?secret=${SECRET}&period=${period}`)).toMatch(/Period must be a whole number of seconds from 1 to 86400/);
    });

    it('accepts the period limits 1 and 86400', () => {
      expect(parsed(`otpauth://totp/x?secret=${SECRET}&period=1`).period).toBe(1);
      expect(parsed(`otpauth://totp/x?secret=${SECRET}&period=86400`).period).toBe(86_400);
    });

    it.each(['-1', '1.5', 'abc', '9007199254740992'])('rejects counter=%s on HOTP', (counter) => {
      expect(failure(`otpauth://hotp/x?secret=${SECRET}&counter=${counter}`)).toMatch(/Counter must be a whole number/);
    });

    it('accepts the largest safe counter', () => {
      expect(parsed(`otpauth://hotp/x?secret=${SECRET}&counter=9007199254740991`).counter).toBe(Number.MAX_SAFE_INTEGER);
    });

    it.each(['MD5', 'SHA3', 'sha-384', 'x'])('rejects algorithm=%s', (algorithm) => {
      expect(failure(`otpauth://totp/x?secret=${SECRET}&algorithm=${algorithm}`)).toMatch(/Unsupported algorithm/);
    });

    it('rejects a known parameter given twice', () => {
      expect(failure(`otpauth://totp/x?secret=${SECRET}&secret=GEZDGNBVGY3TQOJQ`)).toMatch(/"secret" more than once/);
      expect(failure(`otpauth://totp/x?secret=${SECRET}&Digits=6&digits=8`)).toMatch(/"digits" more than once/);
    });

    it('ignores unknown parameters, empty pairs and a fragment', () => {
      const a = parsed(`otpauth://totp/x?image=https%3A%2F%2Fexample.com%2Flogo.png&&color=red&secret=${SECRET}&foo#frag&digits=8`);
      expect(a).toMatchObject({ secret: SECRET, digits: 6 });
    });

    it('rejects URIs longer than 8 KiB but accepts surrounding whitespace', () => {
      expect(failure(`otpauth://totp/x?secret=${SECRET}&image=${'a'.repeat(8192)}`)).toMatch(/too long/);
      expect(parsed(`  otpauth://totp/x?secret=${SECRET}\n`).label).toBe('x');
    });

    it('rejects non-string input without throwing', () => {
      expect(parseOtpauthUri(null as unknown as string)).toMatchObject({ ok: false, error: { code: 'INVALID_URI' } });
    });
  });
});

describe('formatOtpauthUri', () => {
  it('writes the canonical TOTP form', () => {
    expect(formatOtpauthUri(totp())).toBe(
      `otpauth://totp/ACME%20Co:john%40example.com?secret=${SECRET}&issuer=ACME%20Co&algorithm=SHA1&digits=6&period=30`,
    );
  });

  it('writes HOTP with counter and without period', () => {
    expect(formatOtpauthUri(totp({ type: 'hotp', counter: 7, digits: 8, algorithm: 'SHA256' }))).toBe(
      `otpauth://hotp/ACME%20Co:john%40example.com?secret=${SECRET}&issuer=ACME%20Co&algorithm=SHA256&digits=8&counter=7`,
    );
  });

  it('keeps a non-default HOTP period so it survives a round trip', () => {
    const a = totp({ type: 'hotp', counter: 7, period: 60 });
    expect(formatOtpauthUri(a)).toContain('&period=60&counter=7');
    expect(parsed(formatOtpauthUri(a))).toEqual(a);
  });

  it('writes Steam as totp + encoder=steam', () => {
    const steam = totp({ type: 'steam', issuer: 'Steam', label: 'gaben', digits: 5 });
    expect(formatOtpauthUri(steam)).toBe(`otpauth://totp/Steam:gaben?secret=${SECRET}&issuer=Steam&digits=5&period=30&encoder=steam`);
    expect(parsed(formatOtpauthUri(steam))).toEqual(steam);
  });

  it('omits issuer prefix and parameter when there is no issuer', () => {
    expect(formatOtpauthUri(totp({ issuer: '', label: 'bob' }))).toBe(`otpauth://totp/bob?secret=${SECRET}&algorithm=SHA1&digits=6&period=30`);
  });

  it('marks a colon label without issuer with an empty issuer parameter', () => {
    const a = totp({ issuer: '', label: 'user:admin' });
    expect(formatOtpauthUri(a)).toBe(`otpauth://totp/user%3Aadmin?secret=${SECRET}&issuer=&algorithm=SHA1&digits=6&period=30`);
    expect(parsed(formatOtpauthUri(a))).toEqual(a);
  });

  it('percent-encodes URI metacharacters so they round-trip', () => {
    const a = totp({ issuer: 'A&B=C?#/%+', label: 'x y+z/ä:😀' });
    const uri = formatOtpauthUri(a);
    expect(uri).not.toMatch(/[ #]/);
    expect(parsed(uri)).toEqual(a);
  });

  it('never throws, even for a lone surrogate (replaced by U+FFFD)', () => {
    const uri = formatOtpauthUri(totp({ label: 'a\ud800b' }));
    expect(parsed(uri).label).toBe('a\ufffdb');
  });
});
