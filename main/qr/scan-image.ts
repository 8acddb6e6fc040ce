// Scanning one encoded image (file contents, a dropped file, a pasted PNG): decode, scan, and for
// images with transparency retry on a black background when white showed nothing. Shared by
// scanFiles (CLI) and, later, the import API that receives image bytes from the renderer.
import type { QrCodeFound } from '../../shared/qr/types';
import { decodeImage, type DecodedImage, type DecodeOptions } from './image-decode';
import type { RgbaInput } from './scanner';

export interface ImageScanner {
  scan(image: RgbaInput): Promise<QrCodeFound[]>;
}

/**
 * `decode` is called with 'white' first. QR images exported with a transparent background usually
 * have dark modules (white works); dark-mode exports have light modules, which vanish on white.
 */
export async function scanWithBackgrounds(
  decode: (background: 'white' | 'black') => Promise<DecodedImage>,
  scanner: ImageScanner,
): Promise<QrCodeFound[]> {
  const image = await decode('white');
  const codes = await scanner.scan(image);
  if (codes.length > 0 || !image.hadAlpha) return codes;
  return scanner.scan(await decode('black'));
}

/** Decodes image bytes (PNG, JPEG, GIF, WebP, TIFF, AVIF, BMP) and returns every QR code in them. */
export function scanImageBytes(bytes: Uint8Array, scanner: ImageScanner, limits: Pick<DecodeOptions, 'maxPixels'> = {}): Promise<QrCodeFound[]> {
  return scanWithBackgrounds((background) => decodeImage(bytes, { ...limits, background }), scanner);
}
