import { describe, expect, it } from 'vitest';
import { generateToken, tokensEqual } from '../../../main/web/token';

describe('web bridge token', () => {
  it('is 32 random bytes in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    }
  });

  it('compares exactly, for any length or type of candidate', () => {
    const token = generateToken();
    expect(tokensEqual(token, token)).toBe(true);
    expect(tokensEqual(token, `${token}x`)).toBe(false);
    expect(tokensEqual(token, token.slice(0, -1))).toBe(false);
    expect(tokensEqual(token, '')).toBe(false);
    expect(tokensEqual(token, token.toUpperCase())).toBe(false);
    expect(tokensEqual(token, 42)).toBe(false);
    expect(tokensEqual(token, null)).toBe(false);
    expect(tokensEqual(token, 'x'.repeat(100_000))).toBe(false);
  });
});
