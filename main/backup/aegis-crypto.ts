// The crypto of Aegis's vault format (docs/vault.md in beemdevelopment/Aegis), shared by the writer and
// the reader: scrypt turns the password into a key that unwraps the master key (AES-256-GCM), and the
// master key encrypts the database (AES-256-GCM again). Nonces are 12 bytes, tags 16, both stored as hex.
import { createCipheriv, createDecipheriv, scrypt } from 'node:crypto';

/** Aegis's own parameters (the same as Android's full-disk encryption): what Aegis can open on a phone. */
export const AEGIS_SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
export const AEGIS_KEY_BYTES = 32;
export const AEGIS_NONCE_BYTES = 12;
export const AEGIS_TAG_BYTES = 16;

/** Largest scrypt cost we accept from a file (2^20 needs 1 GiB at r=8): a hostile file must not exhaust memory. */
const MAX_SCRYPT_N = 2 ** 20;
const MAX_SCRYPT_R = 16;
const MAX_SCRYPT_P = 4;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

export function scryptParamsAllowed(params: ScryptParams): boolean {
  const { N, r, p } = params;
  return (
    Number.isSafeInteger(N) && N >= 2 && N <= MAX_SCRYPT_N && (N & (N - 1)) === 0 &&
    Number.isSafeInteger(r) && r >= 1 && r <= MAX_SCRYPT_R &&
    Number.isSafeInteger(p) && p >= 1 && p <= MAX_SCRYPT_P
  );
}

/** Asynchronous scrypt: runs on the libuv pool, so a backup never blocks the event loop (IPC, router). */
export function deriveKey(password: string, salt: Uint8Array, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Aegis's "repaired" password slots (every slot written since 2019) derive from the UTF-8 bytes.
    scrypt(Buffer.from(password, 'utf8'), salt, AEGIS_KEY_BYTES, { ...params, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export interface Sealed {
  ciphertext: Buffer;
  nonce: Buffer;
  tag: Buffer;
}

export function seal(key: Uint8Array, nonce: Buffer, plaintext: Uint8Array): Sealed {
  const cipher = createCipheriv('aes-256-gcm', key, nonce, { authTagLength: AEGIS_TAG_BYTES });
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { ciphertext, nonce, tag: cipher.getAuthTag() };
}

/** Throws when the key is wrong or the data was changed (GCM authentication fails). */
export function open(key: Uint8Array, sealed: Sealed): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.nonce, { authTagLength: AEGIS_TAG_BYTES });
  decipher.setAuthTag(sealed.tag);
  return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
}
