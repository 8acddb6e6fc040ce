// A stable colour and monogram per issuer, so rows are easy to tell apart at a glance without loading any
// logos (the CSP allows no remote images, and logos would leak which services you use).
//
// Colours come from a palette of 12 hues 30° apart rather than from a hue hashed onto the whole circle:
// two hashed hues are often only a few degrees apart and look the same, and pastel tints made it worse.
// Well-known issuers — whose initials often clash (GitHub, GitLab, Google) — get fixed, brand-inspired
// slots chosen to be far apart; any other issuer is hashed onto a slot. Every slot's initial meets WCAG AA
// (4.5:1) on its background in the light and the dark theme; the contrast is computed here, not hoped for.

/** Hues (degrees) of the palette slots, in order. */
export const AVATAR_HUES = [5, 35, 65, 95, 125, 155, 185, 215, 245, 275, 305, 335] as const;

/**
 * Slot per well-known issuer (keys as `issuerKey` makes them). Hues loosely follow the brands; where two
 * brands share a colour (many are blue) the one with the commoner clash moved, e.g. GitHub/GitLab/Google
 * ("G") and Google/Steam/Dropbox (blue) sit 30° or more apart.
 */
const KNOWN_ISSUERS: Record<string, number> = {
  cloudflare: 0, // red-orange
  gitlab: 1, // orange
  aws: 2, // amber
  amazon: 2,
  amazonwebservices: 2,
  npm: 11,
  npmjs: 11,
  microsoft: 5, // green-teal (Xbox, the logo's green)
  azure: 6,
  outlook: 6,
  dropbox: 6, // cyan-blue
  google: 7, // blue
  gmail: 7,
  facebook: 7,
  steam: 8, // indigo
  steampowered: 8,
  discord: 8,
  github: 9, // violet
  proton: 9,
  protonmail: 9,
  twitch: 10,
  slack: 10, // aubergine-magenta
  apple: 3,
  icloud: 3,
  bitwarden: 7,
  paypal: 8,
  reddit: 1,
  digitalocean: 7,
  heroku: 10,
  linkedin: 7,
  twitter: 6,
  x: 4,
  okta: 8,
  atlassian: 7,
  stripe: 9,
  coinbase: 7,
  binance: 2,
};

/**
 * Normalised issuer: lower case, no accents, no punctuation; a host name counts as its site name
 * ("accounts.google.com" → "google", "GitHub.com" → "github").
 */
export function issuerKey(name: string): string {
  let text = name.normalize('NFD').replace(/\p{Diacritic}/gu, '').trim().toLocaleLowerCase();
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(text)) {
    const labels = text.split('.');
    text = labels[labels.length - 2] ?? text;
  }
  return text.replace(/[^\p{L}\p{N}]/gu, '');
}

/** FNV-1a over UTF-16 code units, then a murmur3 finaliser: small, stable, and short names spread well. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Palette slot (index into AVATAR_HUES) for an issuer (or, without one, the label). */
export function avatarSlot(name: string): number {
  const key = issuerKey(name);
  const known = KNOWN_ISSUERS[key];
  return known ?? hash(key) % AVATAR_HUES.length;
}

/** Hue in [0, 360) of the avatar. */
export function avatarHue(name: string): number {
  return AVATAR_HUES[avatarSlot(name)]!;
}

export interface AvatarColors {
  /** Background and initial colour, '#rrggbb', for each theme. */
  light: { bg: string; fg: string };
  dark: { bg: string; fg: string };
}

/** WCAG AA for normal-size text; the monogram is 14 px bold, which is not "large" text. */
export const AVATAR_MIN_CONTRAST = 4.5;
/** A little above the minimum, so rounding to 8-bit channels can never tip a colour below it. */
const TARGET_CONTRAST = 4.7;

const WHITE = '#ffffff';

/**
 * Light theme: a solid colour with a white initial — the lightest shade of the hue that still gives the
 * white letter AA contrast (yellow hues end up darker than blue ones). Dark theme: a deep shade of the
 * hue with a light tint of it as the letter, lightened until it has AA contrast.
 */
function colorsForHue(hue: number): AvatarColors {
  let lightBg = hslToHex(hue, 68, 50);
  for (let l = 50; l >= 10 && contrastRatio(WHITE, lightBg) < TARGET_CONTRAST; l -= 1) lightBg = hslToHex(hue, 68, l);
  const darkBg = hslToHex(hue, 50, 24);
  let darkFg = hslToHex(hue, 90, 72);
  for (let l = 72; l <= 100 && contrastRatio(darkFg, darkBg) < TARGET_CONTRAST; l += 1) darkFg = hslToHex(hue, 90, l);
  return { light: { bg: lightBg, fg: WHITE }, dark: { bg: darkBg, fg: darkFg } };
}

const PALETTE: readonly AvatarColors[] = AVATAR_HUES.map(colorsForHue);

export function avatarColors(name: string): AvatarColors {
  return PALETTE[avatarSlot(name)]!;
}

/** One or two letters: "GitHub" → "G", "Crossbar Router" → "CR", "" → "?". */
export function monogram(issuer: string, label: string): string {
  const source = (issuer.trim() || label.trim()).replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
  if (!source) return '?';
  const words = source.split(/\s+/);
  const letters = words.length > 1 ? [words[0]!, words[1]!].map((w) => Array.from(w)[0]!) : [Array.from(source)[0]!];
  return letters.join('').toLocaleUpperCase();
}

// --- colour arithmetic (sRGB, WCAG 2 relative luminance) ---

export function hslToHex(h: number, s: number, l: number): string {
  const sat = s / 100;
  const light = l / 100;
  const a = sat * Math.min(light, 1 - light);
  const channel = (n: number) => {
    const k = (n + h / 30) % 12;
    const value = light - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(value * 255)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG contrast ratio of two '#rrggbb' colours, 1–21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
