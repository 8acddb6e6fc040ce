// Image files, drops and pastes to the base64 text the `qr.scanImage` call carries. Decoding happens
// in main (sharp), so the renderer needs no canvas and never looks at the pixels.
import { QR_MAX_IMAGE_BYTES } from '../../../shared/api/qr-contract';

export const MAX_IMAGE_MB = QR_MAX_IMAGE_BYTES / 1024 / 1024;

export interface ImageItem {
  blob: Blob;
  /** Shown as the source of the codes found in it. */
  name: string;
}

/** Why an image cannot be sent, checked before reading it into memory; null when it can. */
export function imageProblem(item: ImageItem): string | null {
  if (item.blob.size === 0) return 'The file is empty';
  if (item.blob.size > QR_MAX_IMAGE_BYTES) {
    return `The image is ${(item.blob.size / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_IMAGE_MB} MB (crop it or save it as PNG/JPEG)`;
  }
  return null;
}

/** Base64 of the bytes, built in chunks (String.fromCharCode over a whole screenshot would overflow the stack). */
export function bytesToBase64(bytes: Uint8Array): string {
  const CHUNK = 0x8000;
  let binary = '';
  for (let i = 0; i < bytes.length; i += CHUNK) binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(binary);
}

export async function blobToBase64(blob: Blob): Promise<string> {
  return bytesToBase64(new Uint8Array(await blob.arrayBuffer()));
}

/** Image files among pasted clipboard items (a screenshot pasted with Ctrl+V arrives as one). */
export function pastedImages(items: Iterable<{ kind: string; type: string; getAsFile(): File | null }>): ImageItem[] {
  const out: ImageItem[] = [];
  let n = 0;
  for (const item of items) {
    if (item.kind !== 'file' || !item.type.startsWith('image/')) continue;
    const file = item.getAsFile();
    if (!file) continue;
    n += 1;
    // Browsers name every pasted bitmap "image.png"; a numbered generic name says more.
    const generic = file.name === '' || /^image\.\w+$/i.test(file.name);
    out.push({ blob: file, name: generic ? `Pasted image${n > 1 ? ` ${n}` : ''}` : file.name });
  }
  return out;
}
