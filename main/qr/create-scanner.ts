// Composition of the production scanner: zxing-wasm from node_modules plus jsQR as the fallback.
// Kept apart from scanner.ts so the scanner itself has no file-system or module-loading concerns.
import jsQR from 'jsqr';
import { QrScanner, type QrScannerOptions } from './scanner';
import { loadZxingReader, type ZxingLoadOptions } from './zxing-engine';

export async function createQrScanner(options: QrScannerOptions & ZxingLoadOptions = {}): Promise<QrScanner> {
  const zxing = await loadZxingReader(options.wasmPath === undefined ? {} : { wasmPath: options.wasmPath });
  return new QrScanner({ zxing, jsqr: jsQR }, options);
}
