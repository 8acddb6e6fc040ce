// Loads the zxing-cpp WebAssembly reader from node_modules and exposes one narrow read function.
//
// zxing-wasm by default fetches its .wasm from a CDN; we never allow that (offline use, the app's
// CSP, supply-chain integrity). Instead we read the binary that npm installed next to the JS glue,
// check it against the SHA-256 the package was built with, and hand it to Emscripten as
// `wasmBinary`, so no fetch or locateFile path is ever taken.
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import {
  prepareZXingModule,
  readBarcodes,
  ZXING_WASM_SHA256,
  type ReaderOptions,
  type ReadResult,
} from 'zxing-wasm/reader';
import { AppError } from '../../shared/api/errors';

/** What the scanner needs from zxing: RGBA in, results out. An interface so tests can wrap it. */
export interface ZxingReader {
  read(image: { width: number; height: number; data: Uint8ClampedArray }, options: ReaderOptions): Promise<ReadResult[]>;
}

export interface ZxingLoadOptions {
  /** Path of zxing_reader.wasm; defaults to the copy inside node_modules/zxing-wasm. */
  wasmPath?: string;
}

/** zxing-wasm keeps one module per process, so loading is memoised the same way. */
let loading: Promise<ZxingReader> | undefined;

export function defaultWasmPath(): string {
  // Resolved through the package's own "exports" map, so a zxing-wasm upgrade that moves the file
  // still works, and the bundled CLI (dist/main) finds the same node_modules copy.
  return createRequire(import.meta.url).resolve('zxing-wasm/reader/zxing_reader.wasm');
}

export function loadZxingReader(options: ZxingLoadOptions = {}): Promise<ZxingReader> {
  loading ??= instantiate(options.wasmPath ?? defaultWasmPath()).catch((error: unknown) => {
    loading = undefined; // let a later call retry (e.g. after the user fixes the install)
    throw error;
  });
  return loading;
}

async function instantiate(wasmPath: string): Promise<ZxingReader> {
  let bytes: Buffer;
  try {
    bytes = await readFile(wasmPath);
  } catch (error) {
    throw new AppError('INTERNAL', `QR reader engine missing: cannot read ${wasmPath}`, { cause: String(error) });
  }
  const digest = createHash('sha256').update(bytes).digest('hex');
  if (digest !== ZXING_WASM_SHA256) {
    // A mismatched binary crashes in obscure ways inside Emscripten; say what is wrong instead.
    throw new AppError('INTERNAL', 'QR reader engine does not match the installed zxing-wasm version (reinstall dependencies)', {
      path: wasmPath,
    });
  }
  const wasmBinary = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  await prepareZXingModule({ overrides: { wasmBinary }, fireImmediately: true });
  return { read: (image, readerOptions) => readBarcodes(image as ImageData, readerOptions) };
}
