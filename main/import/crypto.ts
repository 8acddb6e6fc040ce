// The ciphers and key derivations other authenticators use for their exports, over node:crypto.
// Decryption results are null when the key is wrong (GCM tag mismatch, bad CBC padding), so formats
// can tell "wrong password" from "damaged file" themselves.
import { createDecipheriv, createHash, pbkdf2, scrypt } from 'node:crypto';
import { promisify } from 'node:util';

const pbkdf2Async = promisify(pbkdf2);
const scryptAsync = promisify(scrypt) as (password: Uint8Array | string, salt: Uint8Array, keylen: number, options: object) => Promise<Buffer>;

/** Upper bounds on attacker-chosen KDF parameters: a crafted file must not pin the CPU or eat memory. */
export const MAX_PBKDF2_ITERATIONS = 10_000_000;
const MAX_SCRYPT_MEMORY = 512 * 1024 * 1024;

export async function pbkdf2Key(password: string, salt: Uint8Array, iterations: number, keyLength: number, digest: 'sha1' | 'sha256' | 'sha512'): Promise<Uint8Array> {
  if (!Number.isSafeInteger(iterations) || iterations < 1 || iterations > MAX_PBKDF2_ITERATIONS) {
    throw new RangeError(`PBKDF2 iteration count out of range: ${iterations}`);
  }
  return new Uint8Array(await pbkdf2Async(Buffer.from(password, 'utf8'), salt, iterations, keyLength, digest));
}

export async function scryptKey(password: string, salt: Uint8Array, n: number, r: number, p: number, keyLength: number): Promise<Uint8Array> {
  const memory = 128 * n * r + 128 * r * p;
  if (!Number.isSafeInteger(n) || n < 2 || (n & (n - 1)) !== 0 || r < 1 || p < 1 || r * p >= 1 << 30 || memory > MAX_SCRYPT_MEMORY) {
    throw new RangeError('scrypt parameters out of range');
  }
  return new Uint8Array(await scryptAsync(Buffer.from(password, 'utf8'), salt, keyLength, { N: n, r, p, maxmem: memory * 2 }));
}

export function sha256(data: Uint8Array | string): Uint8Array {
  return new Uint8Array(createHash('sha256').update(data).digest());
}

function aesGcmName(key: Uint8Array): 'aes-128-gcm' | 'aes-192-gcm' | 'aes-256-gcm' {
  if (key.length === 16) return 'aes-128-gcm';
  if (key.length === 24) return 'aes-192-gcm';
  if (key.length === 32) return 'aes-256-gcm';
  throw new RangeError(`AES key length ${key.length}`);
}

/** AES-GCM with a 16-byte tag; null when the tag does not match (wrong key or altered data). */
export function aesGcmDecrypt(key: Uint8Array, iv: Uint8Array, ciphertext: Uint8Array, tag: Uint8Array, aad?: Uint8Array): Uint8Array | null {
  if (tag.length !== 16 || iv.length === 0) return null;
  try {
    const decipher = createDecipheriv(aesGcmName(key), key, iv, { authTagLength: 16 });
    if (aad !== undefined) decipher.setAAD(aad);
    decipher.setAuthTag(tag);
    return new Uint8Array(Buffer.concat([decipher.update(ciphertext), decipher.final()]));
  } catch {
    return null;
  }
}

/** AES-GCM where the tag is the last 16 bytes of `data` (Java's Cipher output). */
export function aesGcmDecryptTagged(key: Uint8Array, iv: Uint8Array, data: Uint8Array, aad?: Uint8Array): Uint8Array | null {
  if (data.length < 16) return null;
  return aesGcmDecrypt(key, iv, data.subarray(0, data.length - 16), data.subarray(data.length - 16), aad);
}

/** AES-CBC with PKCS#7 padding; null when the padding is wrong (almost always a wrong key). */
export function aesCbcDecrypt(key: Uint8Array, iv: Uint8Array, data: Uint8Array): Uint8Array | null {
  if (data.length === 0 || data.length % 16 !== 0 || iv.length !== 16) return null;
  const name = key.length === 16 ? 'aes-128-cbc' : key.length === 24 ? 'aes-192-cbc' : key.length === 32 ? 'aes-256-cbc' : undefined;
  if (name === undefined) return null;
  try {
    const decipher = createDecipheriv(name, key, iv);
    return new Uint8Array(Buffer.concat([decipher.update(data), decipher.final()]));
  } catch {
    return null;
  }
}

/** Strict base64 (standard or URL-safe alphabet, padding optional, whitespace ignored); undefined if not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const cleaned = text.replace(/\s+/g, '').replace(/\\\//g, '/');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(cleaned)) return undefined;
  const bare = cleaned.replace(/=+$/, '');
  if (bare.length % 4 === 1) return undefined;
  return new Uint8Array(Buffer.from(bare.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
}

export function decodeHex(text: string): Uint8Array | undefined {
  const t = text.trim();
  if (t.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(t)) return undefined;
  return new Uint8Array(Buffer.from(t, 'hex'));
}
