import { describe, expect, it } from 'vitest';
import { avatarHue, monogram } from '../../../renderer/features/accounts/avatar';

describe('monogram', () => {
  it('takes the first letter of a one-word issuer', () => {
    expect(monogram('GitHub', 'alice')).toBe('G');
    expect(monogram('aws', 'root')).toBe('A');
  });

  it('takes two initials of a multi-word issuer', () => {
    expect(monogram('Crossbar Router', 'ops')).toBe('CR');
    expect(monogram('ACME Co', 'alice')).toBe('AC');
  });

  it('falls back to the label, ignores punctuation, handles emptiness', () => {
    expect(monogram('', 'bob@example.com')).toBe('BE');
    expect(monogram('  ', '')).toBe('?');
    expect(monogram('(!)', '')).toBe('?');
  });

  it('handles letters outside the BMP', () => {
    expect(monogram('𝒜lpha', '')).toBe('𝒜');
  });
});

describe('avatarHue', () => {
  it('is stable, case-insensitive and within 0–359', () => {
    expect(avatarHue('GitHub')).toBe(avatarHue('github '));
    for (const name of ['GitHub', 'AWS', 'Crossbar', '', 'Zürich']) {
      const hue = avatarHue(name);
      expect(Number.isInteger(hue)).toBe(true);
      expect(hue).toBeGreaterThanOrEqual(0);
      expect(hue).toBeLessThan(360);
    }
  });

  it('spreads different issuers over different hues', () => {
    const hues = new Set(['GitHub', 'GitLab', 'AWS', 'Google', 'Microsoft', 'Crossbar', 'Steam', 'Dropbox'].map(avatarHue));
    expect(hues.size).toBeGreaterThanOrEqual(7);
  });
});
