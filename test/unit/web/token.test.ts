import { describe, expect, it } from 'vitest';
import { generateToken, isWellFormedToken, tokenDigest } from '../../../main/web/token';

describe('web bridge tokens', () => {
  it('are 32 random bytes in base64url, different every time', () => {
    const tokens = new Set(Array.from({ length: 50 }, () => generateToken()));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(32);
      expect(isWellFormedToken(token)).toBe(true);
    }
  });

  it('refuses anything that generateToken could not have produced', () => {
    const token = generateToken();
    for (const bad of [`${token}x`, token.slice(0, -1), '', `${token.slice(0, -1)}=`, 'x'.repeat(100_000), 42, null, undefined]) {
      expect(isWellFormedToken(bad)).toBe(false);
    }
  });

  it('is stored as a digest, never as itself', () => {
    const token = generateToken();
    expect(tokenDigest(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(tokenDigest(token)).not.toContain(token);
    expect(tokenDigest(token)).toBe(tokenDigest(token));
  });
});
