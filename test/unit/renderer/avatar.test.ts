import { describe, expect, it } from 'vitest';
import {
  AVATAR_HUES,
  AVATAR_MIN_CONTRAST,
  avatarColors,
  avatarHue,
  avatarSlot,
  contrastRatio,
  hslToHex,
  issuerKey,
  monogram,
} from '../../../renderer/features/accounts/avatar';

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

describe('avatar colours', () => {
  /** Issuers people commonly have side by side; GitHub, GitLab and Google share the initial "G". */
  const COMMON = ['GitHub', 'Google', 'AWS', 'Microsoft', 'Cloudflare', 'Steam', 'GitLab', 'Dropbox'];
  const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

  it('is stable and ignores case, spaces, accents and a host name around the issuer', () => {
    expect(avatarHue('GitHub')).toBe(avatarHue('github '));
    expect(avatarHue('GitHub.com')).toBe(avatarHue('GitHub'));
    expect(avatarHue('accounts.google.com')).toBe(avatarHue('Google'));
    expect(avatarHue('Zürich')).toBe(avatarHue('zurich'));
    expect(issuerKey('Amazon Web Services')).toBe('amazonwebservices');
    for (const name of ['GitHub', 'AWS', 'Crossbar', '', 'Zürich']) expect(AVATAR_HUES).toContain(avatarHue(name));
  });

  it('gives common issuers pairwise different hues, at least 30° apart', () => {
    const hues = COMMON.map(avatarHue);
    expect(new Set(hues).size).toBe(COMMON.length);
    for (let i = 0; i < hues.length; i++) {
      for (let j = i + 1; j < hues.length; j++) {
        expect(hueDistance(hues[i]!, hues[j]!), `${COMMON[i]} vs ${COMMON[j]}`).toBeGreaterThanOrEqual(30);
      }
    }
  });

  it('spreads unknown issuers over the palette instead of clumping them', () => {
    const names = ['Crossbar', 'Nextcloud', 'Mastodon', 'Tailscale', 'Fastmail', 'Hetzner', 'Sentry', 'Vercel', 'Netlify', 'Gandi',
      'Namecheap', 'Kraken', 'Bitstamp', 'Mailbox.org', 'Posteo', 'Tuta', 'Backblaze', 'Wasabi', 'Linode', 'Vultr', 'OVH', 'Scaleway', 'Fly.io', 'Render'];
    const slots = names.map(avatarSlot);
    const counts = new Map<number, number>();
    for (const slot of slots) counts.set(slot, (counts.get(slot) ?? 0) + 1);
    expect(counts.size).toBeGreaterThanOrEqual(9); // of 12 slots
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(5);
  });

  it('gives the initial AA contrast (4.5:1) on every palette colour, in light and dark themes', () => {
    for (const hue of AVATAR_HUES) {
      // Any name on that hue: find one per slot through the hash.
      const { light, dark } = avatarColors(AVATAR_NAMES_BY_HUE.get(hue)!);
      expect(contrastRatio(light.fg, light.bg), `light ${hue}`).toBeGreaterThanOrEqual(AVATAR_MIN_CONTRAST);
      expect(contrastRatio(dark.fg, dark.bg), `dark ${hue}`).toBeGreaterThanOrEqual(AVATAR_MIN_CONTRAST);
      for (const color of [light.bg, light.fg, dark.bg, dark.fg]) expect(color).toMatch(/^#[0-9a-f]{6}$/);
    }
  });

  it('computes WCAG contrast like the spec (black on white is 21:1, white on #767676 is 4.5:1)', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#ffffff', '#767676')).toBeCloseTo(4.54, 2);
    expect(hslToHex(0, 100, 50)).toBe('#ff0000');
    expect(hslToHex(215, 0, 100)).toBe('#ffffff');
  });

  it('keeps light backgrounds saturated, not pastel: the letter is white on a coloured tile', () => {
    for (const name of COMMON) expect(avatarColors(name).light.fg).toBe('#ffffff');
  });
});

/** One issuer name per palette hue (found by trying names), so every slot's colours get checked. */
const AVATAR_NAMES_BY_HUE = (() => {
  const found = new Map<number, string>();
  for (let i = 0; found.size < AVATAR_HUES.length && i < 10_000; i++) {
    const name = `issuer-${i}`;
    if (!found.has(avatarHue(name))) found.set(avatarHue(name), name);
  }
  return found;
})();
