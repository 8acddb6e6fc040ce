// Shared helpers for the account service tests: temp data folders, a controllable clock, reference OTP.
import { createHmac } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { SecretStore } from '../../../main/vault/secret-store';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';

const dirs: string[] = [];

/** A fresh temp folder, removed after the test. */
export async function tempDir(prefix = 'authbahn-unit-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

export class Clock {
  constructor(public ms = Date.UTC(2025, 0, 1)) {}
  now = (): number => this.ms;
}

/** Sequential ids make assertions readable. */
export function idSequence(prefix = 'acc'): () => string {
  let n = 0;
  return () => `${prefix}${++n}`;
}

/** A store that fails on the n-th set (1-based), for rollback tests; everything else works. */
export class FailingSecretStore extends MemorySecretStore implements SecretStore {
  sets = 0;
  constructor(
    private readonly failOnSet: number,
    private readonly failDeletes = false,
  ) {
    super('failing (tests)');
  }
  override async set(key: string, secret: string): Promise<void> {
    this.sets += 1;
    if (this.sets === this.failOnSet) throw Object.assign(new Error('keychain write refused'), { code: 'KEYCHAIN_ERROR' });
    return super.set(key, secret);
  }
  override async delete(key: string): Promise<boolean> {
    if (this.failDeletes) throw Object.assign(new Error('keychain delete refused'), { code: 'KEYCHAIN_ERROR' });
    return super.delete(key);
  }
}

// --- Independent reference implementation (RFC 4226/6238) over node:crypto, to check the services against.

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function base32Decode(b32: string): Buffer {
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const ch of b32.replace(/=+$/, '').toUpperCase()) {
    value = (value << 5) | B32.indexOf(ch);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

export function refHotp(secretB32: string, counter: number, algorithm = 'sha1', digits = 6): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac(algorithm, base32Decode(secretB32)).update(msg).digest();
  const offset = mac[mac.length - 1]! & 0x0f;
  const bin = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(bin).padStart(digits, '0');
}

/** Steam Guard: the RFC 4226 dynamic truncation, then 5 characters of a 26-letter alphabet, least significant first. */
export function refSteam(secretB32: string, atMs: number, period = 30): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(Math.floor(atMs / 1000 / period)));
  const mac = createHmac('sha1', base32Decode(secretB32)).update(msg).digest();
  let value = mac.readUInt32BE(mac[19]! & 0x0f) & 0x7fffffff;
  const alphabet = '23456789BCDFGHJKMNPQRTVWXY';
  let out = '';
  for (let i = 0; i < 5; i++) {
    out += alphabet[value % alphabet.length];
    value = Math.floor(value / alphabet.length);
  }
  return out;
}

export function refTotp(secretB32: string, atMs: number, period = 30, algorithm = 'sha1', digits = 6): string {
  return refHotp(secretB32, Math.floor(atMs / 1000 / period), algorithm, digits);
}

/** Well-formed test secrets (160 bits each). */
export const SECRET_A = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
export const SECRET_B = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
export const SECRET_C = 'MFRGGZDFMZTWQ2LKNNWG23TPOBYXE43U';
