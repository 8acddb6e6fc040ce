// The app lock over the real web bridge: once locked, every call that returns codes or secrets is
// refused with LOCKED (the browser only gets the lock.changed event and the unlock screen's calls);
// after unlock the same calls work again. The same guarded handlers serve Electron's IPC.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, TestClient, type Harness } from './harness';

const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function harness(): Promise<Harness> {
  const h = await startHarness();
  cleanups.push(() => h.close());
  return h;
}

async function client(h: Harness): Promise<TestClient> {
  const c = await TestClient.ready(h.server);
  cleanups.push(() => c.close());
  return c;
}

describe('app lock through the web bridge', () => {
  it('locked → codes, secrets and settings changes refused with LOCKED; unlock → allowed again', async () => {
    const h = await harness();
    const c = await client(h);
    const added = await c.call(1, 'accounts', 'importUri', [`otpauth://totp/ACME:alice?secret=${SECRET}&issuer=ACME`]);
    const id = added.value.added[0].id as string;
    expect(await c.call(2, 'lock', 'setPassword', [null, 'bridge-lock-pw'])).toMatchObject({ ok: true, value: { enabled: true, locked: false } });

    const watcher = await client(h);
    expect(await c.call(3, 'lock', 'lock', [])).toMatchObject({ ok: true, value: { locked: true } });
    // Every connected tab hears about it (the UI switches to the unlock screen on this event).
    for (;;) {
      const message = await watcher.next();
      if (message.type === 'event' && message.event === 'lock.changed') {
        expect(message.payload).toEqual({ enabled: true, locked: true, idleMinutes: 5 });
        break;
      }
    }

    const refused: [string, string, unknown[]][] = [
      ['codes', 'list', []],
      ['codes', 'copy', [id]],
      ['codes', 'hotpNext', [id]],
      ['accounts', 'list', []],
      ['accounts', 'qr', [id]],
      ['accounts', 'exportUris', []],
      ['accounts', 'exportMigration', []],
      ['accounts', 'exportAegis', ['export-password']],
      ['accounts', 'remove', [id]],
      ['backup', 'restore', ['{}', null]],
      ['settings', 'update', [{ theme: 'dark' }]],
      ['lock', 'setPassword', ['bridge-lock-pw', null]],
      ['router', 'getConfig', []],
      ['tester', 'listProfiles', []],
    ];
    let n = 10;
    for (const [ns, method, args] of refused) {
      expect(await c.call(n++, ns, method, args), `${ns}.${method}`).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    }
    // What the unlock screen needs still answers.
    expect(await c.call(n++, 'lock', 'status', [])).toMatchObject({ ok: true, value: { locked: true } });
    expect(await c.call(n++, 'app', 'info', [])).toMatchObject({ ok: true });
    expect(await c.call(n++, 'settings', 'get', [])).toMatchObject({ ok: true, value: { theme: 'system' } });

    // A second connection (another tab, or a new one after a reload) is locked as well.
    const other = await client(h);
    expect(await other.call(1, 'codes', 'list', [])).toMatchObject({ ok: false, error: { code: 'LOCKED' } });

    expect(await c.call(n++, 'lock', 'unlock', ['not-the-password'])).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(await c.call(n++, 'codes', 'list', [])).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
    expect(await c.call(n++, 'lock', 'unlock', ['bridge-lock-pw'])).toMatchObject({ ok: true, value: { locked: false } });
    expect(await c.call(n++, 'codes', 'list', [])).toMatchObject({ ok: true, value: [{ id, code: expect.stringMatching(/^\d{6}$/) }] });
    expect(await other.call(2, 'accounts', 'exportUris', [])).toMatchObject({ ok: true, value: [expect.stringContaining(SECRET)] });
  });

  it('a restarted server on a data folder with a lock password starts locked', async () => {
    const h = await harness();
    const c = await client(h);
    await c.call(1, 'lock', 'setPassword', [null, 'restart-pw']);
    const { createServices } = await import('../../../main/services');
    const { MemorySecretStore } = await import('../../../main/vault/memory-secret-store');
    const again = await createServices({ dataDir: h.dataDir, keychainService: 'x', mode: 'web', clipboard: null, version: '0', secretStore: new MemorySecretStore() });
    cleanups.push(() => again.dispose());
    await expect(again.handlers.codes.list()).rejects.toMatchObject({ code: 'LOCKED' });
    expect(await again.handlers.lock.status()).toMatchObject({ locked: true });
  });

  it('with a lock password, exports and Show QR need the password again after 2 minutes (REAUTH_REQUIRED → lock.confirm → allowed)', async () => {
    let now = Date.UTC(2025, 0, 1);
    const ran: string[] = [];
    const h = await startHarness({
      serviceOptions: { now: () => now },
      // Records which handlers actually ran: a refused call must never reach the export code.
      wrapHandlers: (real) => ({
        ...real,
        accounts: {
          ...real.accounts,
          exportUris: async () => {
            ran.push('exportUris');
            return real.accounts.exportUris();
          },
        },
      }),
    });
    cleanups.push(() => h.close());
    const c = await client(h);
    const added = await c.call(1, 'accounts', 'importUri', [`otpauth://totp/ACME:alice?secret=${SECRET}&issuer=ACME`]);
    const id = added.value.added[0].id as string;
    // No lock password: nothing to confirm, however long ago anything happened.
    now += 3_600_000;
    expect(await c.call(2, 'accounts', 'exportUris', [])).toMatchObject({ ok: true, value: [expect.stringContaining(SECRET)] });

    expect(await c.call(3, 'lock', 'setPassword', [null, 'bridge-lock-pw'])).toMatchObject({ ok: true });
    now += 2 * 60_000 + 1;
    ran.length = 0;
    const revealing: [string, unknown[]][] = [['qr', [id]], ['exportUris', []], ['exportMigration', []], ['exportAegis', ['export-pw']], ['exportAegis', [null]]];
    let n = 10;
    for (const [method, args] of revealing) {
      const answer = await c.call(n++, 'accounts', method, args);
      expect(answer, method).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
      expect(JSON.stringify(answer)).not.toContain(SECRET);
    }
    expect(ran).toEqual([]);
    // Codes are not secrets and still work.
    expect(await c.call(n++, 'codes', 'list', [])).toMatchObject({ ok: true });

    expect(await c.call(n++, 'lock', 'confirm', ['not-it'])).toMatchObject({ ok: false, error: { code: 'WRONG_PASSWORD' } });
    expect(await c.call(n++, 'accounts', 'exportUris', [])).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
    expect(await c.call(n++, 'lock', 'confirm', ['bridge-lock-pw'])).toMatchObject({ ok: true, value: { enabled: true, locked: false } });
    for (const [method, args] of revealing) expect(await c.call(n++, 'accounts', method, args), method).toMatchObject({ ok: true });
    expect(ran).toEqual(['exportUris']);

    now += 2 * 60_000 + 1;
    expect(await c.call(n++, 'accounts', 'qr', [id])).toMatchObject({ ok: false, error: { code: 'REAUTH_REQUIRED' } });
  });
});
