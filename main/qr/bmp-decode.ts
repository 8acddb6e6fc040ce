// Minimal BMP reader for the formats screenshot tools write: uncompressed 16/24/32-bit (BI_RGB and
// BI_BITFIELDS) and 1/4/8-bit palette, bottom-up or top-down. libvips (sharp) has no BMP loader, and
// a maintained pure-JS one does not exist; the format is simple enough to read safely here, with
// every header field checked before any allocation.
import { AppError } from '../../shared/api/errors';

export interface RgbaPixels {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

const BI_RGB = 0;
const BI_BITFIELDS = 3;
const BI_ALPHABITFIELDS = 6;

const corrupt = (why: string) => new AppError('INVALID_QR', `The BMP file is damaged: ${why}`, { reason: 'corrupt', format: 'bmp' });

export function isBmp(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x42 && bytes[1] === 0x4d; // "BM"
}

export function decodeBmp(bytes: Uint8Array, maxPixels: number): RgbaPixels {
  if (!isBmp(bytes)) throw corrupt('missing BM signature');
  if (bytes.length < 54) throw corrupt('header is truncated');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dataOffset = view.getUint32(10, true);
  const headerSize = view.getUint32(14, true);
  if (headerSize < 40 || 14 + headerSize > bytes.length) throw corrupt('unsupported or truncated info header');
  const width = view.getInt32(18, true);
  const rawHeight = view.getInt32(22, true);
  const planes = view.getUint16(26, true);
  const bpp = view.getUint16(28, true);
  const compression = view.getUint32(30, true);
  const topDown = rawHeight < 0;
  const height = Math.abs(rawHeight);
  if (planes !== 1 || width <= 0 || height <= 0) throw corrupt(`invalid dimensions ${width}×${rawHeight}`);
  if (width * height > maxPixels) {
    throw new AppError('INVALID_QR', `Image is too large (${width}×${height}; limit ${(maxPixels / 1e6).toFixed(maxPixels < 1e7 ? 1 : 0)} MP)`, {
      reason: 'too-large',
      format: 'bmp',
    });
  }
  const unsupported = () =>
    new AppError('INVALID_QR', `Unsupported BMP variant (${bpp}-bit, compression ${compression}); save the image as PNG`, {
      reason: 'unsupported',
      format: 'bmp',
    });

  let masks: [number, number, number, number] | undefined;
  if (bpp === 32 || bpp === 16) {
    if (compression === BI_BITFIELDS || compression === BI_ALPHABITFIELDS) {
      // Masks follow a 40-byte header, or sit inside V4/V5 headers at the same offset.
      if (54 + 12 > bytes.length) throw corrupt('bit masks are truncated');
      const alpha = compression === BI_ALPHABITFIELDS || headerSize >= 56 ? view.getUint32(66, true) : 0;
      masks = [view.getUint32(54, true), view.getUint32(58, true), view.getUint32(62, true), alpha];
    } else if (compression === BI_RGB) {
      masks = bpp === 32 ? [0x00ff0000, 0x0000ff00, 0x000000ff, 0] : [0x7c00, 0x03e0, 0x001f, 0];
    } else throw unsupported();
  } else if (!((bpp === 24 || bpp === 8 || bpp === 4 || bpp === 1) && compression === BI_RGB)) {
    throw unsupported();
  }

  let palette: Uint8Array | undefined;
  if (bpp <= 8) {
    const colours = view.getUint32(46, true) || 1 << bpp;
    const start = 14 + headerSize;
    if (colours > 1 << bpp || start + colours * 4 > bytes.length) throw corrupt('palette is truncated');
    palette = bytes.subarray(start, start + colours * 4);
  }

  const rowBytes = Math.ceil((width * bpp) / 32) * 4;
  if (dataOffset + rowBytes * height > bytes.length) throw corrupt('pixel data is truncated');
  const out = new Uint8ClampedArray(width * height * 4);
  const channel = masks?.map(maskShape);
  for (let y = 0; y < height; y++) {
    const src = dataOffset + (topDown ? y : height - 1 - y) * rowBytes;
    let o = y * width * 4;
    for (let x = 0; x < width; x++, o += 4) {
      if (bpp === 24) {
        const p = src + x * 3;
        out[o] = bytes[p + 2]!;
        out[o + 1] = bytes[p + 1]!;
        out[o + 2] = bytes[p]!;
        out[o + 3] = 255;
      } else if (channel) {
        const px = bpp === 32 ? view.getUint32(src + x * 4, true) : view.getUint16(src + x * 2, true);
        out[o] = channel[0]!(px);
        out[o + 1] = channel[1]!(px);
        out[o + 2] = channel[2]!(px);
        out[o + 3] = masks![3] ? channel[3]!(px) : 255;
      } else {
        const bit = x * bpp;
        const index = (bytes[src + (bit >> 3)]! >> (8 - bpp - (bit & 7))) & ((1 << bpp) - 1);
        if (index * 4 + 3 > palette!.length) throw corrupt('palette index out of range');
        out[o] = palette![index * 4 + 2]!;
        out[o + 1] = palette![index * 4 + 1]!;
        out[o + 2] = palette![index * 4]!;
        out[o + 3] = 255;
      }
    }
  }
  if (masks?.[3] && allTransparent(out)) {
    // Some writers declare an alpha mask but leave it zero everywhere; honouring it would turn a
    // perfectly good screenshot into a blank (fully transparent) image.
    for (let i = 3; i < out.length; i += 4) out[i] = 255;
  }
  return { width, height, data: out };
}

function allTransparent(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) return false;
  return true;
}

/** Turns a channel bit mask into an extractor scaling the channel to 0..255. */
function maskShape(mask: number): (px: number) => number {
  if (mask === 0) return () => 0;
  let shift = 0;
  while (((mask >>> shift) & 1) === 0) shift++;
  const max = mask >>> shift;
  return (px) => Math.round((((px & mask) >>> shift) * 255) / max);
}
