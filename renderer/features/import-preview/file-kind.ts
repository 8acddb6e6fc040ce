// Which dropped or picked files are screenshots (scanned for QR codes) and which are export files
// (read by format in main), and which cannot be sent at all.
import { IMPORT_MAX_FILE_BYTES } from '../../../shared/api/import-contract';

export const MAX_FILE_MB = IMPORT_MAX_FILE_BYTES / 1024 / 1024;

const IMAGE_EXTENSIONS = /\.(png|jpe?g|gif|webp|bmp|tiff?|avif)$/i;

/** By MIME type or, when the browser gives none (drops from some file managers), by extension. */
export function isImageFile(file: { name: string; type: string }): boolean {
  return file.type.startsWith('image/') || (file.type === '' && IMAGE_EXTENSIONS.test(file.name));
}

/** Why an export file cannot be sent, checked before reading it into memory; null when it can. */
export function fileProblem(file: { size: number }): string | null {
  if (file.size === 0) return 'The file is empty';
  if (file.size > IMPORT_MAX_FILE_BYTES) {
    return `The file is ${(file.size / 1024 / 1024).toFixed(1)} MiB; no authenticator export is larger than ${MAX_FILE_MB} MiB`;
  }
  return null;
}
