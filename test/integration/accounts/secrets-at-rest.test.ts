// Real keychain + real files: secrets end up in the Secret Service and nowhere in the data folder.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { base32ToBytes, bytesToBase32 } from '../../../shared/otp/base32';
import { formatMigrationUris } from '../../../shared/otp/migration';
import { createServices, type Services } from '../../../main/services';
import { requireKeyringSession, secretToolLookup } from '../keyring-env';

let service: string;
const cleanups: (() => Promise<void>)[] = [];

beforeAll(() => {
  service = requireKeyringSession();
});

afterEach(async () => {
  for (const fn of cleanups.splice(0).reverse()) await fn();
});

async function start(): Promise<{ services: Services; dataDir: string }> {
  const dataDir = join(await mkdtemp(join(tmpdir(), 'authbahn-it-')), 'data');
  const services = await createServices({ dataDir, keychainService: service, mode: 'web', clipboard: null, version: 'test' });
  cleanups.push(async () => {
    await services.dispose();
    await rm(join(dataDir, '..'), { recursive: true, force: true });
  });
  return { services, dataDir };
}

/** Every way a secret could show up in a file: base32 (any case), hex, base64 of its bytes. */
function spellings(secretB32: string): string[] {
  const bytes = Buffer.from(base32ToBytes(secretB32));
  return [secretB32, secretB32.toLowerCase(), bytes.toString('hex'), bytes.toString('base64').replace(/=+$/, '')];
}

async function allFileText(dir: string): Promise<string> {
  const names = await readdir(dir);
  const texts = await Promise.all(names.map((name) => readFile(join(dir, name), 'latin1')));
  return texts.join('\n');
}

describe('secrets at rest', () => {
  it('the start-up probe finds the real keychain', async () => {
    const { services } = await start();
    expect(services.status()).toEqual({ keychain: { ok: true, backend: 'Secret Service' }, warnings: [] });
  });

  it('added and imported secrets are in the keychain, never in the data folder', async () => {
    const { services, dataDir } = await start();
    const secrets = [1, 2, 3, 4].map((n) => bytesToBase32(Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + n * 11) & 0xff)));
    const typed = await services.handlers.accounts.add({
      type: 'totp',
      issuer: 'Typed',
      label: 'form',
      secret: secrets[0]!.toLowerCase().replace(/(.{4})/g, '$1 '),
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
    });
    const single = await services.handlers.accounts.importUri(`otpauth://hotp/Single:uri?secret=${secrets[1]}&issuer=Single&counter=3`);
    const { uris } = formatMigrationUris([
      { type: 'totp', issuer: 'Batch', label: 'one', secret: secrets[2]!, algorithm: 'SHA256', digits: 8, period: 30, counter: 0 },
      { type: 'totp', issuer: 'Batch', label: 'two', secret: secrets[3]!, algorithm: 'SHA1', digits: 6, period: 30, counter: 0 },
    ]);
    const batch = await services.handlers.accounts.importUri(uris[0]!);
    const ids = [typed.id, single.added[0]!.id, ...batch.added.map((a) => a.id)];
    expect(ids).toHaveLength(4);
    // An update and a counter step rewrite the file again.
    await services.handlers.accounts.update(typed.id, { label: 'renamed' });
    await services.handlers.codes.hotpNext(single.added[0]!.id);

    const names = (await readdir(dataDir)).sort();
    // accounts-keychain.json: the ids of this folder's keychain items (for crash recovery), never a secret.
    expect(names).toEqual(['accounts-keychain.json', 'accounts.json', 'accounts.json.bak']);
    const onDisk = await allFileText(dataDir);
    expect(onDisk).toContain(typed.id);
    for (const secret of secrets) for (const spelling of spellings(secret)) expect(onDisk).not.toContain(spelling);

    // Independently of our code: libsecret finds each secret under account:<id>.
    for (const [i, id] of ids.entries()) expect(await secretToolLookup(service, `account:${id}`)).toBe(secrets[i]);

    for (const id of ids) await services.handlers.accounts.remove(id);
    for (const id of ids) expect(await secretToolLookup(service, `account:${id}`)).toBeNull();
    expect(await services.handlers.accounts.list()).toEqual([]);
  });

  it('a second process (a fresh set of services) sees the accounts and computes the same codes', async () => {
    const { services, dataDir } = await start();
    await services.handlers.accounts.importUri('otpauth://totp/Shared:x?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Shared');
    const at = 1_234_567_890_000;
    const first = await services.handlers.codes.list(at);
    const second = await createServices({ dataDir, keychainService: service, mode: 'web', clipboard: null, version: 'test' });
    try {
      expect(await second.handlers.codes.list(at)).toEqual(first);
      await second.handlers.accounts.remove(first[0]!.id);
    } finally {
      await second.dispose();
    }
    // The first instance re-reads the file and no longer lists the removed account.
    expect(await services.handlers.accounts.list()).toEqual([]);
  });
});
