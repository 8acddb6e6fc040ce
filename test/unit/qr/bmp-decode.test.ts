import { describe, expect, it } from 'vitest';
import { decodeBmp } from '../../../main/qr/bmp-decode';
import { AppError } from '../../../shared/api/errors';
import { encodeBmp } from '../../bench/qr/bmp-encode';

// 3×2 test picture, RGBA rows top to bottom: red green blue / white black grey.
const PIXELS = [
  [255, 0, 0],
  [0, 255, 0],
  [0, 0, 255],
  [255, 255, 255],
  [0, 0, 0],
  [128, 128, 128],
];
const rgba = Uint8ClampedArray.from(PIXELS.flatMap((p) => [...p, 255]));

function decodeError(bytes: Uint8Array, maxPixels = 1e6): AppError {
  try {
    decodeBmp(bytes, maxPixels);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return e as AppError;
  }
  throw new Error('expected decodeBmp to throw');
}

describe('decodeBmp', () => {
  it('reads 24-bit bottom-up files (row padding included)', () => {
    const out = decodeBmp(encodeBmp({ width: 3, height: 2, data: rgba }, { bpp: 24 }), 1e6);
    expect([out.width, out.height]).toEqual([3, 2]);
    expect([...out.data]).toEqual([...rgba]);
  });

  it('reads 32-bit top-down BI_BITFIELDS files', () => {
    const out = decodeBmp(encodeBmp({ width: 3, height: 2, data: rgba }, { bpp: 32, topDown: true }), 1e6);
    expect([...out.data]).toEqual([...rgba]);
  });

  it('honours a real alpha channel but ignores one that is zero everywhere', () => {
    const translucent = Uint8ClampedArray.from(rgba);
    translucent[3] = 128;
    const withAlpha = decodeBmp(encodeBmp({ width: 3, height: 2, data: translucent }, { bpp: 32, alpha: true }), 1e6);
    expect([...withAlpha.data]).toEqual([...translucent]);
    const zeroAlpha = Uint8ClampedArray.from(rgba);
    for (let i = 3; i < zeroAlpha.length; i += 4) zeroAlpha[i] = 0;
    const opaque = decodeBmp(encodeBmp({ width: 3, height: 2, data: zeroAlpha }, { bpp: 32, alpha: true }), 1e6);
    expect([...opaque.data]).toEqual([...rgba]);
  });

  it('reads 8-bit palette files', () => {
    const out = decodeBmp(encodeBmp({ width: 3, height: 2, data: rgba }, { bpp: 8 }), 1e6);
    expect([...out.data]).toEqual([...rgba]);
  });

  it('refuses truncated and compressed files with INVALID_QR', () => {
    const good = encodeBmp({ width: 3, height: 2, data: rgba }, { bpp: 24 });
    expect(decodeError(good.subarray(0, good.length - 4)).details).toMatchObject({ reason: 'corrupt' });
    expect(decodeError(good.subarray(0, 30)).details).toMatchObject({ reason: 'corrupt' });
    const rle = Uint8Array.from(good);
    new DataView(rle.buffer).setUint32(30, 1, true); // BI_RLE8
    const e = decodeError(rle);
    expect(e.code).toBe('INVALID_QR');
    expect(e.details).toMatchObject({ reason: 'unsupported' });
  });

  it('refuses absurd dimensions before allocating anything', () => {
    const huge = Uint8Array.from(encodeBmp({ width: 3, height: 2, data: rgba }, { bpp: 24 }));
    const view = new DataView(huge.buffer);
    view.setInt32(18, 100_000, true);
    view.setInt32(22, 100_000, true);
    expect(decodeError(huge, 50_000_000).details).toMatchObject({ reason: 'too-large' });
    view.setInt32(18, 0, true);
    expect(decodeError(huge).details).toMatchObject({ reason: 'corrupt' });
  });
});
