// Authy's token list (shared_prefs/com.authy.storage.tokens.authenticator.xml from a rooted phone): one
// <string> holding a JSON array of tokens. Older versions store `decryptedSecret` (base32); newer ones
// `encryptedSecret` (base64) with a per-token `salt`, encrypted with AES-256-CBC (zero IV, PKCS#7)
// under PBKDF2-HMAC-SHA1(backup password, salt as UTF-8, 1000 iterations). Authy's own tokens (in
// ...tokens.authy.xml) carry a hex `secretSeed` and 10-second codes. Authy has no algorithm or period
// field: SHA1, 30 s.
import { ImportCollector, entryName } from '../imported-account';
import { aesCbcDecrypt, decodeBase64, decodeHex, pbkdf2Key } from '../crypto';
import { readPrefsStrings } from '../android-prefs';
import { passwordRequired, unreadable, wrongPassword } from '../errors';
import { decodeText, isObject, num, parseJson, str, type JsonObject } from '../text';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const LABEL = 'Authy token list';
const WHAT = `This ${LABEL} file`;
const KEYS = ['com.authy.storage.tokens.authenticator.key', 'com.authy.storage.tokens.authy.key'];
const ITERATIONS = 1000;
const ZERO_IV = new Uint8Array(16);
const BASE32_SECRET = /^[A-Za-z2-7\s=-]+$/;

function tokens(file: ImportFile): JsonObject[] | undefined {
  const text = decodeText(file.bytes);
  const map = text === undefined ? undefined : readPrefsStrings(text);
  if (map === undefined) return undefined;
  for (const key of KEYS) {
    const value = map.get(key);
    if (value === undefined) continue;
    const list = parseJson(value);
    if (Array.isArray(list)) return list.filter(isObject);
  }
  return undefined;
}

const isEncrypted = (token: JsonObject) => typeof token.encryptedSecret === 'string' && token.decryptedSecret === undefined && token.secretSeed === undefined;

async function decryptSecret(token: JsonObject, password: string): Promise<string | null> {
  const data = decodeBase64(str(token.encryptedSecret) ?? '');
  if (data === undefined) return null;
  const key = await pbkdf2Key(password, new TextEncoder().encode(str(token.salt) ?? ''), ITERATIONS, 32, 'sha1');
  const plain = aesCbcDecrypt(key, ZERO_IV, data);
  if (plain === null) return null;
  const secret = new TextDecoder().decode(plain);
  // CBC padding is right by chance for 1 in 256 wrong keys: the plaintext must also be base32.
  return BASE32_SECRET.test(secret) ? secret : null;
}

/** Issuer and name as Aegis derives them: originalIssuer, else the "Issuer:" of originalName, else "Issuer - " of name. */
function names(token: JsonObject, isAuthy: boolean): { issuer: string; label: string } {
  let name = str(token.name) ?? '';
  if (isAuthy) return { issuer: name, label: name };
  const originalName = str(token.originalName);
  let issuer = str(token.originalIssuer);
  let separator = '';
  if (issuer === undefined && originalName?.includes(':')) {
    issuer = originalName.slice(0, originalName.indexOf(':'));
    separator = ':';
  } else if (issuer === undefined && name.includes(' - ')) {
    issuer = name.slice(0, name.indexOf(' - '));
    separator = ' - ';
  }
  issuer ??= '';
  if (issuer !== '' && name.startsWith(issuer + separator)) name = name.slice((issuer + separator).length);
  if (name.startsWith(': ')) name = name.slice(2);
  return { issuer, label: name.trim() };
}

async function readTokens(list: JsonObject[], password: string | null): Promise<ImportParseResult> {
  const out = new ImportCollector();
  let decryptedAny = false;
  let failed = 0;
  for (const token of list) {
    const isAuthy = typeof token.secretSeed === 'string';
    const { issuer, label } = names(token, isAuthy);
    const digits = num(token.digits);
    if (isAuthy) {
      out.add({ type: 'totp', issuer, label, secret: decodeHex(str(token.secretSeed)!), digits, period: 10 });
      continue;
    }
    let secret = str(token.decryptedSecret);
    if (secret === undefined && isEncrypted(token)) {
      const decrypted = await decryptSecret(token, password!);
      if (decrypted === null) {
        failed += 1;
        continue;
      }
      decryptedAny = true;
      secret = decrypted;
    }
    out.add({ type: 'totp', issuer, label, secret, digits });
  }
  // All tokens share the backup password: if none opens, the password is wrong; if only some do, the
  // others are damaged and reported as skipped.
  if (failed > 0 && !decryptedAny) throw wrongPassword(WHAT);
  if (failed > 0) out.skip(entryName(undefined, undefined), `${failed} encrypted token${failed === 1 ? '' : 's'} could not be decrypted`);
  return out.result();
}

export const authyFormat: ImportFormat = {
  id: 'authy',
  label: 'Authy (shared_prefs XML, plain or encrypted)',

  detect(file) {
    return tokens(file) === undefined ? 0 : 100;
  },

  needsPassword(file) {
    return tokens(file)?.some(isEncrypted) ?? false;
  },

  async parse(file, password) {
    const list = tokens(file);
    if (list === undefined) throw unreadable(WHAT, 'it has no Authy token list');
    if (list.some(isEncrypted) && password === null) throw passwordRequired(WHAT);
    return readTokens(list, password);
  },
};
