// Loading order matters here (the engine is memoised per process once it loads), so the failure
// cases run first; vitest gives every test file its own module instance.
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultWasmPath, loadZxingReader } from '../../../main/qr/zxing-engine';
import { AppError } from '../../../shared/api/errors';
import { pageWithCodes } from '../../bench/qr/synth';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'authbahn-zxing-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadZxingReader', () => {
  it('resolves the wasm inside node_modules, never a URL', () => {
    const path = defaultWasmPath();
    expect(path).toMatch(/node_modules[\\/]zxing-wasm[\\/].*zxing_reader\.wasm$/);
  });

  it('fails clearly when the wasm file is missing', async () => {
    const error = await loadZxingReader({ wasmPath: join(dir, 'missing.wasm') }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('INTERNAL');
    expect((error as AppError).message).toMatch(/QR reader engine missing/);
  });

  it('refuses a wasm binary that is not the one the package was built with', async () => {
    const tampered = join(dir, 'tampered.wasm');
    const bytes = await readFile(defaultWasmPath());
    bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 0xff, bytes.length - 1);
    await writeFile(tampered, bytes);
    const error = await loadZxingReader({ wasmPath: tampered }).catch((e: unknown) => e);
    expect((error as AppError).message).toMatch(/does not match/);
  });

  it('loads a good copy after earlier failures and reads codes with it, without any network', async () => {
    const copy = join(dir, 'zxing_reader.wasm');
    await copyFile(defaultWasmPath(), copy);
    const realFetch = globalThis.fetch;
    globalThis.fetch = () => Promise.reject(new Error('network access attempted'));
    try {
      const reader = await loadZxingReader({ wasmPath: copy });
      const { image } = pageWithCodes(300, 300, [255, 255, 255], [{ text: 'engine check', cx: 150, cy: 150, module: 4 }]);
      const results = await reader.read(image, { formats: ['QRCode'] });
      expect(results.map((r) => r.text)).toEqual(['engine check']);
      expect(await loadZxingReader()).toBe(reader); // memoised: one module per process
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
