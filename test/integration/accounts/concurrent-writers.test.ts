// Several processes writing one data folder at once: `authbahn accounts add` CLI processes next to the
// app's services adding through the API, all on the real keychain. Before the cross-process lock, every
// process re-read accounts.json but two of them could still read the same version and the later rename
// dropped the other's account, leaving its secret orphaned in the keychain (issue 10, item 4: 180 adds
// reported success, 174 accounts were stored).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bytesToBase32 } from '../../../shared/otp/base32';
import { createServices } from '../../../main/services';
import { KeyringSecretStore } from '../../../main/vault/keyring-secret-store';
import { requireKeyringSession } from '../keyring-env';

const root = resolve(import.meta.dirname, '..', '..', '..');
const child = join(root, 'test', 'integration', 'accounts', 'cli-child.ts');
// Bounded: each child compiles the CLI sources with jiti (seconds on a loaded machine).
const PROCESSES = 6;
const ADDS_PER_PROCESS = 3;
/** The app keeps adding while the children run, at most this many. */
const MAX_PARENT_ADDS = 40;

let work: string;
let keychainService: string;

beforeAll(async () => {
  // A service of its own, so the keychain scan below sees only this test's items.
  keychainService = `${requireKeyringSession()}-concurrent-${randomBytes(3).toString('hex')}`;
  work = await mkdtemp(join(tmpdir(), 'authbahn-concurrent-'));
});

afterAll(async () => {
  const store = new KeyringSecretStore({ service: keychainService });
  for (const key of await store.list().catch(() => [])) await store.delete(key).catch(() => undefined);
  if (work) await rm(work, { recursive: true, force: true });
});

const newUri = (name: string) => `otpauth://totp/Concurrent:${name}?secret=${bytesToBase32(randomBytes(20))}&issuer=Concurrent`;

function cliAdd(dataDir: string, uris: string[]): Promise<{ code: number | null; err: string }> {
  return new Promise((done, fail) => {
    const proc = spawn(process.execPath, ['--import', 'jiti/register', child, 'accounts', 'add', ...uris, '--data-dir', dataDir], {
      cwd: root,
      env: { ...process.env, AUTHBAHN_KEYCHAIN_SERVICE: keychainService },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let err = '';
    proc.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    const timer = setTimeout(() => proc.kill('SIGKILL'), 240_000);
    proc.on('error', fail);
    proc.on('close', (code) => {
      clearTimeout(timer);
      done({ code, err });
    });
  });
}

describe('concurrent writers on one data folder', () => {
  it(`${PROCESSES} CLI processes × ${ADDS_PER_PROCESS} adds while the app adds too: every account is stored, no secret is orphaned`, async () => {
    const dataDir = join(work, 'data');
    const app = await createServices({ dataDir, keychainService, mode: 'web', clipboard: null, version: 'test' });
    const names: string[] = [];
    const cliRuns = Array.from({ length: PROCESSES }, (_, p) => {
      const uris = Array.from({ length: ADDS_PER_PROCESS }, (_, i) => {
        names.push(`cli-${p}-${i}`);
        return newUri(`cli-${p}-${i}`);
      });
      return cliAdd(dataDir, uris);
    });
    let childrenDone = false;
    const all = Promise.all(cliRuns).finally(() => (childrenDone = true));
    const appAdds = (async () => {
      // Spread over the whole time the children run, so the app's writes interleave with theirs.
      for (let i = 0; i < MAX_PARENT_ADDS && !childrenDone; i++) {
        names.push(`app-${i}`);
        await app.handlers.accounts.importUri(newUri(`app-${i}`));
        await new Promise((r) => setTimeout(r, 150));
      }
    })();
    const results = await all;
    await appAdds;
    expect(names.filter((n) => n.startsWith('app-')).length).toBeGreaterThan(0);
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });
    await app.dispose();

    const check = await createServices({ dataDir, keychainService, mode: 'web', clipboard: null, version: 'test' });
    const accounts = await check.handlers.accounts.list();
    expect(accounts.map((a) => a.label).sort()).toEqual([...names].sort());
    expect(new Set(accounts.map((a) => a.id)).size).toBe(names.length);
    // Every keychain item of the service belongs to an account, and the reconcile agrees.
    const keys = await new KeyringSecretStore({ service: keychainService }).list();
    expect(keys.sort()).toEqual(accounts.map((a) => `account:${a.id}`).sort());
    expect(await check.handlers.accounts.orphans({ all: true })).toEqual([]);
    expect(check.status().warnings).toEqual([]);
    // Nothing left over: no lock files, no temp files.
    expect((await readdir(dataDir)).sort()).toEqual(['accounts-keychain.json', 'accounts.json', 'accounts.json.bak']);
    expect(JSON.parse(await readFile(join(dataDir, 'accounts-keychain.json'), 'utf8')).accountIds.sort()).toEqual(accounts.map((a) => a.id).sort());
    await check.dispose();
  }, 300_000);
});
