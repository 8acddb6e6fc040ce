// Private key input for `authbahn keys import` / the Import dialog: hex seeds and OpenSSH ed25519 keys.
// The OpenSSH fixtures were made for this test with ssh-keygen (they guard nothing); the expected public
// key of PLAIN is what Autobahn|Python's CryptosignKey.from_ssh_file() reports for the same file.
import { describe, expect, it } from 'vitest';
import { privateKeyFromSeed, rawPublicKey, toHex } from '../../../main/keys/ed25519';
import { parseOpenSshEd25519 } from '../../../main/keys/openssh-key';
import { parsePrivateKeyText } from '../../../main/keys/private-key-text';

const PLAIN = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW
QyNTUxOQAAACAgA4752uuZqBd2pjLEV2jqxeQMWDb4dMXrCYHc8k7igAAAAJDuVV2m7lVd
pgAAAAtzc2gtZWQyNTUxOQAAACAgA4752uuZqBd2pjLEV2jqxeQMWDb4dMXrCYHc8k7igA
AAAED6OIU7F2IHiZ0sVobRZ0bnPgTeumXF1HhDcDtTBVaNTCADjvna65moF3amMsRXaOrF
5AxYNvh0xesJgdzyTuKAAAAADXRlc3RAYXV0aGJhaG4=
-----END OPENSSH PRIVATE KEY-----
`;
const PLAIN_PUBLIC = '20038ef9daeb99a81776a632c45768eac5e40c5836f874c5eb0981dcf24ee280';
const ENCRYPTED = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABD4BKzLqZ
jbMsv6ctvpAGMDAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIAzc9L5DPvCVJKOw
CH4mXAg8smH1DygEmoKJnBzZLCq4AAAAkMRTA0TJXwDiJapmf+gDMfULNthpL5DTVP6g/z
MxnDcOzTve4QNp2n0wpSfGKO0NUwIowZmlPtOMdCmg4K5+lkE30GRWi74loefRV8E/Wpxm
HLkZfMBFlN6V4+jal1g/T+FrUet7nj8qtyy/yUFppM12fCBsRzyOMILhEB4aXlDxMEvYvt
+QdH3AH8NUk0pQGA==
-----END OPENSSH PRIVATE KEY-----
`;
const ECDSA = `-----BEGIN OPENSSH PRIVATE KEY-----
b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAaAAAABNlY2RzYS
1zaGEyLW5pc3RwMjU2AAAACG5pc3RwMjU2AAAAQQRHxoBHHwqrkB2ilrkDemoztmLwn6Wh
zD6sVeehAsK6LPFoagiegJyMqbNfYKLJ1Mxh9bCT5VmXijOHYmtKQyNSAAAAoEWu/IBFrv
yAAAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEfGgEcfCquQHaKW
uQN6ajO2YvCfpaHMPqxV56ECwros8WhqCJ6AnIyps19gosnUzGH1sJPlWZeKM4dia0pDI1
IAAAAhAIXxKKcka5D5SqfSOaBofc+m4PEbWSILr9l1iJnEll+tAAAAB3Jvb3RAdm0=
-----END OPENSSH PRIVATE KEY-----
`;

const publicOf = (seed: Uint8Array) => toHex(rawPublicKey(privateKeyFromSeed(seed)));

describe('OpenSSH ed25519 private keys', () => {
  it('reads the seed of an unencrypted key (same public key as Autobahn|Python)', () => {
    const key = parseOpenSshEd25519(PLAIN);
    expect(key.comment).toBe('test@authbahn');
    expect(toHex(key.publicKey)).toBe(PLAIN_PUBLIC);
    expect(publicOf(key.seed)).toBe(PLAIN_PUBLIC);
    const parsed = parsePrivateKeyText(`\n${PLAIN}\n`);
    expect(parsed.format).toBe('openssh');
    expect(publicOf(parsed.seed)).toBe(PLAIN_PUBLIC);
  });

  it('refuses encrypted keys, other key types and damaged files with a clear message', () => {
    expect(() => parsePrivateKeyText(ENCRYPTED)).toThrow(/encrypted with a passphrase \(aes256-ctr\); import an unencrypted copy/);
    expect(() => parsePrivateKeyText(ECDSA)).toThrow(/ecdsa-sha2-nistp256 key; WAMP-Cryptosign needs an Ed25519 key/);
    const lines = PLAIN.split('\n');
    expect(() => parsePrivateKeyText([lines[0], lines[1], lines[2], lines.at(-2)].join('\n'))).toThrow(/truncated|damaged/);
    expect(() => parsePrivateKeyText(PLAIN.replace('b3BlbnNzaC1rZXktdjEA', 'c3BlbnNzaC1rZXktdjEA'))).toThrow(/openssh-key-v1/);
    expect(() => parsePrivateKeyText('-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2VwBCIEIA==\n-----END PRIVATE KEY-----')).toThrow(/only OpenSSH/);
  });
});

describe('hex private keys', () => {
  it('takes a 32-byte seed (any case, 0x, whitespace) and NaCl\'s seed ‖ public key', () => {
    const seed = '9d'.repeat(32);
    const pub = publicOf(Buffer.from(seed, 'hex'));
    expect(publicOf(parsePrivateKeyText(` 0x${seed.toUpperCase()}\n`).seed)).toBe(pub);
    expect(publicOf(parsePrivateKeyText(seed + pub).seed)).toBe(pub);
    expect(() => parsePrivateKeyText(seed + '00'.repeat(32))).toThrow(/public half of this key does not belong/);
    expect(() => parsePrivateKeyText('abc')).toThrow(/32 bytes in hex/);
  });
});
