// andOTP backup: a JSON array of entries {secret, issuer, label, digits, type, algorithm, period |
// counter, tags}. Encrypted backups are raw bytes with no marker, in one of two layouts:
//   new (andOTP ≥ 0.6.3): iterations (4 bytes, big-endian) | salt (12) | nonce (12) | ciphertext | tag (16),
//                         key = PBKDF2-HMAC-SHA1(password, salt, iterations, 256 bits)
//   old:                  nonce (12) | ciphertext | tag (16), key = SHA-256(password)
// Both are AES-256-GCM. Nothing says which layout a file uses, so the new one is tried first (when its
// iteration count is plausible) and then the old one; only if neither opens is the password wrong.
import { ImportCollector, entryName } from '../imported-account';
import { aesGcmDecryptTagged, MAX_PBKDF2_ITERATIONS, pbkdf2Key, sha256 } from '../crypto';
import { passwordRequired, unreadable, wrongPassword } from '../errors';
import { decodeText, isObject, num, parseJson, readJson, str } from '../text';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const LABEL = 'andOTP backup';
const WHAT = `This ${LABEL} file`;
const NONCE = 12;
const SALT = 12;
const TAG = 16;
const HEADER = 4 + SALT;

/** Magic numbers of the binary formats other importers own; an andOTP backup has none. */
const OTHER_MAGICS = ['SQLite format 3\0', 'PK\u0003\u0004', '\u00ac\u00ed', 'AUTHENTICATORPRO', 'AuthenticatorPro'];

function startsWith(bytes: Uint8Array, magic: string): boolean {
  if (bytes.length < magic.length) return false;
  for (let i = 0; i < magic.length; i += 1) if (bytes[i] !== magic.charCodeAt(i)) return false;
  return true;
}

function plainEntries(file: ImportFile): unknown[] | undefined {
  const json = readJson(file.bytes);
  return Array.isArray(json) ? json : undefined;
}

function looksLikeAndOtpEntry(value: unknown): boolean {
  return isObject(value) && typeof value.secret === 'string' && typeof value.type === 'string' && typeof value.label === 'string';
}

/** Binary data that could be an encrypted backup: not text, no other format's magic, long enough. */
function couldBeEncrypted(bytes: Uint8Array): boolean {
  if (bytes.length < NONCE + TAG + 2) return false;
  if (OTHER_MAGICS.some((m) => startsWith(bytes, m))) return false;
  const text = decodeText(bytes);
  // eslint-disable-next-line no-control-regex
  return text === undefined || /[\u0000-\u0008\u000e-\u001f]/.test(text);
}

function iterationsOf(bytes: Uint8Array): number {
  return ((bytes[0]! << 24) >>> 0) + (bytes[1]! << 16) + (bytes[2]! << 8) + bytes[3]!;
}

function newFormatPlausible(bytes: Uint8Array): boolean {
  const iterations = iterationsOf(bytes);
  return bytes.length >= HEADER + NONCE + TAG + 2 && iterations >= 1 && iterations <= MAX_PBKDF2_ITERATIONS;
}

async function decrypt(bytes: Uint8Array, password: string): Promise<{ entries: unknown[]; oldFormat: boolean }> {
  const attempts: { key: () => Promise<Uint8Array>; offset: number; oldFormat: boolean }[] = [];
  if (newFormatPlausible(bytes)) {
    attempts.push({ key: () => pbkdf2Key(password, bytes.subarray(4, HEADER), iterationsOf(bytes), 32, 'sha1'), offset: HEADER, oldFormat: false });
  }
  attempts.push({ key: async () => sha256(password), offset: 0, oldFormat: true });
  for (const attempt of attempts) {
    const nonce = bytes.subarray(attempt.offset, attempt.offset + NONCE);
    const plain = aesGcmDecryptTagged(await attempt.key(), nonce, bytes.subarray(attempt.offset + NONCE));
    if (plain === null) continue;
    const entries = parseJson(new TextDecoder().decode(plain));
    if (!Array.isArray(entries)) throw unreadable(WHAT, 'the decrypted backup is not a list of entries');
    return { entries, oldFormat: attempt.oldFormat };
  }
  throw wrongPassword(WHAT);
}

function readEntries(entries: unknown[]): ImportParseResult {
  const out = new ImportCollector();
  for (const entry of entries) {
    if (!isObject(entry)) {
      out.skip(entryName(undefined, undefined), 'The entry is not an object');
      continue;
    }
    let issuer = str(entry.issuer);
    let label = str(entry.label) ?? '';
    // Backups from before andOTP had an issuer field write "Issuer - Name" into the label.
    if (issuer === undefined) {
      const dash = label.indexOf(' - ');
      if (dash >= 0) {
        issuer = label.slice(0, dash);
        label = label.slice(dash + 3);
      }
    }
    const kind = str(entry.type)?.toLowerCase() ?? '';
    if (kind !== 'totp' && kind !== 'hotp' && kind !== 'steam') {
      out.skip(entryName(issuer, label), `Unsupported OTP type "${kind.slice(0, 20)}"`);
      continue;
    }
    out.add({
      type: kind,
      issuer,
      label,
      secret: str(entry.secret),
      algorithm: str(entry.algorithm),
      digits: num(entry.digits),
      period: kind === 'hotp' ? undefined : num(entry.period),
      counter: kind === 'hotp' ? num(entry.counter) : undefined,
      tags: Array.isArray(entry.tags) ? entry.tags.filter((t): t is string => typeof t === 'string') : [],
    });
  }
  return out.result();
}

export const andOtpFormat: ImportFormat = {
  id: 'andotp',
  label: 'andOTP backup (JSON, or encrypted .bin in the new or old format)',

  detect(file) {
    const entries = plainEntries(file);
    if (entries !== undefined) return entries.length > 0 && entries.every(looksLikeAndOtpEntry) ? 10 : 0;
    if (!couldBeEncrypted(file.bytes)) return 0;
    // No magic number: a binary file with a plausible iteration count is probably one; any other
    // binary file only possibly (the old layout is indistinguishable from random bytes).
    return newFormatPlausible(file.bytes) ? 3 : 2;
  },

  needsPassword(file) {
    return plainEntries(file) === undefined && couldBeEncrypted(file.bytes);
  },

  async parse(file, password) {
    const entries = plainEntries(file);
    if (entries !== undefined) return readEntries(entries);
    if (!couldBeEncrypted(file.bytes)) throw unreadable(WHAT, 'it is neither a JSON backup nor an encrypted one');
    if (password === null) throw passwordRequired(WHAT);
    return readEntries((await decrypt(file.bytes, password)).entries);
  },
};
