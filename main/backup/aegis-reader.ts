// Reads an Aegis vault file (ours or Aegis's own): plain or encrypted with password slots, database
// versions 1–3 (v2: one group name per entry; v3: a group list and UUID references). Enough for
// restoring our backups and for checking right after writing that a backup reads back; the general
// importer of other apps' files (main/import/formats) may later take this over.
import { AppError } from '../../shared/api/errors';
import { normalizeBase32 } from '../../shared/otp/base32';
import { HASH_ALGORITHMS, type HashAlgorithm, type OtpType } from '../../shared/otp/types';
import type { ImportParseResult, ImportedAccount, SkippedEntry } from '../import/types';
import { AEGIS_KEY_BYTES, AEGIS_NONCE_BYTES, AEGIS_TAG_BYTES, deriveKey, open, scryptParamsAllowed } from './aegis-crypto';

/** Far above any real vault (icons included); stops a hostile file from making us parse without bound. */
export const MAX_AEGIS_FILE_CHARS = 32 * 1024 * 1024;
const MAX_ENTRIES = 10_000;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const unreadable = (why: string) => new AppError('IMPORT_UNREADABLE', `Not a readable Aegis vault: ${why}`);

/** True when the text looks like an Aegis vault whose database is encrypted. Never throws. */
export function aegisNeedsPassword(text: string): boolean {
  try {
    const file = JSON.parse(text) as unknown;
    return isObject(file) && typeof file.db === 'string' && isObject(file.header) && Array.isArray(file.header.slots);
  } catch {
    return false;
  }
}

export async function readAegisVault(text: string, password: string | null): Promise<ImportParseResult> {
  if (text.length > MAX_AEGIS_FILE_CHARS) throw unreadable('the file is too large');
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    throw unreadable('the file is not JSON');
  }
  if (!isObject(file) || file.version !== 1 || !isObject(file.header)) throw unreadable('no vault header (version 1)');
  const db = typeof file.db === 'string' ? await decryptDb(file.header, file.db, password) : file.db;
  if (!isObject(db)) throw unreadable('no database');
  return readDb(db);
}

async function decryptDb(header: Json, db: string, password: string | null): Promise<unknown> {
  const slots = Array.isArray(header.slots) ? header.slots.filter((s): s is Json => isObject(s) && s.type === 1) : [];
  if (slots.length === 0) throw unreadable('the vault is encrypted but has no password slot (a biometric-only vault cannot be read outside Aegis)');
  if (password === null) throw new AppError('IMPORT_PASSWORD_REQUIRED', 'This Aegis vault is encrypted: enter its password');
  const params = isObject(header.params) ? header.params : {};
  const nonce = hex(params.nonce, AEGIS_NONCE_BYTES);
  const tag = hex(params.tag, AEGIS_TAG_BYTES);
  if (!nonce || !tag) throw unreadable('the header has no valid nonce/tag');
  const ciphertext = Buffer.from(db, 'base64');

  for (const slot of slots) {
    const keyParams = isObject(slot.key_params) ? slot.key_params : {};
    const wrapped = hex(slot.key, AEGIS_KEY_BYTES);
    const slotNonce = hex(keyParams.nonce, AEGIS_NONCE_BYTES);
    const slotTag = hex(keyParams.tag, AEGIS_TAG_BYTES);
    const salt = hex(slot.salt);
    const scrypt = { N: Number(slot.n), r: Number(slot.r), p: Number(slot.p) };
    if (!wrapped || !slotNonce || !slotTag || !salt || !scryptParamsAllowed(scrypt)) continue;
    const slotKey = await deriveKey(password, salt, scrypt);
    let masterKey: Buffer;
    try {
      masterKey = open(slotKey, { ciphertext: wrapped, nonce: slotNonce, tag: slotTag });
    } catch {
      continue; // wrong password for this slot; another slot may have a different one
    } finally {
      slotKey.fill(0);
    }
    try {
      return JSON.parse(open(masterKey, { ciphertext, nonce, tag }).toString('utf8'));
    } catch {
      // The password was right (the slot opened), so the database itself is damaged.
      throw unreadable('the encrypted database is damaged');
    } finally {
      masterKey.fill(0);
    }
  }
  throw new AppError('IMPORT_WRONG_PASSWORD', 'Wrong password for this Aegis vault: nothing was imported');
}

function readDb(db: Json): ImportParseResult {
  if (typeof db.version !== 'number' || db.version < 1 || db.version > 3) throw unreadable(`unsupported database version ${String(db.version)}`);
  if (!Array.isArray(db.entries)) throw unreadable('the database has no entry list');
  if (db.entries.length > MAX_ENTRIES) throw unreadable(`more than ${MAX_ENTRIES} entries`);
  const groupNames = new Map<string, string>();
  if (Array.isArray(db.groups)) {
    for (const g of db.groups) if (isObject(g) && typeof g.uuid === 'string' && typeof g.name === 'string') groupNames.set(g.uuid, g.name);
  }
  const accounts: ImportedAccount[] = [];
  const skipped: SkippedEntry[] = [];
  for (const entry of db.entries) {
    const read = readEntry(entry, groupNames);
    if ('reason' in read) skipped.push(read);
    else accounts.push(read);
  }
  return { accounts, skipped };
}

function readEntry(entry: unknown, groupNames: Map<string, string>): ImportedAccount | SkippedEntry {
  if (!isObject(entry)) return { name: '(unnamed)', reason: 'not an entry object' };
  const label = typeof entry.name === 'string' ? entry.name : '';
  const issuer = typeof entry.issuer === 'string' ? entry.issuer : '';
  const name = issuer ? `${issuer} / ${label}` : label || '(unnamed)';
  const type = entry.type;
  if (type !== 'totp' && type !== 'hotp' && type !== 'steam') return { name, reason: `type "${String(type)}" is not supported` };
  const info = isObject(entry.info) ? entry.info : {};
  const secret = typeof info.secret === 'string' ? normalizeBase32(info.secret) : null;
  if (!secret?.ok) return { name, reason: 'the secret is missing or not base32' };
  const algorithm = typeof info.algo === 'string' ? info.algo.toUpperCase() : 'SHA1';
  if (!(HASH_ALGORITHMS as readonly string[]).includes(algorithm)) return { name, reason: `algorithm ${algorithm} is not supported` };
  const tags: string[] = [];
  if (Array.isArray(entry.groups)) {
    for (const id of entry.groups) if (typeof id === 'string' && groupNames.has(id)) tags.push(groupNames.get(id)!);
  } else if (typeof entry.group === 'string' && entry.group.trim() !== '') {
    tags.push(entry.group);
  }
  return {
    type: type as OtpType,
    issuer,
    label,
    secret: secret.value,
    algorithm: algorithm as HashAlgorithm,
    digits: typeof info.digits === 'number' ? info.digits : type === 'steam' ? 5 : 6,
    period: typeof info.period === 'number' ? info.period : 30,
    counter: type === 'hotp' && typeof info.counter === 'number' ? info.counter : 0,
    tags,
  };
}

function hex(value: unknown, bytes?: number): Buffer | null {
  if (typeof value !== 'string' || !/^(?:[0-9a-fA-F]{2})+$/.test(value)) return null;
  if (bytes !== undefined && value.length !== bytes * 2) return null;
  return Buffer.from(value, 'hex');
}
