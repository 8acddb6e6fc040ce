// Reads the Ed25519 seed out of an OpenSSH private key file ("-----BEGIN OPENSSH PRIVATE KEY-----",
// what `ssh-keygen -t ed25519` writes; PROTOCOL.key in OpenSSH). Only unencrypted keys: decrypting
// would need bcrypt-pbkdf and the user's passphrase, and an encrypted key gets a clear error saying
// how to make an unencrypted copy instead. Every length is checked against what is left, so a
// damaged file is an error, never a read past the end.

const BEGIN = '-----BEGIN OPENSSH PRIVATE KEY-----';
const END = '-----END OPENSSH PRIVATE KEY-----';
const MAGIC = Buffer.from('openssh-key-v1\0', 'latin1');

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyFormatError';
  }
}

export const looksLikeOpenSshKey = (text: string): boolean => text.includes(BEGIN);

export interface OpenSshEd25519 {
  seed: Uint8Array;
  publicKey: Uint8Array;
  comment: string;
}

class Reader {
  private offset = 0;
  constructor(private readonly data: Buffer) {}

  uint32(what: string): number {
    if (this.offset + 4 > this.data.length) throw new KeyFormatError(`the OpenSSH key is truncated (at ${what})`);
    const value = this.data.readUInt32BE(this.offset);
    this.offset += 4;
    return value;
  }

  bytes(what: string): Buffer {
    const length = this.uint32(what);
    if (length > this.data.length - this.offset) throw new KeyFormatError(`the OpenSSH key is truncated (at ${what})`);
    const value = this.data.subarray(this.offset, this.offset + length);
    this.offset += length;
    return value;
  }

  text(what: string): string {
    return this.bytes(what).toString('utf8');
  }

  rest(): Buffer {
    return this.data.subarray(this.offset);
  }
}

export function parseOpenSshEd25519(text: string): OpenSshEd25519 {
  const start = text.indexOf(BEGIN);
  const end = text.indexOf(END, start);
  if (start < 0 || end < 0) throw new KeyFormatError(`an OpenSSH private key starts with "${BEGIN}" and ends with "${END}"`);
  const body = text.slice(start + BEGIN.length, end).replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) throw new KeyFormatError('the OpenSSH key is not valid base64');
  const data = Buffer.from(body, 'base64');
  if (data.length < MAGIC.length || !data.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new KeyFormatError('not an OpenSSH private key (the "openssh-key-v1" header is missing)');
  }
  const outer = new Reader(data.subarray(MAGIC.length));
  const cipher = outer.text('cipher name');
  const kdf = outer.text('kdf name');
  outer.bytes('kdf options');
  if (cipher !== 'none' || kdf !== 'none') {
    throw new KeyFormatError(
      `this OpenSSH key is encrypted with a passphrase (${cipher}); import an unencrypted copy: ` +
        'cp KEY /tmp/key && ssh-keygen -p -N "" -f /tmp/key, then import /tmp/key and delete it',
    );
  }
  const count = outer.uint32('number of keys');
  if (count !== 1) throw new KeyFormatError(`the OpenSSH file holds ${count} keys; import a file with exactly one`);
  const publicBlob = new Reader(outer.bytes('public key'));
  const publicType = publicBlob.text('public key type');
  if (publicType !== 'ssh-ed25519') throw new KeyFormatError(`this is an ${publicType} key; WAMP-Cryptosign needs an Ed25519 key (ssh-keygen -t ed25519)`);
  const inner = new Reader(outer.bytes('private section'));
  if (inner.uint32('check') !== inner.uint32('check')) throw new KeyFormatError('the OpenSSH key is damaged (its check numbers differ)');
  const type = inner.text('key type');
  if (type !== 'ssh-ed25519') throw new KeyFormatError(`this is an ${type} key; WAMP-Cryptosign needs an Ed25519 key (ssh-keygen -t ed25519)`);
  const publicKey = inner.bytes('public key');
  const secret = inner.bytes('private key');
  const comment = inner.text('comment');
  // OpenSSH's Ed25519 private key is seed ‖ public key, as in NaCl.
  if (publicKey.length !== 32 || secret.length !== 64 || !secret.subarray(32).equals(publicKey)) {
    throw new KeyFormatError('the OpenSSH key is damaged (its Ed25519 key lengths or halves do not match)');
  }
  const padding = inner.rest();
  if (padding.length >= 8 || padding.some((b, i) => b !== i + 1)) throw new KeyFormatError('the OpenSSH key is damaged (bad padding)');
  return { seed: new Uint8Array(secret.subarray(0, 32)), publicKey: new Uint8Array(publicKey), comment };
}
