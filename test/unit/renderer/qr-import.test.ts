import { describe, expect, it } from 'vitest';
import type { QrPreviewAccount } from '../../../shared/api/qr-contract';
import { QR_MAX_IMAGE_BYTES } from '../../../shared/api/qr-contract';
import { blobToBase64, bytesToBase64, imageProblem, pastedImages } from '../../../renderer/features/qr-import/image-bytes';
import { EMPTY_SELECTION, mergeSelection, picksOf, selectAllState, setAction, setAll, toggle } from '../../../renderer/features/import-preview/selection';
import { importButtonLabel } from '../../../renderer/features/import-preview/summary';
import { sourcesText } from '../../../renderer/features/import-preview/ImportPreviewList';
import { isImageFile } from '../../../renderer/features/import-preview/file-kind';

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
    s = mergeSelection(s, [account('a1'), account('a2', 'existing'), account('a3')]);
    expect([...s.selected].sort()).toEqual(['a3']);
  });

  it('select all / none covers exactly the importable accounts (duplicates are skipped by the import)', () => {
    const accounts = [account('a1'), account('a2', 'x'), account('a3')];
    const s = mergeSelection(EMPTY_SELECTION, accounts);
    expect([...setAll(s, accounts, true).selected]).toEqual(['a1', 'a3']);
    expect([...setAll(s, accounts, false).selected]).toEqual([]);
    // A duplicate ticked anyway (e.g. by an older state) is never sent to the import.
    expect(picksOf(toggle(s, 'a2', true), accounts)).toEqual([{ key: 'a1' }, { key: 'a3' }]);
  });

  it('"select all" shows ticked when every importable account is, mixed when some are (duplicates do not count)', () => {
    const accounts = [account('a1'), account('a2', 'x'), account('a3')];
    const s = mergeSelection(EMPTY_SELECTION, accounts);
    // The default: both new accounts ticked, the duplicate not — that is "all".
    expect(selectAllState(s.selected, accounts)).toBe('all');
    expect(selectAllState(toggle(s, 'a3', false).selected, accounts)).toBe('some');
    expect(selectAllState(setAll(s, accounts, false).selected, accounts)).toBe('none');
    expect(selectAllState(new Set(), [account('d', 'x')])).toBe('none');
  });

  it('the import button always says how many accounts it imports', () => {
    expect(importButtonLabel(0, false)).toBe('Import');
    expect(importButtonLabel(1, false)).toBe('Import 1 account');
    expect(importButtonLabel(3, false)).toBe('Import 3 accounts');
    expect(importButtonLabel(3, true)).toBe('Importing…');
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

describe('import preview picks', () => {
  it('a same-name conflict is ticked and kept both unless the user picks replace; duplicates are unticked', () => {
    const conflict = { ...account('a1'), conflictOf: 'stored1' };
    const accounts = [conflict, account('a2'), account('a3', 'stored3')];
    let s = mergeSelection(EMPTY_SELECTION, accounts);
    expect(picksOf(s, accounts)).toEqual([{ key: 'a1', action: 'keep-both' }, { key: 'a2' }]);
    s = setAction(s, 'a1', 'replace');
    expect(picksOf(s, accounts)).toEqual([{ key: 'a1', action: 'replace' }, { key: 'a2' }]);
    // More sources added later keep the choice.
    s = mergeSelection(s, [...accounts, account('a4')]);
    expect(picksOf(s, [...accounts, account('a4')])).toEqual([{ key: 'a1', action: 'replace' }, { key: 'a2' }, { key: 'a4' }]);
  });

  it('names the sources in the heading', () => {
    const src = (name: string, kind: 'image' | 'file' | 'text', format?: string) => ({ name, kind, codes: 1, ...(format ? { format } : {}) });
    expect(sourcesText({ sources: [src('a.png', 'image'), src('b.png', 'image')] })).toBe('2 images');
    expect(sourcesText({ sources: [src('vault.json', 'file', 'Aegis vault (JSON, plain or encrypted)')] })).toBe('vault.json (Aegis vault)');
    expect(sourcesText({ sources: [src('Pasted text', 'text', 'otpauth:// URI list')] })).toBe('the pasted text');
    expect(sourcesText({ sources: [src('vault.json', 'file'), src('a.png', 'image')] })).toBe('2 files and images');
  });

  it('tells screenshots from export files', () => {
    expect(isImageFile({ name: 'shot.png', type: 'image/png' })).toBe(true);
    expect(isImageFile({ name: 'IMG_0001.JPG', type: '' })).toBe(true);
    expect(isImageFile({ name: 'backup.2fas', type: '' })).toBe(false);
    expect(isImageFile({ name: 'aegis.json', type: 'application/json' })).toBe(false);
  });
});
