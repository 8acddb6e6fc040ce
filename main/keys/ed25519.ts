// Ed25519 with node:crypto only (no extra package): keys are kept as their 32-byte seed (what the
// keychain stores, what WAMP-Cryptosign and NaCl call the private key) and turned into KeyObjects here.
// Node's Ed25519 is RFC 8032 "pure" Ed25519, the same as libsodium/tweetnacl's crypto_sign.
import { createPrivateKey, createPublicKey, randomBytes, sign, verify, type KeyObject } from 'node:crypto';

export const SEED_BYTES = 32;
export const PUBLIC_KEY_BYTES = 32;
export const SIGNATURE_BYTES = 64;

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
/** DER prefix of an SPKI Ed25519 public key; the 32-byte key follows. */
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** A fresh random seed (an Ed25519 private key is exactly 32 random bytes). */
export function newSeed(): Uint8Array {
  return new Uint8Array(randomBytes(SEED_BYTES));
}

export function privateKeyFromSeed(seed: Uint8Array): KeyObject {
  if (seed.length !== SEED_BYTES) throw new Error(`an Ed25519 private key (seed) is ${SEED_BYTES} bytes, not ${seed.length}`);
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** The raw 32-byte public key of a private key. */
export function rawPublicKey(privateKey: KeyObject): Uint8Array {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(spki.length - PUBLIC_KEY_BYTES));
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== PUBLIC_KEY_BYTES) throw new Error(`an Ed25519 public key is ${PUBLIC_KEY_BYTES} bytes, not ${raw.length}`);
  return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
}

export function signEd25519(privateKey: KeyObject, message: Uint8Array): Uint8Array {
  return new Uint8Array(sign(null, message, privateKey));
}

/** False for a wrong signature; never throws for a well-formed key (malformed input is simply not valid). */
export function verifyEd25519(publicKey: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== SIGNATURE_BYTES) return false;
  try {
    return verify(null, message, publicKey, signature);
  } catch {
    return false;
  }
}

/** 64 lowercase hex digits: how WAMP-Cryptosign (authextra.pubkey, authorized_keys) writes a public key. */
export const PUBLIC_KEY_HEX = /^[0-9a-f]{64}$/;

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
