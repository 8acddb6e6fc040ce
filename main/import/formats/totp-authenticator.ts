// TOTP Authenticator (com.authenticator.authservice2).
// Backup file (.bin/.encrypt): base64 of AES-256-CBC (zero IV, PKCS#7) with key = SHA-256(password);
// the plaintext is a JSON object whose first key is a JSON array of entries (each entry an object or
// a JSON string of one). Without a user password the app encrypts with "TotpAuthenticator"; we try that
// first, so such backups need no password.
// Internal file (shared_prefs/TOTP_Authenticator_Preferences.xml, rooted phone): the same array under
// STATIC_TOTP_CODES_LIST.
// Entries: key (encoded in `base` 16/32/64), issuer, name, digits and period as strings; no algorithm
// field (SHA1).
import { ImportCollector, entryName, type RawEntry } from '../imported-account';
import { aesCbcDecrypt, decodeBase64, decodeHex, sha256 } from '../crypto';
import { readPrefsStrings } from '../android-prefs';
import { passwordRequired, unreadable, wrongPassword } from '../errors';
import { decodeText, isObject, num, parseJson, str, type JsonObject } from '../text';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const LABEL = 'TOTP Authenticator backup';
const WHAT = `This ${LABEL} file`;
const PREF_KEY = 'STATIC_TOTP_CODES_LIST';
const DEFAULT_PASSWORD = 'TotpAuthenticator';
const ZERO_IV = new Uint8Array(16);

function internalList(file: ImportFile): string | undefined {
  const text = decodeText(file.bytes);
  return text === undefined ? undefined : readPrefsStrings(text)?.get(PREF_KEY);
}

/** The ciphertext of a backup file: base64 text of whole AES blocks. */
function ciphertext(file: ImportFile): Uint8Array | undefined {
  const text = decodeText(file.bytes)?.trim();
  if (text === undefined || text.length < 24 || !/^[A-Za-z0-9+/\s]+={0,2}$/.test(text)) return undefined;
  const data = decodeBase64(text);
  return data !== undefined && data.length >= 16 && data.length % 16 === 0 ? data : undefined;
}

/** The entry array of a decrypted backup, or null when this password does not open it. */
function decrypt(data: Uint8Array, password: string): string | null {
  const plain = aesCbcDecrypt(sha256(password), ZERO_IV, data);
  if (plain === null) return null;
  const root = parseJson(new TextDecoder().decode(plain));
  if (!isObject(root)) return null;
  return Object.keys(root)[0] ?? '[]';
}

function decodeKey(entry: JsonObject): RawEntry['secret'] {
  const key = str(entry.key) ?? '';
  switch (num(entry.base)) {
    case 16:
      return decodeHex(key);
    case 32:
      return key;
    case 64:
      return decodeBase64(key);
    default:
      return undefined;
  }
}

function readList(json: string): ImportParseResult {
  const list = parseJson(json);
  if (!Array.isArray(list)) throw unreadable(WHAT, 'the account list is not a JSON array');
  const out = new ImportCollector();
  for (const item of list) {
    const entry = typeof item === 'string' ? parseJson(item) : item;
    if (!isObject(entry)) {
      out.skip(entryName(undefined, undefined), 'The entry is not an object');
      continue;
    }
    const issuer = str(entry.issuer);
    const label = str(entry.name);
    const secret = decodeKey(entry);
    if (secret === undefined) {
      out.skip(entryName(issuer, label), `Unsupported or damaged key (base ${String(entry.base).slice(0, 10)})`);
      continue;
    }
    out.add({ type: 'totp', issuer, label, secret, digits: num(entry.digits), period: num(entry.period) });
  }
  return out.result();
}

export const totpAuthenticatorFormat: ImportFormat = {
  id: 'totp-authenticator',
  label: 'TOTP Authenticator (encrypted backup or internal XML)',

  detect(file) {
    if (internalList(file) !== undefined) return 100;
    // Base64 of AES blocks has no marker; it is this format when the default password opens it.
    const data = ciphertext(file);
    if (data === undefined) return 0;
    return decrypt(data, DEFAULT_PASSWORD) !== null ? 100 : 3;
  },

  needsPassword(file) {
    if (internalList(file) !== undefined) return false;
    const data = ciphertext(file);
    return data !== undefined && decrypt(data, DEFAULT_PASSWORD) === null;
  },

  async parse(file, password) {
    const internal = internalList(file);
    if (internal !== undefined) return readList(internal);
    const data = ciphertext(file);
    if (data === undefined) throw unreadable(WHAT, 'it is neither a backup (base64 text) nor the app’s preferences XML');
    const withDefault = decrypt(data, DEFAULT_PASSWORD);
    if (withDefault !== null) return readList(withDefault);
    if (password === null) throw passwordRequired(WHAT);
    const list = decrypt(data, password);
    if (list === null) throw wrongPassword(WHAT);
    return readList(list);
  },
};
