// Certificate fingerprints as people paste them: "AB:CD:…" (browsers, openssl, `authbahn router cert`),
// plain hex, or with a "sha256:" prefix. Pure string handling, shared by the CLI, the profile form and
// the engine.

/** 64 lower-case hex digits, or undefined when the text is not a SHA-256 fingerprint. */
export function normalizeFingerprint(text: string): string | undefined {
  const hex = text
    .trim()
    .replace(/^sha-?256[:/=]?\s*/i, '')
    .replace(/[:\s]/g, '')
    .toLowerCase();
  return /^[0-9a-f]{64}$/.test(hex) ? hex : undefined;
}
