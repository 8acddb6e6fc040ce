import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/api/errors';
import { base32ToBytes, bytesToBase32, normalizeBase32, secretBits } from '../../../shared/otp/base32';
import { prng, refBase32Decode, refBase32Encode } from './support';

function normalized(input: string): string {
  const r = normalizeBase32(input);
  if (!r.ok) throw new Error(`expected ok for ${JSON.stringify(input)}: ${r.error.message}`);
  return r.value;
}

function failure(input: string) {
  const r = normalizeBase32(input);
  if (r.ok) throw new Error(`expected an error for ${JSON.stringify(input)}, got ${r.value}`);
  expect(r.error.code).toBe('INVALID_SECRET');
  return r.error;
}

describe('normalizeBase32', () => {
  it.each([
    ['JBSWY3DPEHPK3PXP', 'JBSWY3DPEHPK3PXP'],
    ['jbswy3dpehpk3pxp', 'JBSWY3DPEHPK3PXP'],
    ['jbsw y3dp ehpk 3pxp', 'JBSWY3DPEHPK3PXP'],
    ['JBSW-Y3DP-EHPK-3PXP', 'JBSWY3DPEHPK3PXP'],
    ['  JBSW\tY3DP\nEHPK\r\n3PXP  ', 'JBSWY3DPEHPK3PXP'],
    ['JBSW\u00a0Y3DP EHPK 3PXP', 'JBSWY3DPEHPK3PXP'], // non-breaking space from a web page
    ['MZXW6===', 'MZXW6'],
    ['mzxw6yq=', 'MZXW6YQ'],
    ['MZXW6YQ', 'MZXW6YQ'],
    ['MY======', 'MY'],
    ['MZXQ====', 'MZXQ'],
    ['GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ'],
  ])('accepts %j as %s', (input, expected) => {
    expect(normalized(input)).toBe(expected);
  });

  it('canonicalises unused trailing bits, so equal keys compare equal', () => {
    // 7 characters = 35 bits = 4 bytes + 3 leftover bits; "R" sets one of the leftover bits.
    expect(normalized('MZXW6YR')).toBe('MZXW6YQ');
    expect(base32ToBytes(normalized('MZXW6YR'))).toEqual(new TextEncoder().encode('foob'));
  });

  it('rejects an empty secret, also when only separators or padding remain', () => {
    expect(failure('').message).toMatch(/empty/);
    expect(failure('  - \n').message).toMatch(/empty/);
    expect(failure('====').message).toMatch(/empty/);
  });

  it.each([
    ['JBSWY3DPEHPK3PX0', '"0"', 16, /did you mean O\?/],
    ['JBSWY3DPEHPK3PX1', '"1"', 16, /did you mean I or L\?/],
    ['8BSWY3DPEHPK3PXP', '"8"', 1, /did you mean B\?/],
    ['JB9WY3DPEHPK3PXP', '"9"', 3, /A–Z and the digits 2–7$/],
    ['JBSW.Y3DPEHPK3PXP', '"."', 5, /A–Z/],
    ['jbsw y3dp éhpk', '"é"', 11, /A–Z/],
    ['JBSW\u0000Y3DP', 'U+0000', 5, /A–Z/],
    ['JB\u0085SWY3DP', 'U+0085', 3, /A–Z/], // NEL: not whitespace to JavaScript, invisible when printed
    ['JBSW😀Y3DP', '"😀"', 5, /A–Z/],
    ['ıBSWY3DP', '"ı"', 1, /A–Z/], // dotless i must not case-fold into "I"
    ['ſBSWY3DP', '"ſ"', 1, /A–Z/],
  ])('rejects %j naming %s at position %i', (input, shown, position, hint) => {
    const error = failure(input);
    expect(error.message).toContain(`Invalid character ${shown} at position ${position}`);
    expect(error.message).toMatch(hint);
    expect(error.details).toMatchObject({ position });
  });

  it('rejects padding in the middle', () => {
    const error = failure('MZ=XW6YQ');
    expect(error.message).toMatch(/padding may only appear at the end/);
    expect(error.details).toMatchObject({ position: 3, character: '=' });
  });

  it.each([1, 3, 6, 9, 11, 14])('rejects the impossible length %i', (length) => {
    const error = failure('A'.repeat(length));
    expect(error.message).toContain(`impossible length for base32: ${length} characters`);
  });

  it.each([2, 4, 5, 7, 8, 10, 16, 32])('accepts the possible length %i', (length) => {
    expect(normalized('A'.repeat(length))).toHaveLength(length);
  });

  it('rejects input longer than 1024 characters, counting separators', () => {
    expect(normalized('A'.repeat(1024))).toHaveLength(1024);
    expect(failure('A'.repeat(1025)).message).toMatch(/too long: 1025 characters/);
    expect(failure(`${'A'.repeat(1000)}${' '.repeat(30)}`).message).toMatch(/too long/);
  });

  it('rejects a non-string without throwing', () => {
    expect(normalizeBase32(42 as unknown as string)).toMatchObject({ ok: false, error: { code: 'INVALID_SECRET' } });
  });
});

describe('base32ToBytes / bytesToBase32', () => {
  it('matches RFC 4648 §10 test vectors (unpadded)', () => {
    const vectors: [string, string][] = [
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, encoded] of vectors) {
      const bytes = new TextEncoder().encode(plain);
      expect(bytesToBase32(bytes)).toBe(encoded);
      expect(base32ToBytes(encoded)).toEqual(bytes);
    }
    expect(bytesToBase32(new Uint8Array(0))).toBe('');
  });

  it('round-trips random byte strings and agrees with an independent implementation', () => {
    const r = prng(0xba5e32);
    for (let i = 0; i < 500; i++) {
      const bytes = r.bytes(r.int(1, 80));
      const encoded = bytesToBase32(bytes);
      expect(encoded).toBe(refBase32Encode(bytes));
      expect(base32ToBytes(encoded)).toEqual(bytes);
      expect(new Uint8Array(refBase32Decode(encoded))).toEqual(bytes);
      expect(normalized(encoded.toLowerCase())).toBe(encoded);
      expect(secretBits(encoded)).toBe(bytes.length * 8);
    }
  });

  it('throws AppError INVALID_SECRET for strings that are not normalised', () => {
    for (const bad of ['', 'abcd', 'A', 'AAA', 'AB=C', 'AB0C']) {
      expect(() => base32ToBytes(bad)).toThrow(AppError);
      try {
        base32ToBytes(bad);
      } catch (e) {
        expect((e as AppError).code).toBe('INVALID_SECRET');
      }
    }
  });
});

describe('secretBits', () => {
  it('counts whole decoded bytes', () => {
    expect(secretBits('JBSWY3DPEHPK3PXP')).toBe(80);
    expect(secretBits('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toBe(160);
    expect(secretBits('MZXW6YQ')).toBe(32);
    expect(secretBits('MY')).toBe(8);
  });
});
