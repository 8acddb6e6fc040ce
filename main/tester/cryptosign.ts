// WAMP-Cryptosign client side (Ed25519, as Autobahn and Crossbar do it): the private key is the
// 32-byte seed in hex; HELLO announces the public key in authextra.pubkey; the CHALLENGE's 32 random
// bytes (hex) are signed and sent back as hex(signature ‖ challenge), NaCl's "signed message" layout.
import type { KeyObject } from 'node:crypto';
import { privateKeyFromSeed, rawPublicKey, signEd25519, toHex } from '../keys/ed25519';

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
  const privateKey = privateKeyFromSeed(Buffer.from(hex.slice(0, 64), 'hex'));
  return { privateKey, publicKeyHex: toHex(rawPublicKey(privateKey)) };
}

export function signCryptosignChallenge(key: CryptosignKey, challengeHex: string): string {
  if (!/^[0-9a-fA-F]{64}$/.test(challengeHex)) throw new Error('the WAMP-Cryptosign challenge must be 32 bytes in hex');
  const challenge = Buffer.from(challengeHex, 'hex');
  return toHex(signEd25519(key.privateKey, challenge)) + challenge.toString('hex');
}
