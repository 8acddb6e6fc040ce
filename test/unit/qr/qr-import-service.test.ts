// The QR import behind the `qr` API: real scanner (zxing-wasm + jsQR) on generated PNGs, real
// accounts service and metadata file, an in-memory secret store in place of the OS keychain.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { AccountsService } from '../../../main/accounts/accounts-service';
import { MetadataFile } from '../../../main/accounts/metadata-file';
import { Warnings } from '../../../main/accounts/warnings';
import { EventBus } from '../../../main/events';
import { createQrScanner } from '../../../main/qr/create-scanner';
import { PreviewStore } from '../../../main/import/preview-store';
import { QrImportService } from '../../../main/qr/qr-import-service';
import type { ImportPreview } from '../../../main/import/import-preview';
import type { QrScanner } from '../../../main/qr/scanner';
import type { ScreenCapturePort } from '../../../main/qr/screen-capture';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';
import { dispatch } from '../../../shared/api/dispatch';
import { findMethod } from '../../../shared/api/contract';
import { AppError } from '../../../shared/api/errors';
import { QR_MAX_IMAGE_BASE64, QR_MAX_IMAGE_BYTES } from '../../../shared/api/qr-contract';
import { MAX_PAYLOAD_BYTES } from '../../../main/web/protocol';
import { formatMigrationUris } from '../../../shared/otp/migration';
import type { OtpAccountData } from '../../../shared/otp/types';
import { encodePng, pageWithCodes } from '../../bench/qr/synth';
import { Clock, FailingSecretStore, idSequence, SECRET_A, SECRET_B, tempDir } from '../accounts/fixtures';
import { createServices } from '../../../main/services';

let scanner: QrScanner;
beforeAll(async () => {
  scanner = await createQrScanner();
});

const ALICE = `otpauth://totp/ACME:alice%40example.com?secret=${SECRET_A}&issuer=ACME`;
const BANK = `otpauth://hotp/Bank:ann?secret=${SECRET_B}&issuer=Bank&counter=2`;
const LINK = 'https://example.com/help';
const BROKEN = 'otpauth://totp/ACME:broken?secret=not*base32';

/** A PNG "screenshot" with the given codes side by side. */
async function screenshot(codes: string[], width = 1280, height = 720): Promise<string> {
  const image = pageWithCodes(
    width,
    height,
    [243, 244, 246],
    // Staggered downwards, so the reading order (top to bottom) is the order given.
    codes.map((text, i) => ({ text, cx: 220 + i * 380, cy: 140 + i * 200, module: 3 })),
  ).image;
  return (await encodePng(image)).toString('base64');
}

const totp = (label: string, secret: string, issuer = 'Crossbar.io'): OtpAccountData => ({
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret,
  issuer,
  label,
});

async function setup(secrets: SecretStore = new MemorySecretStore(), screen?: ScreenCapturePort) {
  const clock = new Clock();
  const metadata = new MetadataFile({ dir: join(await tempDir(), 'data'), now: clock.now, warnings: new Warnings() });
  const accounts = new AccountsService({ metadata, secrets, events: new EventBus(), now: clock.now, newId: idSequence() });
  const store = new PreviewStore<ImportPreview>();
  const service = new QrImportService({ accounts, scanner: async () => scanner, store, ...(screen ? { screen } : {}) });
  return { accounts, metadata, service, secrets, store };
}

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('QrImportService.scanImage', () => {
  it('lists every account of a screenshot with several codes, without secrets, and the other codes apart', async () => {
    const { service } = await setup();
    const preview = await service.scanImage(await screenshot([ALICE, LINK, BANK]), 'shot.png');
    expect(preview.previewId).toMatch(/^[0-9a-f]{32}$/);
    expect(preview.sources).toEqual([{ name: 'shot.png', kind: 'image', codes: 3 }]);
    expect(preview.accounts.map((a) => [a.type, a.issuer, a.label, a.counter, a.secretBits, a.source])).toEqual([
      ['totp', 'ACME', 'alice@example.com', 0, 160, 'shot.png'],
      ['hotp', 'Bank', 'ann', 2, 160, 'shot.png'],
    ]);
    expect(preview.accounts.every((a) => a.duplicateOf === undefined)).toBe(true);
    expect(preview.others).toEqual([{ text: LINK, source: 'shot.png' }]);
    expect(preview.errors).toEqual([]);
    const wire = JSON.stringify(preview);
    expect(wire).not.toContain(SECRET_A);
    expect(wire).not.toContain(SECRET_B);
  });

  it('marks accounts that already exist with the id of the stored one', async () => {
    const { service, accounts } = await setup();
    const existing = await accounts.importUri(ALICE);
    const preview = await service.scanImage(await screenshot([ALICE, BANK]), 'shot.png');
    expect(preview.accounts.map((a) => a.duplicateOf)).toEqual([existing.added[0]!.id, undefined]);
  });

  it('collects Google Authenticator export parts across images and names the missing ones', async () => {
    const { service } = await setup();
    const exported = ['A', 'B', 'C', 'D'].map((c, i) => totp(`op${i}@example.com`, `GEZDGNBVGY3TQOJ${c}`));
    const parts = formatMigrationUris(exported, { maxPerQr: 2, batchId: 0x1234abcd }).uris;
    expect(parts).toHaveLength(2);

    const first = await service.scanImage(await screenshot([parts[1]!]), 'part2.png');
    expect(first.migration).toEqual([
      { id: '1234abcd', size: 2, have: [2], missing: [1], description: 'batch 1234abcd: have part 2 of 2; missing 1' },
    ]);
    expect(first.accounts.map((a) => [a.label, a.batch])).toEqual([
      ['op2@example.com', { id: '1234abcd', index: 1, size: 2 }],
      ['op3@example.com', { id: '1234abcd', index: 1, size: 2 }],
    ]);

    // The same part again (a second screenshot of it) changes nothing; the missing part completes the batch.
    await service.scanImage(await screenshot([parts[1]!]), 'part2-again.png', first.previewId);
    const done = await service.scanImage(await screenshot([parts[0]!]), 'part1.png', first.previewId);
    expect(done.previewId).toBe(first.previewId);
    expect(done.migration.map((b) => [b.have, b.missing])).toEqual([[[1, 2], []]]);
    expect(done.accounts.map((a) => a.label)).toEqual(['op2@example.com', 'op3@example.com', 'op0@example.com', 'op1@example.com']);
    expect(done.sources.map((s) => s.name)).toEqual(['part2.png', 'part2-again.png', 'part1.png']);
  });

  it('reports an unreadable image and a broken OTP code without failing the preview', async () => {
    const { service } = await setup();
    const bad = await service.scanImage(Buffer.from('definitely not an image').toString('base64'), 'notes.txt');
    expect(bad.errors).toEqual([{ source: 'notes.txt', code: 'INVALID_QR', message: expect.stringContaining('Not a supported image') }]);
    expect(bad.accounts).toEqual([]);
    const next = await service.scanImage(await screenshot([BROKEN, ALICE]), 'mixed.png', bad.previewId);
    expect(next.accounts.map((a) => a.label)).toEqual(['alice@example.com']);
    expect(next.errors.map((e) => [e.source, e.code])).toEqual([
      ['notes.txt', 'INVALID_QR'],
      ['mixed.png', 'INVALID_SECRET'],
    ]);
    // The broken URI's text is not echoed (it could hold a secret).
    expect(JSON.stringify(next)).not.toContain('not*base32');
  });

  it('refuses an expired or unknown preview id with NOT_FOUND', async () => {
    const { service } = await setup();
    const e = await rejection(service.scanImage(await screenshot([ALICE]), 'x.png', 'f'.repeat(32)));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.message).toContain('add the file, text or image again');
  });
});

describe('QrImportService.importPreview', () => {
  it('imports exactly the picked entries into the keychain and forgets the preview', async () => {
    const { service, accounts, secrets } = await setup();
    const preview = await service.scanImage(await screenshot([ALICE, BANK]), 'shot.png');
    const bank = preview.accounts.find((a) => a.issuer === 'Bank')!;
    const result = await service.importPreview(preview.previewId, [bank.key]);
    expect(result.added.map((a) => [a.issuer, a.label, a.type, a.counter])).toEqual([['Bank', 'ann', 'hotp', 2]]);
    expect(result.duplicates).toEqual([]);
    expect(await secrets.get(`account:${result.added[0]!.id}`)).toBe(SECRET_B);
    expect((await accounts.list()).map((a) => a.issuer)).toEqual(['Bank']);
    // Imported: the scanned secrets are gone with the preview.
    expect((await rejection(service.importPreview(preview.previewId, [bank.key]))).code).toBe('NOT_FOUND');
  });

  it('skips entries that already exist (checked again at import time)', async () => {
    const { service, accounts } = await setup();
    const preview = await service.scanImage(await screenshot([ALICE, BANK]), 'shot.png');
    await accounts.importUri(ALICE); // added after the scan, e.g. in another window
    const result = await service.importPreview(
      preview.previewId,
      preview.accounts.map((a) => a.key),
    );
    expect(result.added.map((a) => a.issuer)).toEqual(['Bank']);
    expect(result.duplicates).toEqual([{ issuer: 'ACME', label: 'alice@example.com' }]);
  });

  it('is all or nothing: a keychain failure leaves no account and no secret, and the preview can be retried', async () => {
    const failing = new FailingSecretStore(2);
    const { service, accounts } = await setup(failing);
    const preview = await service.scanImage(await screenshot([ALICE, BANK]), 'shot.png');
    const keys = preview.accounts.map((a) => a.key);
    const e = await service.importPreview(preview.previewId, keys).then(
      () => expect.fail('expected a rejection'),
      (error: unknown) => error as { code?: unknown },
    );
    expect(e.code).toBe('KEYCHAIN_ERROR');
    expect(await accounts.list()).toEqual([]);
    expect(failing.keys()).toEqual([]);
    // The store fails only once (the 2nd write); the same preview imports on retry.
    const retry = await service.importPreview(preview.previewId, keys);
    expect(retry.added).toHaveLength(2);
    expect(failing.keys()).toHaveLength(2);
  });

  it('rejects keys that are not in the preview, importing nothing', async () => {
    const { service, accounts } = await setup();
    const preview = await service.scanImage(await screenshot([ALICE]), 'shot.png');
    const e = await rejection(service.importPreview(preview.previewId, [preview.accounts[0]!.key, 'a999']));
    expect([e.code, e.message]).toEqual(['INVALID_ARGUMENT', 'Not in this preview: a999']);
    expect(await accounts.list()).toEqual([]);
  });

  it('discardPreview forgets the preview', async () => {
    const { service, store } = await setup();
    const preview = await service.scanImage(await screenshot([ALICE]), 'shot.png');
    expect(store.size).toBe(1);
    await service.discardPreview(preview.previewId);
    expect(store.size).toBe(0);
  });
});

describe('QrImportService.scanScreen', () => {
  it('answers UNSUPPORTED without a screen capture (web mode, CLI)', async () => {
    const { service } = await setup();
    const e = await rejection(service.scanScreen());
    expect(e.code).toBe('UNSUPPORTED');
    expect(e.message).toContain('desktop app');
  });

  it('scans every captured screen under its name', async () => {
    const png = Buffer.from(await screenshot([BANK], 1920, 1080), 'base64');
    const screens: ScreenCapturePort = { captureScreens: async () => [{ name: 'Screen 1', image: new Uint8Array(png) }] };
    const { service } = await setup(new MemorySecretStore(), screens);
    expect(service.canCaptureScreen).toBe(true);
    const preview = await service.scanScreen();
    expect(preview.accounts.map((a) => [a.issuer, a.source])).toEqual([['Bank', 'Screen 1']]);
  });
});

describe('qr contract limits', () => {
  it('rejects images above the size limit with a clear message, before any decoding', () => {
    const spec = findMethod('qr', 'scanImage')!;
    const tooBig = spec.args.safeParse(['A'.repeat(QR_MAX_IMAGE_BASE64 + 4), 'big.png']);
    expect(tooBig.success).toBe(false);
    expect(tooBig.error?.issues[0]?.message).toBe(`The image is larger than ${QR_MAX_IMAGE_BYTES / 1024 / 1024} MB`);
    expect(spec.args.safeParse(['not base64!', 'x.png']).success).toBe(false);
    expect(spec.args.safeParse(['AAAA', 'x.png', 'not-an-id']).success).toBe(false);
    expect(spec.args.safeParse(['AAAA', 'x.png']).success).toBe(true);
    // The web bridge sends JSON, where an undefined trailing argument arrives as null.
    expect(spec.args.safeParse(['AAAA', 'x.png', null])).toEqual({ success: true, data: ['AAAA', 'x.png', undefined] });
    expect(findMethod('qr', 'scanScreen')!.args.safeParse([null]).success).toBe(true);
  });

  it('lets the web bridge carry the largest accepted image in one frame', () => {
    expect(MAX_PAYLOAD_BYTES).toBeGreaterThan(QR_MAX_IMAGE_BASE64 + 64 * 1024);
  });

  it('is served by createServices: scan, import and the typed errors through dispatch', async () => {
    const services = await createServices({
      dataDir: join(await tempDir(), 'data'),
      keychainService: 'authbahn-unit',
      mode: 'web',
      clipboard: null,
      version: '0.0.0',
      secretStore: new MemorySecretStore(),
      platform: 'linux',
      env: {},
    });
    try {
      const scanned = await dispatch(services.handlers, 'qr', 'scanImage', [await screenshot([ALICE, BANK]), 'shot.png']);
      expect(scanned.ok).toBe(true);
      const preview = scanned.ok ? (scanned.value as { previewId: string; accounts: { key: string }[] }) : undefined;
      const imported = await dispatch(services.handlers, 'qr', 'importPreview', [preview!.previewId, preview!.accounts.map((a) => a.key)]);
      expect(imported.ok && (imported.value as { added: unknown[] }).added.length).toBe(2);
      const screen = await dispatch(services.handlers, 'qr', 'scanScreen', []);
      expect(screen).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    } finally {
      await services.dispose();
    }
  });
});

describe('PreviewStore', () => {
  it('expires previews after the TTL and extends their life on each use', async () => {
    const clock = new Clock(1_000);
    const store = new PreviewStore<string>({ ttlMs: 100, now: clock.now });
    const { id, expiresAt } = store.create('x');
    expect(expiresAt).toBe(1_100);
    clock.ms = 1_090;
    expect(store.get(id)).toEqual({ value: 'x', expiresAt: 1_190 });
    clock.ms = 1_190;
    expect(store.get(id)).toBeUndefined();
    expect(store.size).toBe(0);
  });

  it('drops a preview by timer even if nobody asks for it again', async () => {
    const store = new PreviewStore<string>({ ttlMs: 20 });
    store.create('secretful');
    await new Promise((r) => setTimeout(r, 60));
    expect(store.size).toBe(0);
  });

  it('keeps at most maxEntries, dropping the least recently used', () => {
    let n = 0;
    const store = new PreviewStore<string>({ maxEntries: 2, newId: () => String(++n).padStart(32, '0') });
    const a = store.create('a').id;
    const b = store.create('b').id;
    store.get(a); // a is now the most recent
    const c = store.create('c').id;
    expect([store.get(a)?.value, store.get(b)?.value, store.get(c)?.value]).toEqual(['a', undefined, 'c']);
    store.clear();
    expect(store.size).toBe(0);
  });
});
