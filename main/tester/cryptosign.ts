// WAMP-Cryptosign client side (Ed25519, as Autobahn and Crossbar do it): the private key is the
// 32-byte seed in hex; HELLO announces the public key in authextra.pubkey; the CHALLENGE's 32 random
// bytes (hex) are signed and sent back as hex(signature ‖ challenge), NaCl's "signed message" layout.
import { createPrivateKey, createPublicKey, sign, type KeyObject } from 'node:crypto';

/** DER prefix of a PKCS#8 Ed25519 private key; the 32-byte seed follows. */
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

export interface CryptosignKey {
  privateKey: KeyObject;
  publicKeyHex: string;
}

/** From a 64-hex-digit seed (or NaCl's 128-hex-digit seed ‖ public key). Throws a readable error otherwise. */
export function cryptosignKeyFromHex(text: string): CryptosignKey {
  const hex = text.trim().toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]+$/.test(hex) || (hex.length !== 64 && hex.length !== 128)) {
    throw new Error('a WAMP-Cryptosign private key is 32 bytes in hex (64 hex digits)');
  }
  const seed = Buffer.from(hex.slice(0, 64), 'hex');
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { privateKey, publicKeyHex: Buffer.from(spki.subarray(spki.length - 32)).toString('hex') };
}

export function signCryptosignChallenge(key: CryptosignKey, challengeHex: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(challengeHex)) throw new Error('the WAMP-Cryptosign challenge must be 32 bytes in hex');
  const challenge = Buffer.from(challengeHex, 'hex');
  const signature = sign(null, challenge, key.privateKey);
  return Buffer.concat([signature, challenge]).toString('hex');
}
