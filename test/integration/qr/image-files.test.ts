// Real image files on disk, decoded by sharp (and our BMP reader), scanned by the real engines.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQrScanner } from '../../../main/qr/create-scanner';
import { readImageFile, sniffFormat } from '../../../main/qr/image-decode';
import type { QrScanner } from '../../../main/qr/scanner';
import { scanImageBytes } from '../../../main/qr/scan-image';
import { AppError } from '../../../shared/api/errors';
import { encodeBmp } from '../../bench/qr/bmp-encode';
import { encodeJpeg, encodePng, pageWithCodes, randomOtpauthUri, seededRandom, type RgbaImage } from '../../bench/qr/synth';

let dir: string;
let scanner: QrScanner;
const text = randomOtpauthUri(seededRandom(7), 7);
let page: RgbaImage;

const raw = (img: RgbaImage) =>
  sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.byteLength), { raw: { width: img.width, height: img.height, channels: 4 } });

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('INVALID_QR');
  return error as AppError;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authbahn-qr-files-'));
  scanner = await createQrScanner();
  page = pageWithCodes(640, 480, [243, 244, 246], [{ text, cx: 320, cy: 240, module: 4 }]).image;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readImageFile + scanner', () => {
  const formats: [string, () => Promise<Uint8Array>][] = [
    ['png', () => encodePng(page)],
    ['jpeg', () => encodeJpeg(page, 60)],
    ['gif', () => raw(page).gif().toBuffer()],
    ['webp', () => raw(page).webp({ quality: 80 }).toBuffer()],
    ['tiff', () => raw(page).tiff().toBuffer()],
    ['avif', () => raw(page).avif({ quality: 70 }).toBuffer()],
    ['bmp', async () => encodeBmp(page, { bpp: 24 })],
  ];
  for (const [format, encode] of formats) {
    it(`decodes ${format.toUpperCase()} files and finds the code`, async () => {
      const path = join(dir, `page.${format}`);
      await writeFile(path, await encode());
      const img = await readImageFile(path);
      expect([img.format, img.width, img.height, img.data.length]).toEqual([format, 640, 480, 640 * 480 * 4]);
      expect((await scanner.scan(img)).map((c) => c.text)).toEqual([text]);
    });
  }

  it('recognises formats by content, not by file name', async () => {
    const path = join(dir, 'really-a-jpeg.png');
    await writeFile(path, await encodeJpeg(page, 80));
    expect((await readImageFile(path)).format).toBe('jpeg');
    expect(sniffFormat(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
  });

  it('applies EXIF orientation (phone photos of a screen)', async () => {
    const path = join(dir, 'rotated.jpg');
    await writeFile(path, await raw(page).jpeg().withMetadata({ orientation: 6 }).toBuffer());
    const img = await readImageFile(path);
    expect([img.width, img.height]).toEqual([480, 640]);
    expect((await scanner.scan(img)).map((c) => c.text)).toEqual([text]);
  });

  it('composites transparency onto white by default and onto black on request', async () => {
    const rgba = new Uint8ClampedArray(4 * 4 * 4); // fully transparent 4×4
    const path = join(dir, 'transparent.png');
    await writeFile(path, await encodePng({ width: 4, height: 4, data: rgba }));
    const white = await readImageFile(path);
    expect(white.hadAlpha).toBe(true);
    expect([...white.data.subarray(0, 4)]).toEqual([255, 255, 255, 255]);
    const black = await readImageFile(path, { background: 'black' });
    expect([...black.data.subarray(0, 4)]).toEqual([0, 0, 0, 255]);
    expect((await readImageFile(join(dir, 'page.png'))).hadAlpha).toBe(false);
  });
});

describe('scanImageBytes', () => {
  it('finds light codes on a transparent background by retrying on black', async () => {
    const light = pageWithCodes(400, 400, [0, 0, 0], [{ text, cx: 200, cy: 200, module: 4, fg: [255, 255, 255], bg: [0, 0, 0] }]).image;
    for (let i = 0; i < light.data.length; i += 4) {
      light.data[i + 3] = light.data[i]!; // white modules opaque, everything else transparent
      light.data[i] = light.data[i + 1] = light.data[i + 2] = 255;
    }
    expect((await scanImageBytes(await encodePng(light), scanner)).map((c) => c.text)).toEqual([text]);
  });

  it('rejects bytes that are not an image with INVALID_QR', async () => {
    await rejection(scanImageBytes(new TextEncoder().encode('hello'), scanner));
  });
});

describe('readImageFile errors', () => {
  it('reports a truncated PNG as corrupt', async () => {
    const path = join(dir, 'truncated.png');
    const png = await encodePng(page);
    await writeFile(path, png.subarray(0, Math.floor(png.length / 2)));
    const e = await rejection(readImageFile(path));
    expect(e.details).toMatchObject({ reason: 'corrupt', format: 'png', path });
    expect(e.message).toContain(path);
  });

  it('reports a JPEG with garbage after the header as corrupt', async () => {
    const path = join(dir, 'garbage.jpg');
    const jpeg = Uint8Array.from(await encodeJpeg(page, 70));
    for (let i = 200; i < jpeg.length; i++) jpeg[i] = (i * 7) & 0xff;
    await writeFile(path, jpeg);
    expect((await rejection(readImageFile(path))).details).toMatchObject({ reason: 'corrupt' });
  });

  it('refuses files that are not images (text, SVG, empty)', async () => {
    for (const [name, body] of [
      ['notes.png', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP'],
      ['code.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'],
      ['empty.png', ''],
    ] as const) {
      const path = join(dir, name);
      await writeFile(path, body);
      const e = await rejection(readImageFile(path));
      expect(['unsupported', 'corrupt']).toContain(e.details?.reason);
    }
  });

  it('reports missing files and directories as unreadable', async () => {
    expect((await rejection(readImageFile(join(dir, 'nope.png')))).details).toMatchObject({ reason: 'not-found' });
    await mkdir(join(dir, 'folder.png'), { recursive: true });
    expect((await rejection(readImageFile(join(dir, 'folder.png')))).details).toMatchObject({ reason: 'unreadable' });
  });

  it('enforces the pixel and byte limits', async () => {
    const path = join(dir, 'page.png');
    await writeFile(path, await encodePng(page));
    expect((await rejection(readImageFile(path, { maxPixels: 100_000 }))).details).toMatchObject({ reason: 'too-large' });
    expect((await rejection(readImageFile(path, { maxBytes: 1000 }))).details).toMatchObject({ reason: 'too-large' });
    const bmp = join(dir, 'page.bmp');
    await writeFile(bmp, encodeBmp(page, { bpp: 24 }));
    expect((await rejection(readImageFile(bmp, { maxPixels: 100_000 }))).details).toMatchObject({ reason: 'too-large' });
  });
});
