import { describe, expect, it } from 'vitest';
import type { QrPreviewAccount } from '../../../shared/api/qr-contract';
import { QR_MAX_IMAGE_BYTES } from '../../../shared/api/qr-contract';
import { blobToBase64, bytesToBase64, imageProblem, pastedImages } from '../../../renderer/features/qr-import/image-bytes';
import { EMPTY_SELECTION, mergeSelection, setAll, toggle } from '../../../renderer/features/qr-import/selection';

const account = (key: string, duplicateOf?: string): QrPreviewAccount => ({
  key,
  type: 'totp',
  issuer: 'ACME',
  label: key,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  secretBits: 160,
  tags: [],
  source: 'shot.png',
  ...(duplicateOf ? { duplicateOf } : {}),
});

describe('QR import selection', () => {
  it('ticks new accounts, leaves duplicates unticked, and keeps the user\'s choices as images are added', () => {
    let s = mergeSelection(EMPTY_SELECTION, [account('a1'), account('a2', 'existing')]);
    expect([...s.selected]).toEqual(['a1']);
    s = toggle(s, 'a1', false);
    s = toggle(s, 'a2', true);
    s = mergeSelection(s, [account('a1'), account('a2', 'existing'), account('a3')]);
    expect([...s.selected].sort()).toEqual(['a2', 'a3']);
  });

  it('select all / none covers exactly the preview\'s accounts', () => {
    const accounts = [account('a1'), account('a2', 'x')];
    const s = mergeSelection(EMPTY_SELECTION, accounts);
    expect([...setAll(s, accounts, true).selected]).toEqual(['a1', 'a2']);
    expect([...setAll(s, accounts, false).selected]).toEqual([]);
  });
});

describe('QR import image bytes', () => {
  it('base64-encodes large buffers in chunks exactly like Buffer does', async () => {
    const bytes = new Uint8Array(300_001);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31 + 7) & 0xff;
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(await blobToBase64(new Blob([bytes]))).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array(0))).toBe('');
  });

  it('refuses empty and oversized images before reading them', () => {
    expect(imageProblem({ blob: new Blob([]), name: 'x.png' })).toBe('The file is empty');
    const big = { size: QR_MAX_IMAGE_BYTES + 1 } as Blob;
    expect(imageProblem({ blob: big, name: 'huge.png' })).toMatch(/limit is 25 MB/);
    expect(imageProblem({ blob: new Blob([new Uint8Array(10)]), name: 'ok.png' })).toBeNull();
  });

  it('takes only image files from a paste and names the browser\'s generic "image.png" usefully', () => {
    const file = (name: string, type: string) => new File([new Uint8Array(4)], name, { type });
    const item = (f: File | null, kind = 'file') => ({ kind, type: f?.type ?? 'text/plain', getAsFile: () => f });
    const images = pastedImages([
      item(null, 'string'),
      item(file('image.png', 'image/png')),
      item(file('notes.txt', 'text/plain')),
      item(file('qr-export.jpg', 'image/jpeg')),
      item(file('image.png', 'image/png')),
    ]);
    expect(images.map((i) => i.name)).toEqual(['Pasted image', 'qr-export.jpg', 'Pasted image 3']);
  });
});
