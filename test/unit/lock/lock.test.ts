// App lock: the verifier (no password stored, constant-time check), the lock service (start locked,
// idle lock, unlock, backoff) and the one guard around every API handler.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodNames, type ApiHandlers } from '../../../shared/api/contract';
import { dispatch } from '../../../shared/api/dispatch';
import { EventBus } from '../../../main/events';
import { ALLOWED_WHILE_LOCKED, guardHandlers } from '../../../main/lock/lock-guard';
import { LockService, REAUTH_WINDOW_MS } from '../../../main/lock/lock-service';
import { AppError } from '../../../shared/api/errors';
import { createVerifier, parseVerifier, verifyPassword, VERIFIER_PARAMS } from '../../../main/lock/lock-verifier';
import { createServices } from '../../../main/services';
import { SettingsFile } from '../../../main/settings/settings-file';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import { Clock, SECRET_A, tempDir } from '../accounts/fixtures';

describe('lock verifier', () => {
  it('stores scrypt (N ≥ 2^15) with a random salt, never the password, and checks it', async () => {
    const a = await createVerifier('hunter22');
    const b = await createVerifier('hunter22');
    expect(a.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(VERIFIER_PARAMS.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(JSON.stringify(a)).not.toContain('hunter22');
    expect(await verifyPassword('hunter22', a)).toBe(true);
    expect(await verifyPassword('hunter23', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('refuses verifiers weaker than we write or malformed', async () => {
    const good = await createVerifier('pw-pw');
    expect(parseVerifier(good)).toEqual(good);
    expect(parseVerifier({ ...good, N: 1024 })).toBeNull();
    expect(parseVerifier({ ...good, N: 2 ** 40 })).toBeNull();
    expect(parseVerifier({ ...good, hash: 'abcd' })).toBeNull();
    expect(parseVerifier({ ...good, kdf: 'md5' })).toBeNull();
    expect(parseVerifier('x')).toBeNull();
  });
});

async function lockSetup() {
  const dir = join(await tempDir(), 'data');
  const clock = new Clock();
  const events = new EventBus();
  const seen: unknown[] = [];
  events.on((event, payload) => event === 'lock.changed' && seen.push(payload));
  const settings = new SettingsFile({ dir, now: clock.now, warn: () => undefined });
  const timers: { fn: () => void; ms: number }[] = [];
  let onLock = 0;
  const make = () =>
    new LockService({
      settings,
      events,
      now: clock.now,
      enforce: true,
      onLock: () => void (onLock += 1),
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => undefined,
    });
  return { dir, clock, events, seen, settings, timers, make, onLocks: () => onLock };
}

describe('LockService', () => {
  it('without a password: never locked, lock() is a no-op', async () => {
    const { make } = await lockSetup();
    const lock = make();
    await lock.init();
    expect(await lock.lock()).toEqual({ enabled: false, locked: false, idleMinutes: 5 });
  });

  it('set password → lock → wrong password refused → right one unlocks; the file holds only a verifier', async () => {
    const { make, dir, seen, onLocks } = await lockSetup();
    const lock = make();
    await lock.init();
    await lock.setPassword(null, 'open sesame');
    const file = await readFile(join(dir, 'settings.json'), 'utf8');
    expect(file).not.toContain('open sesame');
    expect(JSON.parse(file).lockVerifier).toMatchObject({ kdf: 'scrypt', N: 32768 });
    expect(await lock.lock()).toMatchObject({ enabled: true, locked: true });
    expect(onLocks()).toBe(1);
    await expect(lock.unlock('open sesane')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    expect(lock.isLocked()).toBe(true);
    expect(await lock.unlock('open sesame')).toMatchObject({ locked: false });
    expect(seen).toEqual([
      { enabled: true, locked: false, idleMinutes: 5 },
      { enabled: true, locked: true, idleMinutes: 5 },
      { enabled: true, locked: false, idleMinutes: 5 },
    ]);
  });

  it('starts locked when settings.json has a lock password (a new process, e.g. after a restart)', async () => {
    const { make, settings, dir, clock } = await lockSetup();
    await make().setPassword(null, 'pw-1234');
    const fresh = new LockService({ settings: new SettingsFile({ dir, now: clock.now, warn: () => undefined }), events: new EventBus(), now: clock.now, enforce: true });
    await fresh.init();
    expect(fresh.isLocked()).toBe(true);
    // The CLI does not enforce the lock.
    const cli = new LockService({ settings, events: new EventBus(), now: clock.now, enforce: false });
    await cli.init();
    expect(cli.isLocked()).toBe(false);
    expect(await cli.lock()).toMatchObject({ locked: false, enabled: false });
  });

  it('changing or removing the password needs the current one', async () => {
    const { make } = await lockSetup();
    const lock = make();
    await lock.init();
    await lock.setPassword(null, 'first-pw');
    await expect(lock.setPassword(null, 'second-pw')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(lock.setPassword('wrong', null)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(lock.setPassword('first-pw', 'abc')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await lock.setPassword('first-pw', 'second-pw');
    await lock.lock();
    await expect(lock.unlock('first-pw')).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await lock.unlock('second-pw');
    expect(await lock.setPassword('second-pw', null)).toMatchObject({ enabled: false, locked: false });
  });

  it('locks after the idle minutes; activity in between postpones it', async () => {
    const { make, clock, timers } = await lockSetup();
    const lock = make();
    await lock.init();
    await lock.setPassword(null, 'pw-idle');
    const timer = timers.at(-1)!;
    expect(timer.ms).toBe(5 * 60_000);
    clock.ms += 4 * 60_000;
    lock.noteActivity();
    clock.ms += 60_000;
    timer.fn(); // fires at the first deadline, but the user was active a minute ago
    expect(lock.isLocked()).toBe(false);
    const again = timers.at(-1)!;
    expect(again.ms).toBe(4 * 60_000);
    clock.ms += 4 * 60_000;
    again.fn();
    await new Promise((r) => setTimeout(r, 10));
    expect(lock.isLocked()).toBe(true);
  });

  it('after five wrong passwords, further attempts wait (even the right one)', async () => {
    const { make, clock } = await lockSetup();
    const lock = make();
    await lock.init();
    await lock.setPassword(null, 'right-pw');
    await lock.lock();
    for (let i = 0; i < 5; i++) await expect(lock.unlock(`wrong-${i}`)).rejects.toMatchObject({ code: 'WRONG_PASSWORD' });
    await expect(lock.unlock('right-pw')).rejects.toMatchObject({ code: 'LOCKED', details: { retryAfterMs: 30_000 } });
    clock.ms += 30_001;
    expect(await lock.unlock('right-pw')).toMatchObject({ locked: false });
  });
});

describe('lock guard', () => {
  /** A handler per contract method that records being called. */
  function recordingHandlers() {
    const called: string[] = [];
    const handlers: Record<string, Record<string, () => Promise<string>>> = {};
    for (const { ns, method } of methodNames()) {
      (handlers[ns] ??= {})[method] = async () => {
        called.push(`${ns}.${method}`);
        return 'secret-value';
      };
    }
    return { handlers: handlers as unknown as ApiHandlers, called };
  }

  it('while locked, every contract method outside the allow-list is refused with LOCKED and never runs', async () => {
    const { handlers, called } = recordingHandlers();
    const guarded = guardHandlers(handlers, { isLocked: () => true, noteActivity: () => undefined, checkSecretAccess: async () => undefined });
    const refused: string[] = [];
    for (const { ns, method } of methodNames()) {
      const key = `${ns}.${method}`;
      const call = (guarded[ns] as Record<string, () => Promise<unknown>>)[method]!();
      if (ALLOWED_WHILE_LOCKED.has(key)) await expect(call).resolves.toBe('secret-value');
      else {
        await expect(call).rejects.toMatchObject({ code: 'LOCKED' });
        refused.push(key);
      }
    }
    expect(called.sort()).toEqual([...ALLOWED_WHILE_LOCKED].sort());
    // The ones that matter most, named explicitly so a change to the allow-list cannot let them through.
    for (const key of [
      'codes.list', 'codes.copy', 'codes.hotpNext', 'accounts.qr', 'accounts.exportUris', 'accounts.exportMigration',
      'accounts.exportAegis', 'backup.restore', 'backup.runNow', 'qr.scanImage', 'qr.scanScreen', 'tester.run', 'tester.runAll',
      'router.getConfig', 'router.setSecret', 'lock.setPassword', 'settings.update',
    ]) {
      expect(refused, key).toContain(key);
    }
  });

  it('the allow-list is exactly what the unlock screen needs', () => {
    expect([...ALLOWED_WHILE_LOCKED].sort()).toEqual(
      ['app.info', 'app.status', 'lock.activity', 'lock.lock', 'lock.status', 'lock.unlock', 'settings.get'].sort(),
    );
  });

  it('a call that started before the lock does not hand out its result after it', async () => {
    let locked = false;
    let release!: () => void;
    const { handlers } = recordingHandlers();
    (handlers.codes as Record<string, unknown>).list = () => new Promise((r) => (release = () => r(['code'])));
    const guarded = guardHandlers(handlers, { isLocked: () => locked, noteActivity: () => undefined, checkSecretAccess: async () => undefined });
    const pending = guarded.codes.list();
    locked = true;
    release();
    await expect(pending).rejects.toMatchObject({ code: 'LOCKED' });
  });

  it('user calls count as activity, polling does not', async () => {
    const { handlers } = recordingHandlers();
    let activity = 0;
    const guarded = guardHandlers(handlers, { isLocked: () => false, noteActivity: () => void (activity += 1), checkSecretAccess: async () => undefined });
    await guarded.codes.list();
    await guarded.app.status();
    expect(activity).toBe(0);
    await guarded.codes.copy('x');
    await guarded.lock.activity();
    expect(activity).toBe(2);
  });

  it('createServices wires it: a locked app refuses codes through the dispatcher, unlock restores them', async () => {
    const dataDir = join(await tempDir(), 'data');
    const opts = { dataDir, keychainService: 'authbahn-unit', mode: 'web' as const, clipboard: null, version: '1', secretStore: new MemorySecretStore(), platform: 'linux', env: {} };
    const first = await createServices(opts);
    await first.handlers.accounts.importUri(`otpauth://totp/ACME:alice?secret=${SECRET_A}&issuer=ACME`);
    await first.handlers.lock.setPassword(null, 'pw-services');
    await first.dispose();

    const services = await createServices(opts);
    expect(await dispatch(services.handlers, 'codes', 'list', [])).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await dispatch(services.handlers, 'accounts', 'exportUris', [])).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await dispatch(services.handlers, 'lock', 'status', [])).toMatchObject({ ok: true, value: { locked: true, enabled: true } });
    expect(await dispatch(services.handlers, 'lock', 'unlock', ['pw-services'])).toMatchObject({ ok: true, value: { locked: false } });
    expect(await dispatch(services.handlers, 'codes', 'list', [])).toMatchObject({ ok: true, value: [{ code: expect.any(String) }] });
    await services.dispose();

    // The CLI opens the same data folder with the lock not enforced.
    const cli = await createServices({ ...opts, enforceLock: false });
    expect(await dispatch(cli.handlers, 'codes', 'list', [])).toMatchObject({ ok: true });
    await cli.dispose();
  });
});

describe('re-auth before secret-revealing calls (issue 10 item 7)', () => {
  const REVEALING: [string, string, (id: string) => unknown[]][] = [
    ['accounts', 'qr', (id) => [id]],
    ['accounts', 'exportUris', () => []],
    ['accounts', 'exportMigration', () => []],
    ['accounts', 'exportAegis', () => [null]],
  ];

  async function unlockedServices() {
    const dataDir = join(await tempDir(), 'data');
    const clock = new Clock();
    const services = await createServices({
      dataDir, keychainService: 'authbahn-unit', mode: 'desktop', clipboard: null, version: '1',
      secretStore: new MemorySecretStore(), platform: 'linux', env: {}, now: clock.now,
    });
    const added = await services.handlers.accounts.importUri(`otpauth://totp/ACME:alice?secret=${SECRET_A}&issuer=ACME`);
    return { services, clock, id: added.added[0]!.id };
  }

  it('without a lock password, exports and Show QR never ask', async () => {
    const { services, clock, id } = await unlockedServices();
    clock.ms += 24 * 3600_000;
    for (const [ns, method, args] of REVEALING) {
      expect(await dispatch(services.handlers, ns, method, args(id)), `${ns}.${method}`).toMatchObject({ ok: true });
    }
    await services.dispose();
  });

  it('with a lock password: allowed within 2 minutes of entering it, then REAUTH_REQUIRED until lock.confirm', async () => {
    const { services, clock, id } = await unlockedServices();
    await services.handlers.lock.setPassword(null, 'pw-reauth');
    // Setting the password is itself a confirmation.
    expect(await dispatch(services.handlers, 'accounts', 'exportUris', [])).toMatchObject({ ok: true });
    clock.ms += REAUTH_WINDOW_MS + 1;
    for (const [ns, method, args] of REVEALING) {
      expect(await dispatch(services.handlers, ns, method, args(id)), `${ns}.${method}`).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    }
    // Codes and the account list are not secrets: they keep working.
    expect(await dispatch(services.handlers, 'codes', 'list', [])).toMatchObject({ ok: true });
    expect(await dispatch(services.handlers, 'accounts', 'list', [])).toMatchObject({ ok: true });

    expect(await dispatch(services.handlers, 'lock', 'confirm', ['wrong-password'])).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(await dispatch(services.handlers, 'accounts', 'exportUris', [])).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(await dispatch(services.handlers, 'lock', 'confirm', ['pw-reauth'])).toMatchObject({ ok: true, value: { locked: false } });
    for (const [ns, method, args] of REVEALING) {
      expect(await dispatch(services.handlers, ns, method, args(id)), `${ns}.${method}`).toMatchObject({ ok: true });
    }
    clock.ms += REAUTH_WINDOW_MS + 1;
    expect(await dispatch(services.handlers, 'accounts', 'qr', [id])).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });

    // Locking forgets the confirmation; unlocking (the password again) counts as one.
    await services.handlers.lock.confirm('pw-reauth');
    await services.handlers.lock.lock();
    expect(await dispatch(services.handlers, 'lock', 'confirm', ['pw-reauth'])).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await services.handlers.lock.unlock('pw-reauth');
    expect(await dispatch(services.handlers, 'accounts', 'exportUris', [])).toMatchObject({ ok: true });
    await services.dispose();
  });

  it('wrong confirmations share the unlock backoff', async () => {
    const { services } = await unlockedServices();
    await services.handlers.lock.setPassword(null, 'pw-reauth');
    for (let i = 0; i < 5; i += 1) {
      expect(await dispatch(services.handlers, 'lock', 'confirm', ['nope'])).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    }
    // Now blocked: even the right password waits.
    expect(await dispatch(services.handlers, 'lock', 'confirm', ['pw-reauth'])).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    await services.dispose();
  });

  it('the guard asks the lock before exactly the secret-revealing calls, and does not run them when refused', async () => {
    const called: string[] = [];
    const handlers: Record<string, Record<string, () => Promise<unknown>>> = {};
    for (const { ns, method } of methodNames()) {
      handlers[ns] ??= {};
      handlers[ns][method] = async () => void called.push(`${ns}.${method}`);
    }
    const asked: string[] = [];
    const guarded = guardHandlers(handlers as unknown as ApiHandlers, {
      isLocked: () => false,
      noteActivity: () => undefined,
      checkSecretAccess: async () => {
        asked.push('asked');
        throw new AppError('REAUTH_REQUIRED', 'again');
      },
    });
    const refused: string[] = [];
    for (const { ns, method } of methodNames()) {
      const key = `${ns}.${method}`;
      await (guarded[ns] as Record<string, () => Promise<unknown>>)[method]!().catch(() => refused.push(key));
    }
    expect(refused.sort()).toEqual(['accounts.exportAegis', 'accounts.exportMigration', 'accounts.exportUris', 'accounts.qr']);
    expect(asked).toHaveLength(4);
    for (const key of refused) expect(called).not.toContain(key);
  });
});
