// Decodes image files (PNG, JPEG, GIF, WebP, TIFF, AVIF, BMP) into RGBA for the QR scanner.
//
// Library choice: sharp (libvips through N-API). Its prebuilt binaries ship as ordinary npm
// packages (@img/sharp-<platform>), so `npm ci` needs nothing but the npm registry, and Electron
// loads N-API modules without a rebuild. Against the pure-JS pair pngjs + jpeg-js it wins on what
// users actually feed a QR import: JPEG/PNG several times faster on 4K screenshots, GIF/WebP/AVIF/
// TIFF support, EXIF auto-orientation of phone photos, CMYK/16-bit/greyscale/ICC handling, and a
// built-in pixel limit checked from the header before decoding (decompression bombs). BMP, which
// libvips lacks, is read by a small checked decoder of our own (bmp-decode.ts).
//
// Formats are recognised by their magic bytes, never by file name, and anything else (notably
// SVG and PDF, which libvips could render) is refused: an import should not run a renderer on
// arbitrary documents.
import { readFile, stat } from 'node:fs/promises';
import { AppError } from '../../shared/api/errors';
import { decodeBmp, isBmp } from './bmp-decode';

export type ImageFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'tiff' | 'avif' | 'bmp';

export interface DecodedImage {
  width: number;
  height: number;
  /** RGBA, 4 bytes per pixel, alpha already composited onto `background`. */
  data: Uint8ClampedArray;
  format: ImageFormat;
  /** True when the file had transparent pixels (the caller may retry on the other background). */
  hadAlpha: boolean;
}

export interface DecodeOptions {
  /** Largest accepted image in pixels (default 50 MP; above any 8K screenshot). */
  maxPixels?: number;
  /**
   * Colour transparent pixels are composited onto. QR PNGs exported with a transparent background
   * usually have dark modules, so white is the default; light-on-transparent codes need black.
   */
  background?: 'white' | 'black';
}

export interface ReadOptions extends DecodeOptions {
  /** Largest accepted file in bytes (default 200 MB). */
  maxBytes?: number;
}

export const DEFAULT_MAX_PIXELS = 50_000_000;
export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;

const SUPPORTED = 'PNG, JPEG, GIF, WebP, BMP, TIFF or AVIF';

/** Identifies the format from the first bytes; undefined for anything we do not decode. */
export function sniffFormat(bytes: Uint8Array): ImageFormat | undefined {
  const at = (offset: number, ...values: number[]) => values.every((v, i) => bytes[offset + i] === v);
  const ascii = (offset: number, text: string) => at(offset, ...[...text].map((c) => c.charCodeAt(0)));
  if (at(0, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'png';
  if (at(0, 0xff, 0xd8, 0xff)) return 'jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'webp';
  if (at(0, 0x49, 0x49, 0x2a, 0x00) || at(0, 0x4d, 0x4d, 0x00, 0x2a)) return 'tiff';
  if (ascii(4, 'ftyp') && (ascii(8, 'avif') || ascii(8, 'avis'))) return 'avif';
  if (isBmp(bytes) && bytes.length >= 54) return 'bmp';
  return undefined;
}

let cacheDisabled = false;

export async function decodeImage(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const background = options.background ?? 'white';
  if (bytes.length === 0) throw new AppError('INVALID_QR', 'The file is empty', { reason: 'corrupt' });
  const format = sniffFormat(bytes);
  if (!format) {
    throw new AppError('INVALID_QR', `Not a supported image file (expected ${SUPPORTED})`, { reason: 'unsupported' });
  }
  if (format === 'bmp') {
    const { width, height, data } = decodeBmp(bytes, maxPixels);
    const hadAlpha = hasTransparency(data);
    if (hadAlpha) composite(data, background);
    return { width, height, data, format, hadAlpha };
  }
  // Loaded on the first image that needs it: libvips is a large native library, and opening the
  // services (every CLI command, app start) must not pay for it.
  const { default: sharp } = await import('sharp');
  if (!cacheDisabled) {
    // Decoded screenshots can show secrets (that is the point of a QR import): do not let libvips
    // keep them in its operation cache after we are done.
    sharp.cache(false);
    cacheDisabled = true;
  }
  try {
    const pipeline = sharp(bytes, { limitInputPixels: maxPixels, failOn: 'truncated', autoOrient: true, pages: 1 });
    const meta = await pipeline.metadata();
    const { data, info } = await pipeline
      .toColourspace('srgb')
      .ensureAlpha()
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`unexpected channel count ${info.channels}`);
    const rgba = new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
    const hadAlpha = meta.hasAlpha === true && hasTransparency(rgba);
    if (hadAlpha) composite(rgba, background);
    return { width: info.width, height: info.height, data: rgba, format, hadAlpha };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/pixel limit/i.test(message)) {
      throw new AppError('INVALID_QR', `Image is too large (limit ${megapixels(maxPixels)} MP)`, { reason: 'too-large', format });
    }
    throw new AppError('INVALID_QR', `The ${format.toUpperCase()} file is damaged or truncated`, { reason: 'corrupt', format, cause: message });
  }
}

/** Reads and decodes an image file; every failure is an INVALID_QR AppError with details.reason. */
export async function readImageFile(path: string, options: ReadOptions = {}): Promise<DecodedImage> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new AppError('INVALID_QR', `Not a file: ${path}`, { reason: 'unreadable', path });
    if (info.size > maxBytes) {
      throw new AppError('INVALID_QR', `File is too large (${Math.round(info.size / 1048576)} MB; limit ${Math.round(maxBytes / 1048576)} MB)`, {
        reason: 'too-large',
        path,
      });
    }
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new AppError('INVALID_QR', `Cannot read ${path}: ${why}`, { reason: code === 'ENOENT' ? 'not-found' : 'unreadable', path });
  }
  try {
    return await decodeImage(bytes, options);
  } catch (error) {
    if (error instanceof AppError) throw new AppError(error.code, `${path}: ${error.message}`, { ...error.details, path });
    throw error;
  }
}

export const megapixels = (pixels: number) => (pixels / 1e6).toFixed(pixels < 1e7 ? 1 : 0);

function hasTransparency(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i]! < 255) return true;
  return false;
}

/** Alpha-composites in place onto a plain background and makes the result opaque. */
function composite(rgba: Uint8ClampedArray, background: 'white' | 'black'): void {
  const bg = background === 'white' ? 255 : 0;
  for (let i = 0; i < rgba.length; i += 4) {
    const a = rgba[i + 3]!;
    if (a === 255) continue;
    for (let c = 0; c < 3; c++) rgba[i + c] = (rgba[i + c]! * a + bg * (255 - a) + 127) / 255;
    rgba[i + 3] = 255;
  }
}
