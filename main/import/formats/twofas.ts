// 2FAS Authenticator backup (.2fas, earlier .json): { schemaVersion, services: [...], groups: [...] }.
// Schema 1 stores only the secret and names (every entry is TOTP SHA1/6/30). Schema 2 adds digits,
// period and algorithm but no token type (HOTP entries were exported as TOTP). Schemas 3 and 4 add
// otp.tokenType (TOTP/HOTP/STEAM) and otp.counter. services[].groupId points into groups → tags.
// Encrypted backups keep `services` empty and put them in servicesEncrypted = "DATA:SALT:IV" (base64
// each): AES-256-GCM (tag at the end of DATA) under PBKDF2-HMAC-SHA256(password, SALT, 10 000).
import { ImportCollector, entryName } from '../imported-account';
import { aesGcmDecryptTagged, decodeBase64, pbkdf2Key } from '../crypto';
import { passwordRequired, unreadable, wrongPassword } from '../errors';
import { isObject, num, parseJson, readJson, str, type JsonObject } from '../text';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const LABEL = '2FAS backup';
const WHAT = `This ${LABEL} file`;
const ITERATIONS = 10_000;

function backup(file: ImportFile): JsonObject | undefined {
  const json = readJson(file.bytes);
  if (!isObject(json) || !Array.isArray(json.services) || typeof json.schemaVersion !== 'number') return undefined;
  return json;
}

function isEncrypted(root: JsonObject): boolean {
  return typeof root.servicesEncrypted === 'string' && root.servicesEncrypted !== '';
}

async function decryptServices(encrypted: string, password: string): Promise<unknown[]> {
  const [data, salt, iv] = encrypted.split(':').map((part) => decodeBase64(part));
  if (!data || !salt || !iv || data.length < 16 || salt.length === 0 || iv.length === 0) throw unreadable(WHAT, 'its encrypted part is damaged');
  const key = await pbkdf2Key(password, salt, ITERATIONS, 32, 'sha256');
  const plain = aesGcmDecryptTagged(key, iv, data);
  if (plain === null) throw wrongPassword(WHAT);
  const services = parseJson(new TextDecoder().decode(plain));
  if (!Array.isArray(services)) throw unreadable(WHAT, 'the decrypted services are not a list');
  return services;
}

function readServices(services: unknown[], groups: unknown): ImportParseResult {
  const groupNames = new Map<string, string>();
  if (Array.isArray(groups)) {
    for (const g of groups) if (isObject(g) && typeof g.id === 'string' && typeof g.name === 'string') groupNames.set(g.id, g.name);
  }
  const out = new ImportCollector();
  for (const service of services) {
    if (!isObject(service)) {
      out.skip(entryName(undefined, undefined), 'The entry is not an object');
      continue;
    }
    const otp = isObject(service.otp) ? service.otp : {};
    // The service name is what 2FAS shows as the issuer (the user may have renamed it).
    const issuer = str(service.name)?.trim() || str(otp.issuer);
    const label = str(otp.account);
    const tokenType = str(otp.tokenType)?.toUpperCase();
    const type = tokenType === undefined || tokenType === 'TOTP' ? 'totp' : tokenType === 'HOTP' ? 'hotp' : tokenType === 'STEAM' ? 'steam' : undefined;
    if (type === undefined) {
      out.skip(entryName(issuer, label), `Unsupported token type "${tokenType!.slice(0, 20)}"`);
      continue;
    }
    const group = typeof service.groupId === 'string' ? groupNames.get(service.groupId) : undefined;
    out.add({
      type,
      issuer,
      label,
      secret: str(service.secret),
      algorithm: str(otp.algorithm),
      digits: num(otp.digits),
      period: num(otp.period),
      counter: type === 'hotp' ? (num(otp.counter) ?? 0) : undefined,
      tags: group === undefined ? [] : [group],
    });
  }
  return out.result();
}

export const twofasFormat: ImportFormat = {
  id: '2fas',
  label: '2FAS backup (.2fas/.json, plain or encrypted)',

  detect(file) {
    return backup(file) === undefined ? 0 : 100;
  },

  needsPassword(file) {
    const root = backup(file);
    return root !== undefined && isEncrypted(root);
  },

  async parse(file, password) {
    const root = backup(file);
    if (root === undefined) throw unreadable(WHAT, 'it is not a 2FAS backup');
    if (isEncrypted(root)) {
      if (password === null) throw passwordRequired(WHAT);
      return readServices(await decryptServices(root.servicesEncrypted as string, password), root.groups);
    }
    return readServices(root.services as unknown[], root.groups);
  },
};
