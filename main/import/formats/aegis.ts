// Aegis vault export (https://github.com/beemdevelopment/Aegis/blob/master/docs/vault.md):
//   { version: 1, header: { slots, params }, db }
// Plain: header.slots is null and db is the object. Encrypted: db is base64 of AES-256-GCM ciphertext
// under a random master key (nonce/tag in header.params); each slot holds that master key encrypted
// with another key. Password slots (type 1) derive theirs with scrypt(password, salt, n, r, p) — we try
// every password slot; biometric (2) and raw (0) slots cannot be opened off the phone.
// db.version 1 has no groups; version 2 names one group per entry (entry.group); version 3 lists
// db.groups [{uuid, name}] and entries reference them by uuid (entry.groups). Groups become tags.
import { ImportCollector, entryName } from '../imported-account';
import { aesGcmDecrypt, decodeBase64, decodeHex, scryptKey } from '../crypto';
import { passwordRequired, unreadable, wrongPassword } from '../errors';
import { isObject, num, parseJson, readJson, str, type JsonObject } from '../text';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const LABEL = 'Aegis vault';
const WHAT = `This ${LABEL} file`;
const PASSWORD_SLOT = 1;
const SUPPORTED_TYPES = new Set(['totp', 'hotp', 'steam']);

function vault(file: ImportFile): JsonObject | undefined {
  const json = readJson(file.bytes);
  if (!isObject(json) || !isObject(json.header) || !('slots' in json.header) || !('db' in json)) return undefined;
  return json;
}

async function decryptDb(root: JsonObject, password: string): Promise<unknown> {
  const header = root.header as JsonObject;
  const slots = Array.isArray(header.slots) ? header.slots.filter(isObject) : [];
  const params = isObject(header.params) ? header.params : {};
  const dbNonce = decodeHex(str(params.nonce) ?? '');
  const dbTag = decodeHex(str(params.tag) ?? '');
  const db = decodeBase64(str(root.db) ?? '');
  if (dbNonce === undefined || dbTag === undefined || db === undefined) throw unreadable(WHAT, 'its encryption header is damaged');
  const passwordSlots = slots.filter((s) => s.type === PASSWORD_SLOT);
  if (passwordSlots.length === 0) throw unreadable(WHAT, 'it has no password slot (it can only be unlocked with biometrics on the phone)');

  for (const slot of passwordSlots) {
    const keyParams = isObject(slot.key_params) ? slot.key_params : {};
    const salt = decodeHex(str(slot.salt) ?? '');
    const encryptedKey = decodeHex(str(slot.key) ?? '');
    const nonce = decodeHex(str(keyParams.nonce) ?? '');
    const tag = decodeHex(str(keyParams.tag) ?? '');
    const n = num(slot.n);
    const r = num(slot.r);
    const p = num(slot.p);
    if (!salt || !encryptedKey || !nonce || !tag || n === undefined || r === undefined || p === undefined) continue;
    let slotKey: Uint8Array;
    try {
      slotKey = await scryptKey(password, salt, n, r, p, 32);
    } catch {
      throw unreadable(WHAT, 'its password slot has unusable scrypt parameters');
    }
    const masterKey = aesGcmDecrypt(slotKey, nonce, encryptedKey, tag);
    if (masterKey === null) continue;
    const plain = aesGcmDecrypt(masterKey, dbNonce, db, dbTag);
    if (plain === null) throw unreadable(WHAT, 'the password is right but the vault content is damaged');
    const parsed = parseJson(new TextDecoder().decode(plain));
    if (parsed === undefined) throw unreadable(WHAT, 'the decrypted vault is not JSON');
    return parsed;
  }
  throw wrongPassword(WHAT);
}

function groupNames(db: JsonObject): Map<string, string> {
  const names = new Map<string, string>();
  if (Array.isArray(db.groups)) {
    for (const g of db.groups) {
      if (isObject(g) && typeof g.uuid === 'string' && typeof g.name === 'string') names.set(g.uuid, g.name);
    }
  }
  return names;
}

function entryTags(entry: JsonObject, groups: Map<string, string>): string[] {
  const tags: string[] = [];
  if (typeof entry.group === 'string' && entry.group.trim() !== '') tags.push(entry.group);
  if (Array.isArray(entry.groups)) {
    for (const id of entry.groups) {
      const name = typeof id === 'string' ? groups.get(id) : undefined;
      if (name !== undefined) tags.push(name);
    }
  }
  return tags;
}

export function readAegisDb(db: unknown): ImportParseResult {
  if (!isObject(db) || !Array.isArray(db.entries)) throw unreadable(WHAT, 'it has no list of entries');
  const groups = groupNames(db);
  const out = new ImportCollector();
  for (const entry of db.entries) {
    if (!isObject(entry)) {
      out.skip(entryName(undefined, undefined), 'The entry is not an object');
      continue;
    }
    const issuer = str(entry.issuer);
    const label = str(entry.name);
    const type = str(entry.type)?.toLowerCase() ?? '';
    if (!SUPPORTED_TYPES.has(type)) {
      out.skip(entryName(issuer, label), `Unsupported OTP type "${type.slice(0, 20)}"`);
      continue;
    }
    const info = isObject(entry.info) ? entry.info : {};
    out.add({
      type: type as 'totp' | 'hotp' | 'steam',
      issuer,
      label,
      secret: str(info.secret),
      algorithm: str(info.algo),
      digits: num(info.digits),
      period: type === 'hotp' ? undefined : num(info.period),
      counter: type === 'hotp' ? num(info.counter) : undefined,
      tags: entryTags(entry, groups),
    });
  }
  return out.result();
}

export const aegisFormat: ImportFormat = {
  id: 'aegis',
  label: 'Aegis vault (JSON, plain or encrypted)',

  detect(file) {
    const root = vault(file);
    if (root === undefined) return 0;
    return root.version === 1 && (isObject(root.db) || typeof root.db === 'string') ? 100 : 10;
  },

  needsPassword(file) {
    return typeof vault(file)?.db === 'string';
  },

  async parse(file, password) {
    const root = vault(file);
    if (root === undefined) throw unreadable(WHAT, 'it is not an Aegis vault');
    if (typeof root.db === 'string') {
      if (password === null) throw passwordRequired(WHAT);
      return readAegisDb(await decryptDb(root, password));
    }
    return readAegisDb(root.db);
  },
};
