// Base64 for the migration payload. Encoding is standard (RFC 4648 §4, padded), like Google
// Authenticator writes it. Decoding is forgiving about what happens to that text on its way from a
// QR code to us: padding missing or present, the URL-safe alphabet, and "+" turned into a space by
// something that treated the URI as form-encoded.
import { base64 } from '@scure/base';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function encodeBase64(bytes: Uint8Array): string {
  return base64.encode(bytes);
}

/**
 * Decode base64 text, or return a message saying what is wrong with it.
 * Spaces become "+", "-" and "_" become "+" and "/", line breaks/tabs and trailing "=" are ignored.
 */
export function decodeBase64Lenient(text: string): { ok: true; bytes: Uint8Array } | { ok: false; message: string } {
  const cleaned = text
    .replace(/[\t\r\n]/g, '')
    .replace(/ /g, '+')
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .replace(/=+$/, '');
  if (cleaned.length % 4 === 1) return { ok: false, message: `base64 text has an impossible length (${cleaned.length})` };
  const bytes = new Uint8Array(Math.floor((cleaned.length * 3) / 4));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < cleaned.length; i += 1) {
    const value = ALPHABET.indexOf(cleaned.charAt(i));
    if (value < 0) {
      const ch = cleaned.charAt(i);
      const shown = ch === '=' ? '"=" before its end' : `the character "${ch}"`;
      return { ok: false, message: `base64 text contains ${shown}` };
    }
    buffer = ((buffer << 6) | value) & 0xffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[index++] = (buffer >> bits) & 0xff;
    }
  }
  return { ok: true, bytes };
}
