import { readdir, readFile, writeFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { totpCode } from '../../../../shared/otp/generate';
import { FileTotpReplayStore } from '../../../../main/router/auth/totp-replay-file';
import { MemoryTotpReplayStore, TotpReplayGuard, verifyTotp } from '../../../../main/router/auth/totp-verifier';
import type { TotpParams } from '../../../../main/router/auth/secret-refs';

const SECRET = 'JBSWY3DPEHPK3PXP';
const params: TotpParams = { secret: SECRET, algorithm: 'SHA1', digits: 6, period: 30 };
const at = (step: number) => step * 30_000 + 12_000;
const code = (step: number) => totpCode(SECRET, step * 30_000, 30, 'SHA1', 6);

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});
async function dataDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'authbahn-totp-'));
  dirs.push(dir);
  return dir;
}

describe('verifyTotp', () => {
  it('accepts the current code and one step either side, nothing further', async () => {
    const now = at(55_000_000);
    expect(await verifyTotp(code(55_000_000), params, now, new TotpReplayGuard())).toEqual({ ok: true, step: 55_000_000 });
    expect(await verifyTotp(code(54_999_999), params, now, new TotpReplayGuard())).toEqual({ ok: true, step: 54_999_999 });
    expect(await verifyTotp(code(55_000_001), params, now, new TotpReplayGuard())).toEqual({ ok: true, step: 55_000_001 });
    expect(await verifyTotp(code(54_999_998), params, now, new TotpReplayGuard())).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyTotp(code(55_000_002), params, now, new TotpReplayGuard())).toEqual({ ok: false, reason: 'invalid' });
    expect(await verifyTotp('000000x', params, now, new TotpReplayGuard())).toEqual({ ok: false, reason: 'invalid' });
  });

  it('refuses a code that was already used, and older codes after a newer one', async () => {
    const guard = new TotpReplayGuard(new MemoryTotpReplayStore());
    const now = at(60_000_000);
    expect((await verifyTotp(code(60_000_000), params, now, guard)).ok).toBe(true);
    expect(await verifyTotp(code(60_000_000), params, now, guard)).toEqual({ ok: false, reason: 'replayed' });
    expect(await verifyTotp(code(59_999_999), params, now, guard)).toEqual({ ok: false, reason: 'replayed' });
    // The next step's code is fresh.
    expect((await verifyTotp(code(60_000_001), params, at(60_000_001), guard)).ok).toBe(true);
  });

  it('shares the replay history between spellings of the same secret (case-insensitive base32)', async () => {
    const guard = new TotpReplayGuard();
    const now = at(61_000_000);
    expect((await verifyTotp(code(61_000_000), { ...params, secret: 'jbsw y3dp ehpk 3pxp' }, now, guard)).ok).toBe(true);
    expect(await verifyTotp(code(61_000_000), params, now, guard)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('uses the configured digits and algorithm (RFC 6238 SHA256 vector)', async () => {
    const rfc: TotpParams = { secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQGEZA', algorithm: 'SHA256', digits: 8, period: 30 };
    expect((await verifyTotp('46119246', rfc, 59_000, new TotpReplayGuard())).ok).toBe(true);
  });
});

describe('TOTP replay history in the data folder (FileTotpReplayStore)', () => {
  it('two verifiers on one data folder (the app and `authbahn router`) refuse a code the other accepted', async () => {
    const dir = await dataDir();
    const app = new TotpReplayGuard(new FileTotpReplayStore({ dir, now: Date.now }));
    const cli = new TotpReplayGuard(new FileTotpReplayStore({ dir, now: Date.now }));
    const now = at(62_000_000);
    expect((await verifyTotp(code(62_000_000), params, now, app)).ok).toBe(true);
    expect(await verifyTotp(code(62_000_000), params, now, cli)).toEqual({ ok: false, reason: 'replayed' });
    expect(await verifyTotp(code(61_999_999), params, now, cli)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('only one of many simultaneous logins with the same code wins, across stores', async () => {
    const dir = await dataDir();
    const guards = Array.from({ length: 6 }, () => new TotpReplayGuard(new FileTotpReplayStore({ dir, now: Date.now })));
    const now = at(63_000_000);
    const results = await Promise.all(guards.flatMap((g) => [verifyTotp(code(63_000_000), params, now, g), verifyTotp(code(63_000_000), params, now, g)]));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it('a restart (a new store on the same folder) still refuses the code', async () => {
    const dir = await dataDir();
    const now = at(64_000_000);
    const before = new FileTotpReplayStore({ dir, now: Date.now });
    expect((await verifyTotp(code(64_000_000), params, now, new TotpReplayGuard(before))).ok).toBe(true);
    await before.idle();
    const after = new TotpReplayGuard(new FileTotpReplayStore({ dir, now: Date.now }));
    expect(await verifyTotp(code(64_000_000), params, now + 20_000, after)).toEqual({ ok: false, reason: 'replayed' });
  });

  it('stores neither the secret nor the code, only a hash and the step; expired entries are dropped', async () => {
    const dir = await dataDir();
    const guard = new TotpReplayGuard(new FileTotpReplayStore({ dir, now: Date.now }));
    expect((await verifyTotp(code(65_000_000), params, at(65_000_000), guard)).ok).toBe(true);
    const text = await readFile(join(dir, 'totp-replay.json'), 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(code(65_000_000));
    expect(JSON.parse(text).used).toEqual([{ key: expect.stringMatching(/^[0-9a-f]{64}$/), step: 65_000_000, expiresAt: (65_000_000 + 2) * 30_000 }]);

    // Another secret, 10 minutes later: the first entry no longer protects anything and is gone.
    const other: TotpParams = { ...params, secret: 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ' };
    const later = at(65_000_020);
    const otherCode = totpCode(other.secret, 65_000_020 * 30_000, 30, 'SHA1', 6);
    expect((await verifyTotp(otherCode, other, later, guard)).ok).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'totp-replay.json'), 'utf8')).used.map((e: { step: number }) => e.step)).toEqual([65_000_020]);
    expect((await readdir(dir)).sort()).toEqual(['totp-replay.json']);
  });

  it('a damaged history file is set aside with a warning, not a login failure', async () => {
    const dir = await dataDir();
    await writeFile(join(dir, 'totp-replay.json'), 'not json');
    const warnings: string[] = [];
    const guard = new TotpReplayGuard(new FileTotpReplayStore({ dir, now: Date.now, warn: (m) => warnings.push(m) }));
    expect((await verifyTotp(code(66_000_000), params, at(66_000_000), guard)).ok).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/totp-replay\.json could not be read; it was kept as totp-replay\.json\.corrupt-/)]);
  });
});
