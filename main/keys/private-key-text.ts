// What `authbahn keys import` and the Import dialog accept as a private key: the 32-byte seed in hex
// (Autobahn's and Crossbar's key files, `--secret` of the tester), NaCl's 64-byte secret key (seed ‖
// public key) in hex, or an unencrypted OpenSSH Ed25519 key. Returns the seed, checked against the
// public half where the input carries one.
import { privateKeyFromSeed, rawPublicKey } from './ed25519';
import { KeyFormatError, looksLikeOpenSshKey, parseOpenSshEd25519 } from './openssh-key';

/** Far more than any key file; stops a pasted binary from being parsed at all. */
export const MAX_PRIVATE_KEY_TEXT = 16 * 1024;

export interface ParsedPrivateKey {
  seed: Uint8Array;
  format: 'hex' | 'openssh';
}

export function parsePrivateKeyText(input: string): ParsedPrivateKey {
  if (input.length > MAX_PRIVATE_KEY_TEXT) throw new KeyFormatError(`a private key is at most ${MAX_PRIVATE_KEY_TEXT} characters`);
  if (looksLikeOpenSshKey(input)) {
    const key = parseOpenSshEd25519(input);
    checkPublicHalf(key.seed, key.publicKey);
    return { seed: key.seed, format: 'openssh' };
  }
  if (input.includes('-----BEGIN')) {
    throw new KeyFormatError('only OpenSSH ("BEGIN OPENSSH PRIVATE KEY") Ed25519 keys or a 32-byte hex seed can be imported');
  }
  const hex = input.trim().toLowerCase().replace(/^0x/, '');
  if (!/^[0-9a-f]+$/.test(hex) || (hex.length !== 64 && hex.length !== 128)) {
    throw new KeyFormatError('expected an Ed25519 private key: 32 bytes in hex (64 hex digits) or an OpenSSH ed25519 private key');
  }
  const bytes = Buffer.from(hex, 'hex');
  const seed = new Uint8Array(bytes.subarray(0, 32));
  if (bytes.length === 64) checkPublicHalf(seed, new Uint8Array(bytes.subarray(32)));
  return { seed, format: 'hex' };
}

function checkPublicHalf(seed: Uint8Array, publicKey: Uint8Array): void {
  if (!Buffer.from(rawPublicKey(privateKeyFromSeed(seed))).equals(publicKey)) {
    throw new KeyFormatError('the public half of this key does not belong to its private half (damaged key)');
  }
}
