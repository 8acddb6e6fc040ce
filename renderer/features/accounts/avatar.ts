// A stable colour and monogram per issuer, so rows are easy to tell apart at a glance
// without loading any logos (the CSP allows no remote images, and logos would leak which services you use).

/** FNV-1a over UTF-16 code units: small, stable, well spread for short strings. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Hue in [0, 360) for the avatar background. */
export function avatarHue(name: string): number {
  return hash(name.trim().toLowerCase()) % 360;
}

/** One or two letters: "GitHub" → "G", "Crossbar Router" → "CR", "" → "?". */
export function monogram(issuer: string, label: string): string {
  const source = (issuer.trim() || label.trim()).replace(/[^\p{L}\p{N}\s]/gu, ' ').trim();
  if (!source) return '?';
  const words = source.split(/\s+/);
  const letters = words.length > 1 ? [words[0]!, words[1]!].map((w) => Array.from(w)[0]!) : [Array.from(source)[0]!];
  return letters.join('').toLocaleUpperCase();
}
