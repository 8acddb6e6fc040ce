import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/api/types';
import { AccountsService } from '../../../main/accounts/accounts-service';
import { CodesService } from '../../../main/accounts/codes-service';
import { MetadataFile } from '../../../main/accounts/metadata-file';
import { Warnings } from '../../../main/accounts/warnings';
import { ClipboardGuard, type ClipboardPort } from '../../../main/clipboard/clipboard-guard';
import { EventBus } from '../../../main/events';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { Clock, idSequence, refHotp, refSteam, refTotp, SECRET_A, SECRET_B, SECRET_C, tempDir } from './fixtures';

async function setup(clipboardPort: ClipboardPort | null = null) {
  const dir = join(await tempDir(), 'data');
  const clock = new Clock(1_700_000_012_345);
  const events = new EventBus();
  const seen: string[] = [];
  events.on((event, payload) => seen.push(`${event}:${'reason' in payload ? payload.reason : 'id' in payload ? payload.id : ''}`));
  const warnings = new Warnings();
  const secrets = new MemorySecretStore();
  const metadata = new MetadataFile({ dir, now: clock.now, warnings });
  const accounts = new AccountsService({ metadata, secrets, events, now: clock.now, newId: idSequence() });
  const timers: (() => void)[] = [];
  const clipboard = new ClipboardGuard({ clipboard: clipboardPort, events, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });
  const codes = new CodesService({ metadata, secrets, clipboard, events, now: clock.now, warnings });
  return { clock, accounts, codes, secrets, warnings, seen, timers };
}

const input = (over: Partial<AccountInput>): AccountInput => ({
  type: 'totp',
  issuer: 'X',
  label: 'x',
  secret: SECRET_A,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

describe('CodesService.list', () => {
  it('matches an independent RFC 4226/6238 computation for every type and algorithm', async () => {
    const { accounts, codes, clock } = await setup();
    const t = await accounts.add(input({ label: 'sha1' }));
    const t256 = await accounts.add(input({ label: 'sha256', secret: SECRET_B, algorithm: 'SHA256', digits: 8, period: 60 }));
    const t512 = await accounts.add(input({ label: 'sha512', secret: SECRET_C, algorithm: 'SHA512', digits: 7 }));
    const h = await accounts.add(input({ label: 'hotp', type: 'hotp', counter: 41, secret: SECRET_B }));
    const s = await accounts.add(input({ label: 'steam', type: 'steam', secret: SECRET_C }));

    for (const at of [clock.ms, 59_000, 1_111_111_109_000, 2_000_000_000_000]) {
      const list = await codes.list(at);
      expect(list.map((c) => c.id)).toEqual([t.id, t256.id, t512.id, h.id, s.id]);
      const [c1, c2, c3, c4, c5] = list;
      const step30 = Math.floor(at / 30_000);
      expect(c1).toEqual({
        id: t.id,
        code: refTotp(SECRET_A, at),
        next: refTotp(SECRET_A, at + 30_000),
        validFrom: step30 * 30_000,
        validUntil: (step30 + 1) * 30_000,
        period: 30,
        counter: 0,
      });
      expect(c2!.code).toBe(refTotp(SECRET_B, at, 60, 'sha256', 8));
      expect(c2!.validUntil! - c2!.validFrom!).toBe(60_000);
      expect(c3!.code).toBe(refTotp(SECRET_C, at, 30, 'sha512', 7));
      expect(c4).toMatchObject({ code: refHotp(SECRET_B, 41), next: refHotp(SECRET_B, 42), validFrom: null, validUntil: null, counter: 41 });
      expect(c5).toMatchObject({ code: refSteam(SECRET_C, at), next: refSteam(SECRET_C, at + 30_000), validFrom: step30 * 30_000 });
    }
  });

  it('uses the clock when no time is given', async () => {
    const { accounts, codes, clock } = await setup();
    await accounts.add(input({}));
    expect((await codes.list())[0]!.code).toBe(refTotp(SECRET_A, clock.ms));
    clock.ms += 30_000;
    expect((await codes.list())[0]!.code).toBe(refTotp(SECRET_A, clock.ms));
  });

  it('leaves out an account whose secret vanished from the keychain, with one warning', async () => {
    const { accounts, codes, secrets, warnings } = await setup();
    const a = await accounts.add(input({ label: 'gone' }));
    const b = await accounts.add(input({ label: 'kept', secret: SECRET_B }));
    await secrets.delete(`account:${a.id}`);
    expect((await codes.list()).map((c) => c.id)).toEqual([b.id]);
    await codes.list();
    expect(warnings.list()).toEqual([expect.stringMatching(/secret of X \(gone\) is missing from the keychain/)]);
    // Repaired: the account is back and the warning is gone.
    await accounts.update(a.id, { secret: SECRET_C });
    expect((await codes.list()).map((c) => c.id)).toEqual([a.id, b.id]);
    expect(warnings.list()).toEqual([]);
  });

  it('a codes listing in the middle of a remove leaves no "secret missing" warning behind', async () => {
    const { accounts, codes, secrets, warnings } = await setup();
    const a = await accounts.add(input({ label: 'leaving' }));
    // The UI polls codes every second; let one poll land while the remove touches the keychain.
    const deleteItem = secrets.delete.bind(secrets);
    secrets.delete = async (key) => {
      const result = await deleteItem(key);
      await codes.list();
      return result;
    };
    await accounts.remove(a.id);
    expect(await codes.list()).toEqual([]);
    expect(warnings.list()).toEqual([]);
  });

  it('drops the warning of an account that was removed (here or by another process)', async () => {
    const { accounts, codes, secrets, warnings } = await setup();
    const a = await accounts.add(input({ label: 'broken' }));
    await secrets.delete(`account:${a.id}`);
    await codes.list();
    expect(warnings.list()).toHaveLength(1);
    await accounts.remove(a.id);
    await codes.list();
    expect(warnings.list()).toEqual([]);
  });
});

describe('CodesService.hotpNext', () => {
  it('advances and stores the counter before returning the new code', async () => {
    const { accounts, codes, seen } = await setup();
    const h = await accounts.add(input({ type: 'hotp', counter: 5 }));
    const next = await codes.hotpNext(h.id);
    expect(next).toMatchObject({ id: h.id, counter: 6, code: refHotp(SECRET_A, 6), next: refHotp(SECRET_A, 7) });
    expect((await accounts.list())[0]!.counter).toBe(6);
    expect(seen.at(-1)).toBe('accounts.changed:counter');
  });

  it('never hands out the same counter twice under concurrent calls', async () => {
    const { accounts, codes } = await setup();
    const h = await accounts.add(input({ type: 'hotp' }));
    const results = await Promise.all(Array.from({ length: 10 }, () => codes.hotpNext(h.id)));
    expect(results.map((r) => r.counter).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect((await accounts.list())[0]!.counter).toBe(10);
  });

  it('rejects TOTP accounts and unknown ids', async () => {
    const { accounts, codes } = await setup();
    const t = await accounts.add(input({}));
    await expect(codes.hotpNext(t.id)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(codes.hotpNext('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await accounts.list())[0]!.counter).toBe(0);
  });
});

describe('CodesService.copy', () => {
  it('web mode: hands the code to the renderer to write', async () => {
    const { accounts, codes, clock } = await setup(null);
    const t = await accounts.add(input({}));
    expect(await codes.copy(t.id)).toEqual({ code: refTotp(SECRET_A, clock.ms), writer: 'renderer', clearAfterMs: 30_000 });
  });

  it('desktop: writes the current code and schedules the clear', async () => {
    let text = '';
    const port: ClipboardPort = { readText: () => text, writeText: (t) => void (text = t) };
    const { accounts, codes, timers, clock } = await setup(port);
    const t = await accounts.add(input({}));
    expect(await codes.copy(t.id)).toEqual({ code: refTotp(SECRET_A, clock.ms), writer: 'main', clearAfterMs: 30_000 });
    expect(text).toBe(refTotp(SECRET_A, clock.ms));
    expect(timers).toHaveLength(1);
    await expect(codes.copy('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  // Regression (issue 8): copying an HOTP code left the counter where it was, so the list kept showing a
  // code that had just been used, and the next copy handed out the same one-time code again.
  it('HOTP: copying advances the counter (stored before the copy) and never hands out the same code twice', async () => {
    let text = '';
    const port: ClipboardPort = { readText: () => text, writeText: (t) => void (text = t) };
    const { accounts, codes, seen } = await setup(port);
    const h = await accounts.add(input({ type: 'hotp', counter: 9 }));
    const first = await codes.copy(h.id);
    expect(first).toMatchObject({ code: refHotp(SECRET_A, 9), writer: 'main', hotp: { counter: 9, next: { counter: 10, code: refHotp(SECRET_A, 10) } } });
    expect(text).toBe(refHotp(SECRET_A, 9));
    expect((await accounts.list())[0]!.counter).toBe(10);
    expect(seen).toContain('accounts.changed:counter');
    const second = await codes.copy(h.id);
    expect(second.code).toBe(refHotp(SECRET_A, 10));
    expect((await accounts.list())[0]!.counter).toBe(11);
  });

  it('HOTP: undo puts the counter back only while nothing moved it further', async () => {
    const { accounts, codes } = await setup(null);
    const h = await accounts.add(input({ type: 'hotp', counter: 3 }));
    const copied = await codes.copy(h.id);
    expect(copied.hotp?.counter).toBe(3);
    const undone = await codes.hotpUndo(h.id, 3);
    expect(undone).toMatchObject({ counter: 3, code: refHotp(SECRET_A, 3) });
    expect((await accounts.list())[0]!.counter).toBe(3);
    // A second undo of the same copy (or an undo after another advance) must not rewind further.
    await expect(codes.hotpUndo(h.id, 3)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await codes.copy(h.id);
    await codes.hotpNext(h.id);
    await expect(codes.hotpUndo(h.id, 3)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect((await accounts.list())[0]!.counter).toBe(5);
    const t = await accounts.add(input({ label: 'totp', secret: SECRET_B }));
    await expect(codes.hotpUndo(t.id, 0)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });
});
