// Stratum / Authenticator Pro backup files, in their three shapes:
// - plain JSON: {"Authenticators": [...], "Categories": [...], "AuthenticatorCategories": [...], ...};
// - encrypted (current): "AUTHENTICATORPRO" ‖ salt(16) ‖ nonce(12) ‖ AES-256-GCM(JSON) ‖ tag(16), the key
//   from Argon2id(password, salt; 3 passes, 64 MiB, 4 lanes, 32 bytes);
// - encrypted (legacy): "AuthenticatorPro" ‖ salt(20) ‖ iv(16) ‖ AES-256-CBC/PKCS#7(JSON), the key from
//   PBKDF2-HMAC-SHA1(password, salt, 64000 iterations, 32 bytes).
// (Parameters as in Stratum's own backup code and Aegis's StratumImporter.)
import { createDecipheriv, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { argon2idAsync } from '@noble/hashes/argon2.js';
import { ImportCollector, MAX_IMPORT_ENTRIES } from '../imported-account';
import { passwordRequired, unreadable, wrongPassword } from '../errors';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';
import { addStratumEntry, tagsBySecret } from './stratum-entries';

const WHAT = 'This Stratum backup';
const HEADER = 'AUTHENTICATORPRO';
const HEADER_LEGACY = 'AuthenticatorPro';
const HEADER_LENGTH = 16;

const ARGON2 = { t: 3, m: 1 << 16, p: 4, dkLen: 32 } as const;
const SALT_LENGTH = 16;
const NONCE_LENGTH = 12;
const TAG_LENGTH = 16;

const LEGACY_ITERATIONS = 64_000;
const LEGACY_SALT_LENGTH = 20;
const LEGACY_IV_LENGTH = 16;

/** Largest backup we parse as JSON; real ones are a few KiB (custom icons make them bigger). */
const MAX_JSON_BYTES = 64 * 1024 * 1024;

const pbkdf2Async = promisify(pbkdf2);

function headerOf(bytes: Uint8Array): string {
  return bytes.length >= HEADER_LENGTH ? Buffer.from(bytes.subarray(0, HEADER_LENGTH)).toString('latin1') : '';
}

function isEncrypted(bytes: Uint8Array): boolean {
  const header = headerOf(bytes);
  return header === HEADER || header === HEADER_LEGACY;
}

/** The file as a JSON value, or undefined when it is not JSON. Never throws. */
function jsonOf(bytes: Uint8Array): unknown {
  if (bytes.length > MAX_JSON_BYTES) return undefined;
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)) as unknown;
  } catch {
    return undefined;
  }
}

/** True when the first character after an optional UTF-8 BOM and whitespace is "{" (cheap pre-check). */
function startsWithBrace(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i += 1;
  return bytes[i] === 0x7b;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function looksLikeBackup(value: unknown): value is Record<string, unknown> & { Authenticators: unknown[] } {
  if (!isRecord(value) || !Array.isArray(value.Authenticators)) return false;
  const first: unknown = value.Authenticators[0];
  return first === undefined || (isRecord(first) && 'Secret' in first && 'Type' in first);
}

async function decryptCurrent(bytes: Uint8Array, password: string): Promise<Uint8Array> {
  const body = HEADER_LENGTH + SALT_LENGTH + NONCE_LENGTH;
  if (bytes.length < body + TAG_LENGTH) throw unreadable(WHAT, 'the file is truncated');
  const salt = bytes.subarray(HEADER_LENGTH, HEADER_LENGTH + SALT_LENGTH);
  const nonce = bytes.subarray(HEADER_LENGTH + SALT_LENGTH, body);
  const sealed = bytes.subarray(body);
  // The async variant yields to the event loop: the derivation takes seconds in pure JS.
  const key = await argon2idAsync(Buffer.from(password, 'utf8'), salt, ARGON2);
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, nonce);
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_LENGTH));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_LENGTH)), decipher.final()]);
  } catch {
    throw wrongPassword(WHAT);
  }
}

async function decryptLegacy(bytes: Uint8Array, password: string): Promise<Uint8Array> {
  const body = HEADER_LENGTH + LEGACY_SALT_LENGTH + LEGACY_IV_LENGTH;
  const cipherText = bytes.subarray(body);
  if (cipherText.length === 0 || cipherText.length % 16 !== 0) throw unreadable(WHAT, 'the file is truncated');
  const salt = bytes.subarray(HEADER_LENGTH, HEADER_LENGTH + LEGACY_SALT_LENGTH);
  const iv = bytes.subarray(HEADER_LENGTH + LEGACY_SALT_LENGTH, body);
  const key = await pbkdf2Async(Buffer.from(password, 'utf8'), salt, LEGACY_ITERATIONS, 32, 'sha1');
  try {
    const decipher = createDecipheriv('aes-256-cbc', key, iv);
    return Buffer.concat([decipher.update(cipherText), decipher.final()]);
  } catch {
    // Bad PKCS#7 padding: CBC has no authentication, so this is how a wrong password shows.
    throw wrongPassword(WHAT);
  }
}

function accountsOf(backup: Record<string, unknown> & { Authenticators: unknown[] }): ImportParseResult {
  if (backup.Authenticators.length > MAX_IMPORT_ENTRIES) throw unreadable(WHAT, `it has more than ${MAX_IMPORT_ENTRIES} accounts`);
  const categories = Array.isArray(backup.Categories) ? backup.Categories.filter(isRecord) : [];
  const links = Array.isArray(backup.AuthenticatorCategories) ? backup.AuthenticatorCategories.filter(isRecord) : [];
  const tags = tagsBySecret(
    categories.map((c) => ({ id: c.Id, name: c.Name })),
    links.map((l) => ({ categoryId: l.CategoryId, secret: l.AuthenticatorSecret })),
  );
  const out = new ImportCollector();
  for (const [index, item] of backup.Authenticators.entries()) {
    if (!isRecord(item) || typeof item.Secret !== 'string' || typeof item.Type !== 'number') {
      out.skip(`Entry ${index + 1}`, 'Not a Stratum account (no secret or type)');
      continue;
    }
    addStratumEntry(
      out,
      {
        type: item.Type,
        issuer: item.Issuer,
        username: item.Username,
        secret: item.Secret,
        algorithm: typeof item.Algorithm === 'number' ? item.Algorithm : 0,
        digits: item.Digits,
        period: item.Period,
        counter: item.Counter,
      },
      tags.get(item.Secret) ?? [],
    );
  }
  return out.result();
}

export const stratumBackup: ImportFormat = {
  id: 'stratum',
  label: 'Stratum / Authenticator Pro backup',

  detect(file: ImportFile): number {
    if (isEncrypted(file.bytes)) return 100;
    if (!startsWithBrace(file.bytes)) return 0;
    return looksLikeBackup(jsonOf(file.bytes)) ? 10 : 0;
  },

  needsPassword(file: ImportFile): boolean {
    return isEncrypted(file.bytes);
  },

  async parse(file: ImportFile, password: string | null): Promise<ImportParseResult> {
    const header = headerOf(file.bytes);
    let plain = file.bytes;
    if (header === HEADER || header === HEADER_LEGACY) {
      if (password === null) throw passwordRequired(WHAT);
      plain = header === HEADER ? await decryptCurrent(file.bytes, password) : await decryptLegacy(file.bytes, password);
      const backup = jsonOf(plain);
      if (!looksLikeBackup(backup)) {
        // GCM authenticated the content, so it is what Stratum wrote but not a backup we understand;
        // after CBC a wrong password can still produce valid padding (1 in 256) over garbage.
        throw header === HEADER ? unreadable(WHAT, 'the decrypted content is not a Stratum backup') : wrongPassword(WHAT);
      }
      return accountsOf(backup);
    }
    const backup = jsonOf(plain);
    if (backup === undefined) throw unreadable(WHAT, 'it is neither JSON nor an encrypted Stratum backup');
    if (!looksLikeBackup(backup)) throw unreadable(WHAT, 'the JSON has no "Authenticators" list');
    return accountsOf(backup);
  },
};
