import { describe, expect, it } from 'vitest';
import type { MigrationQr } from '../../../shared/api/types';
import { accountName } from '../../../renderer/features/accounts/names';
import { accountsNotInMigration, exportFileName } from '../../../renderer/features/export/exclusions';
import { svgDataUrl } from '../../../renderer/features/qr/svg-url';

const qr = (accountIds: string[], batchIndex = 0): MigrationQr => ({ uri: 'otpauth-migration://offline?data=x', svg: '<svg/>', batchIndex, batchSize: 2, accountIds });

describe('accountsNotInMigration', () => {
  it('lists accounts no QR batch includes, in list order', () => {
    const accounts = [{ id: 'a' }, { id: 'steam' }, { id: 'b' }, { id: 'odd' }];
    expect(accountsNotInMigration(accounts, [qr(['a']), qr(['b'], 1)]).map((a) => a.id)).toEqual(['steam', 'odd']);
  });

  it('lists every account when there are no QR codes', () => {
    expect(accountsNotInMigration([{ id: 'a' }], [])).toEqual([{ id: 'a' }]);
  });
});

describe('accountName', () => {
  it('joins issuer and label, or uses whichever exists', () => {
    expect(accountName({ issuer: 'GitHub', label: 'alice' })).toBe('GitHub: alice');
    expect(accountName({ issuer: '', label: 'alice' })).toBe('alice');
    expect(accountName({ issuer: 'AWS', label: ' ' })).toBe('AWS');
    expect(accountName({ issuer: '', label: '' })).toBe('Unnamed account');
  });
});

describe('exportFileName', () => {
  it('uses the local date', () => {
    expect(exportFileName(new Date(2025, 0, 5, 23, 59))).toBe('authbahn-accounts-2025-01-05.txt');
  });
});

describe('svgDataUrl', () => {
  it('encodes UTF-8 markup as a base64 data URL that decodes back to it', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><title>Zürich ✓</title></svg>';
    const url = svgDataUrl(svg);
    expect(url.startsWith('data:image/svg+xml;base64,')).toBe(true);
    const decoded = new TextDecoder().decode(Uint8Array.from(atob(url.split(',')[1]!), (c) => c.charCodeAt(0)));
    expect(decoded).toBe(svg);
  });

  it('handles large SVGs', () => {
    const svg = `<svg>${'<rect/>'.repeat(50_000)}</svg>`;
    expect(atob(svgDataUrl(svg).split(',')[1]!)).toBe(svg);
  });
});
