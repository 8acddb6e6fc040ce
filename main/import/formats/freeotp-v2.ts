// FreeOTP 2 encrypted backups (externalBackup.xml — despite the name, a serialized Java HashMap).
// Entries, all JSON strings:
//   "masterKey"    {mAlgorithm: "PBKDF2withHmacSHA1"|"PBKDF2withHmacSHA512", mIterations, mSalt: [bytes],
//                   mEncryptedKey: {mCipher: "AES/GCM/NoPadding", mCipherText, mParameters, mToken}}
//   "<uuid>"       {key: "<JSON of an encrypted key like mEncryptedKey>"}: the token's secret
//   "<uuid>-token" {issuerExt, label, type: "TOTP"|"HOTP", algo, digits, period, counter}
// The password gives a key by PBKDF2; it opens the master key (AES-GCM, the mToken text as associated
// data); the master key opens each token's secret the same way. mParameters is the DER encoding of
// GCMParameters: SEQUENCE { OCTET STRING nonce, INTEGER tag length in bytes }. Byte arrays are Java
// signed bytes. (Structure as in FreeOTP's source and Aegis's FreeOtpImporter.)
import { createDecipheriv, pbkdf2 } from 'node:crypto';
import { promisify } from 'node:util';
import { parseAlgorithmName } from '../../../shared/otp/params';
import { DEFAULT_PARAMS } from '../../../shared/otp/types';
import { ImportCollector, MAX_IMPORT_ENTRIES, entryName } from '../imported-account';
import { passwordRequired, unreadable, wrongPassword } from '../errors';
import { JavaSerializationError, isSerializedHashMap, readSerializedStringMap } from '../java-serialized-map';
import type { ImportFile, ImportFormat, ImportParseResult } from '../types';

const WHAT = 'This FreeOTP backup';
const MASTER_KEY_ENTRY = 'masterKey';
const TOKEN_SUFFIX = '-token';
const KDF_HASHES: Record<string, 'sha1' | 'sha512'> = { pbkdf2withhmacsha1: 'sha1', pbkdf2withhmacsha512: 'sha512' };
/** FreeOTP uses 100 000; far more would let a hostile file keep us busy for minutes. */
const MAX_ITERATIONS = 5_000_000;
const MASTER_KEY_LENGTH = 32;

const pbkdf2Async = promisify(pbkdf2);

/** Thrown for a damaged part of the file; the caller decides whether it sinks the file or one entry. */
class BadBackup extends Error {}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseJson(text: string | undefined, what: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text ?? '');
    if (isRecord(value)) return value;
  } catch {
    // reported below
  }
  throw new BadBackup(`${what} is not a JSON object`);
}

/** A JSON array of Java (signed) or unsigned byte values. */
function bytesOf(value: unknown, what: string): Uint8Array {
  if (!Array.isArray(value) || !value.every((b) => Number.isInteger(b) && (b as number) >= -128 && (b as number) <= 255)) {
    throw new BadBackup(`${what} is not a byte array`);
  }
  return Uint8Array.from(value as number[], (b) => b & 0xff);
}

interface EncryptedKey {
  cipherText: Uint8Array;
  nonce: Uint8Array;
  tagLength: number;
  aad: Uint8Array;
}

/** Nonce and tag length from DER GCMParameters (or a bare OCTET STRING, as Aegis also accepts). */
function gcmParameters(der: Uint8Array): { nonce: Uint8Array; tagLength: number } {
  // Every length here is < 128, so only DER's short length form occurs.
  const element = (at: number) => {
    const tag = der[at];
    const length = der[at + 1];
    if (tag === undefined || length === undefined || length > 127 || at + 2 + length > der.length) throw new BadBackup('Bad GCM parameters');
    return { tag, body: der.subarray(at + 2, at + 2 + length), next: at + 2 + length };
  };
  const outer = element(0);
  if (outer.tag === 0x04) return { nonce: outer.body, tagLength: 16 };
  if (outer.tag !== 0x30) throw new BadBackup('Bad GCM parameters');
  let nonce: Uint8Array | undefined;
  let tagLength = 16;
  for (let at = 2; at < outer.next; ) {
    const inner = element(at);
    if (inner.tag === 0x04 && nonce === undefined) nonce = inner.body;
    else if (inner.tag === 0x02 && inner.body.length === 1) tagLength = inner.body[0]!;
    at = inner.next;
  }
  if (nonce === undefined || nonce.length === 0 || tagLength < 12 || tagLength > 16) throw new BadBackup('Bad GCM parameters');
  return { nonce, tagLength };
}

function encryptedKeyOf(value: unknown, what: string): EncryptedKey {
  if (!isRecord(value)) throw new BadBackup(`${what} is missing`);
  if (value.mCipher !== 'AES/GCM/NoPadding') throw new BadBackup(`${what} uses an unknown cipher`);
  if (typeof value.mToken !== 'string') throw new BadBackup(`${what} has no key type`);
  const { nonce, tagLength } = gcmParameters(bytesOf(value.mParameters, `${what}'s parameters`));
  const cipherText = bytesOf(value.mCipherText, `${what}'s cipher text`);
  if (cipherText.length < tagLength) throw new BadBackup(`${what} is truncated`);
  return { cipherText, nonce, tagLength, aad: Buffer.from(value.mToken, 'utf8') };
}

/** AES-GCM open; throws (from node:crypto) when the key is wrong or the data damaged. */
function open(key: Uint8Array, sealed: EncryptedKey): Buffer {
  const algorithm = key.length === 16 ? 'aes-128-gcm' : key.length === 24 ? 'aes-192-gcm' : 'aes-256-gcm';
  const decipher = createDecipheriv(algorithm, key, sealed.nonce, { authTagLength: sealed.tagLength });
  decipher.setAAD(sealed.aad);
  const body = sealed.cipherText.subarray(0, sealed.cipherText.length - sealed.tagLength);
  decipher.setAuthTag(sealed.cipherText.subarray(sealed.cipherText.length - sealed.tagLength));
  return Buffer.concat([decipher.update(body), decipher.final()]);
}

function readEntries(bytes: Uint8Array): Map<string, string> {
  try {
    const entries = readSerializedStringMap(bytes);
    if (!entries.has(MASTER_KEY_ENTRY)) throw unreadable(WHAT, 'it has no master key');
    return entries;
  } catch (error) {
    if (error instanceof JavaSerializationError) throw unreadable(WHAT, error.message);
    throw error;
  }
}

async function unlockMasterKey(entries: Map<string, string>, password: string): Promise<Uint8Array> {
  try {
    const master = parseJson(entries.get(MASTER_KEY_ENTRY), 'The master key');
    const hash = typeof master.mAlgorithm === 'string' ? KDF_HASHES[master.mAlgorithm.toLowerCase()] : undefined;
    if (hash === undefined) throw new BadBackup(`Unknown key derivation ${JSON.stringify(String(master.mAlgorithm).slice(0, 40))}`);
    const iterations = master.mIterations;
    if (typeof iterations !== 'number' || !Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS) {
      throw new BadBackup('The key derivation iteration count is out of range');
    }
    const salt = bytesOf(master.mSalt, 'The salt');
    const sealed = encryptedKeyOf(master.mEncryptedKey, 'The master key');
    const passwordKey = await pbkdf2Async(Buffer.from(password, 'utf8'), salt, iterations, MASTER_KEY_LENGTH, hash);
    try {
      return open(passwordKey, sealed);
    } catch {
      throw wrongPassword(WHAT);
    }
  } catch (error) {
    if (error instanceof BadBackup) throw unreadable(WHAT, error.message);
    throw error;
  }
}

/** One token: its metadata and its secret, opened with the master key. */
function addToken(out: ImportCollector, masterKey: Uint8Array, keyEntry: string, tokenEntry: string | undefined): void {
  let token: Record<string, unknown> = {};
  try {
    token = parseJson(tokenEntry, 'The token');
    const wrapper = parseJson(keyEntry, 'The token key');
    const sealed = encryptedKeyOf(typeof wrapper.key === 'string' ? parseJson(wrapper.key, 'The token key') : undefined, 'The token key');
    let secret: Uint8Array;
    try {
      secret = open(masterKey, sealed);
    } catch {
      throw new BadBackup('its secret does not decrypt with the master key');
    }
    const kind = typeof token.type === 'string' ? token.type.toLowerCase() : '';
    const issuer = typeof token.issuerExt === 'string' ? token.issuerExt : '';
    if (kind !== 'totp' && kind !== 'hotp') throw new BadBackup(`Unknown token type ${JSON.stringify(String(token.type).slice(0, 20))}`);
    // FreeOTP omits the parameters it leaves at their defaults (a null "algo" in some versions).
    const algorithm = typeof token.algo === 'string' ? parseAlgorithmName(token.algo) : DEFAULT_PARAMS.algorithm;
    if (algorithm === undefined) throw new BadBackup(`Unsupported algorithm ${JSON.stringify(String(token.algo).slice(0, 20))}`);
    out.add({
      // FreeOTP has no Steam type; like Aegis, a TOTP token issued by "Steam" is taken as Steam Guard.
      type: kind === 'hotp' ? 'hotp' : issuer === 'Steam' ? 'steam' : 'totp',
      issuer,
      label: token.label,
      secret,
      algorithm,
      digits: token.digits ?? DEFAULT_PARAMS.digits,
      period: token.period ?? DEFAULT_PARAMS.period,
      counter: kind === 'hotp' ? (token.counter ?? 0) : 0,
    });
  } catch (error) {
    if (!(error instanceof BadBackup)) throw error;
    out.skip(entryName(token.issuerExt, token.label), error.message);
  }
}

export const freeOtpV2: ImportFormat = {
  id: 'freeotp2',
  label: 'FreeOTP 2 encrypted backup',

  detect(file: ImportFile): number {
    if (!isSerializedHashMap(file.bytes)) return 0;
    return Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength).includes('mEncryptedKey', 0, 'latin1') ? 100 : 0;
  },

  needsPassword(): boolean {
    return true;
  },

  async parse(file: ImportFile, password: string | null): Promise<ImportParseResult> {
    const entries = readEntries(file.bytes);
    if (password === null) throw passwordRequired(WHAT);
    const masterKey = await unlockMasterKey(entries, password);
    const out = new ImportCollector();
    let tokens = 0;
    for (const [name, value] of entries) {
      if (name === MASTER_KEY_ENTRY || name.endsWith(TOKEN_SUFFIX)) continue;
      if (++tokens > MAX_IMPORT_ENTRIES) throw unreadable(WHAT, `it has more than ${MAX_IMPORT_ENTRIES} accounts`);
      addToken(out, masterKey, value, entries.get(`${name}${TOKEN_SUFFIX}`));
    }
    return out.result();
  },
};
