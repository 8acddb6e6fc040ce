// scanFiles over real files: aggregation across images, migration parts, duplicates and failures.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQrScanner } from '../../../main/qr/create-scanner';
import { readImageFile } from '../../../main/qr/image-decode';
import { scanFiles, type ScanFilesResult } from '../../../main/qr/scan-files';
import type { QrScanner } from '../../../main/qr/scanner';
import { formatMigrationUris } from '../../../shared/otp/migration';
import type { OtpAccountData } from '../../../shared/otp/types';
import { blankImage, drawClutter, encodeJpeg, encodePng, LIGHT, pageWithCodes, seededRandom } from '../../bench/qr/synth';

const totp = (label: string, secret: string, issuer = 'ACME'): OtpAccountData => ({
  type: 'totp',
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secret,
  issuer,
  label,
});

const alice = totp('alice@example.com', 'JBSWY3DPEHPK3PXP');
const aliceUri = 'otpauth://totp/ACME:alice%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME';
const darkAccount = totp('night@example.com', 'GEZDGNBVGY3TQOJQ', 'Dark');
const darkUri = 'otpauth://totp/Dark:night%40example.com?secret=GEZDGNBVGY3TQOJQ&issuer=Dark';
const badUri = 'otpauth://totp/ACME:broken?secret=not*base32';
const url = 'https://example.com/help';
const exported = ['A', 'B', 'C', 'D', 'E', 'F'].map((c, i) => totp(`op${i}@example.com`, `GEZDGNBVGY3TQOJ${c}`, 'Crossbar.io'));
const parts = formatMigrationUris(exported, { maxPerQr: 2, batchId: 0x1234abcd }).uris; // 3 parts

let dir: string;
let scanner: QrScanner;
let result: ScanFilesResult;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authbahn-scan-files-'));
  scanner = await createQrScanner();
  const page = (codes: string[]) =>
    pageWithCodes(
      1280,
      720,
      [243, 244, 246],
      codes.map((text, i) => ({ text, cx: 250 + i * 400, cy: 360, module: 3 })),
    ).image;

  await writeFile(file('a.png'), await encodePng(page([aliceUri, url, badUri])));
  await writeFile(file('b.jpg'), await encodeJpeg(page([parts[0]!, aliceUri]), 80));
  await writeFile(file('c.png'), await encodePng(page([parts[2]!])));
  await writeFile(file('c-again.png'), await encodePng(page([parts[2]!])));
  const broken = await encodePng(page([aliceUri]));
  await writeFile(file('broken.png'), broken.subarray(0, 500));
  const nothing = blankImage(800, 600, LIGHT.page);
  drawClutter(nothing, seededRandom(1), LIGHT, []);
  await writeFile(file('nothing.png'), await encodePng(nothing));
  // A dark-mode export with a transparent background: white modules, everything else transparent.
  const light = pageWithCodes(500, 500, [0, 0, 0], [{ text: darkUri, cx: 250, cy: 250, module: 5, fg: [255, 255, 255], bg: [0, 0, 0] }]).image;
  for (let i = 0; i < light.data.length; i += 4) {
    light.data[i + 3] = light.data[i]!;
    light.data[i] = light.data[i + 1] = light.data[i + 2] = 255;
  }
  await writeFile(file('transparent.png'), await encodePng(light));

  result = await scanFiles(
    ['a.png', 'b.jpg', 'c.png', 'c-again.png', 'broken.png', 'missing.png', 'nothing.png', 'transparent.png'].map(file),
    { scanner },
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('scanFiles', () => {
  it('reports every file, with its codes or its error, in the order given', () => {
    expect(result.files.map((f) => [f.path, f.codes.length, f.error?.code])).toEqual([
      [file('a.png'), 3, undefined],
      [file('b.jpg'), 2, undefined],
      [file('c.png'), 1, undefined],
      [file('c-again.png'), 1, undefined],
      [file('broken.png'), 0, 'INVALID_QR'],
      [file('missing.png'), 0, 'INVALID_QR'],
      [file('nothing.png'), 0, undefined],
      [file('transparent.png'), 1, undefined],
    ]);
    expect(result.files[4]!.error?.details).toMatchObject({ reason: 'corrupt' });
    expect(result.files[5]!.error?.details).toMatchObject({ reason: 'not-found' });
  });

  it('lists each distinct account once, with the file it first came from', () => {
    expect(result.accounts).toEqual([
      { ...alice, source: file('a.png') },
      { ...exported[0]!, source: file('b.jpg') },
      { ...exported[1]!, source: file('b.jpg') },
      { ...exported[4]!, source: file('c.png') },
      { ...exported[5]!, source: file('c.png') },
      { ...darkAccount, source: file('transparent.png') },
    ]);
  });

  it('says which parts of the export are missing, counting a repeated part once', () => {
    expect(result.migration).toEqual([{ batchId: 0x1234abcd, size: 3, have: [1, 3], missing: [2] }]);
  });

  it('keeps non-OTP codes and broken OTP payloads apart from the accounts', () => {
    expect(result.other).toEqual([{ source: file('a.png'), text: url }]);
    expect(result.invalid).toHaveLength(1);
    expect(result.invalid[0]).toMatchObject({ source: file('a.png'), text: badUri, error: { code: 'INVALID_SECRET' } });
    expect(result.skipped).toEqual([]);
  });

  it('retries a transparent image on black only when white showed nothing', async () => {
    const calls: string[] = [];
    await scanFiles([file('transparent.png'), file('a.png')], {
      scanner,
      readImage: (path, options) => {
        calls.push(`${path.slice(dir.length + 1)}:${options.background}`);
        return readImageFile(path, options);
      },
    });
    expect(calls).toEqual(['transparent.png:white', 'transparent.png:black', 'a.png:white']);
  });

  it('turns unexpected failures into error entries and carries on', async () => {
    let calls = 0;
    const flaky = {
      scan: async (img: Parameters<QrScanner['scan']>[0]) => {
        if (calls++ === 0) throw new Error('boom');
        return scanner.scan(img);
      },
    };
    const out = await scanFiles([file('a.png'), file('c.png')], { scanner: flaky });
    expect(out.files.map((f) => f.error?.code)).toEqual(['INTERNAL', undefined]);
    expect(out.files[0]!.error?.message).toBe('boom');
    expect(out.accounts.map((a) => a.label)).toEqual(['op4@example.com', 'op5@example.com']);
  });
});
