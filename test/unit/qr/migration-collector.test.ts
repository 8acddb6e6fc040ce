import { describe, expect, it } from 'vitest';
import { describeBatchStatus, formatBatchId, MigrationCollector } from '../../../shared/qr/migration-collector';
import { formatMigrationUris, parseMigrationUri, type MigrationBatch } from '../../../shared/otp/migration';
import type { OtpAccountData } from '../../../shared/otp/types';

const accounts = (count: number, prefix = 'user'): OtpAccountData[] =>
  Array.from({ length: count }, (_, i) => ({
    type: 'totp',
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    secret: `JBSWY3DPEHPK3PX${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i % 26]}`,
    issuer: 'ACME',
    label: `${prefix}${i}@example.com`,
  }));

/** A real multi-part export, parsed back the way the scanner's classifier does. */
function exportParts(count: number, perQr: number, batchId: number, prefix = 'user'): MigrationBatch[] {
  return formatMigrationUris(accounts(count, prefix), { maxPerQr: perQr, batchId }).uris.map((uri) => {
    const parsed = parseMigrationUri(uri);
    if (!parsed.ok) throw new Error(parsed.error.message);
    return parsed.value;
  });
}

describe('MigrationCollector', () => {
  it('says which parts of a batch are missing', () => {
    const parts = exportParts(8, 2, 0x3f2a91c0);
    expect(parts).toHaveLength(4);
    const c = new MigrationCollector();
    expect(c.add(parts[0]!, 'a.png')).toBe(true);
    expect(c.add(parts[2]!, 'b.png')).toBe(true);
    expect(c.status()).toEqual([{ batchId: 0x3f2a91c0, size: 4, have: [1, 3], missing: [2, 4] }]);
    expect(describeBatchStatus(c.status()[0]!)).toBe('batch 3f2a91c0: have parts 1, 3 of 4; missing 2, 4');
    expect(c.complete()).toBe(false);
    expect(c.accounts().map((a) => [a.account.label, a.source])).toEqual([
      ['user0@example.com', 'a.png'],
      ['user1@example.com', 'a.png'],
      ['user4@example.com', 'b.png'],
      ['user5@example.com', 'b.png'],
    ]);

    c.add(parts[1]!, 'c.png');
    c.add(parts[3]!, 'c.png');
    expect(c.status()).toEqual([{ batchId: 0x3f2a91c0, size: 4, have: [1, 2, 3, 4], missing: [] }]);
    expect(describeBatchStatus(c.status()[0]!)).toBe('batch 3f2a91c0: complete, 4 of 4 parts');
    expect(c.complete()).toBe(true);
    expect(c.accounts()).toHaveLength(8);
  });

  it('ignores a part seen twice (the same code in two screenshots)', () => {
    const [first] = exportParts(4, 2, 77);
    const c = new MigrationCollector();
    expect(c.add(first!, 'one.png')).toBe(true);
    expect(c.add(structuredClone(first!), 'two.png')).toBe(false);
    expect(c.accounts().map((a) => a.source)).toEqual(['one.png', 'one.png']);
    expect(c.status()).toEqual([{ batchId: 77, size: 2, have: [1], missing: [2] }]);
  });

  it('keeps separate exports apart and reports single-code exports as complete', () => {
    const c = new MigrationCollector();
    const [a1] = exportParts(6, 2, 1, 'a');
    const [single] = exportParts(3, 10, 2, 'b');
    c.add(a1!, 'x');
    c.add(single!, 'y');
    const status = c.status();
    expect(status).toEqual([
      { batchId: 1, size: 3, have: [1], missing: [2, 3] },
      { batchId: 2, size: 1, have: [1], missing: [] },
    ]);
    expect(status.map(describeBatchStatus)).toEqual(['batch 00000001: have part 1 of 3; missing 2, 3', 'batch 00000002: complete (single code)']);
  });

  it('copes with exporters that leave batch fields at zero or negative ids', () => {
    const c = new MigrationCollector();
    const bare: MigrationBatch = { accounts: accounts(1), skipped: [], version: 1, batchSize: 0, batchIndex: 0, batchId: -2 };
    c.add(bare, 'z');
    expect(c.status()).toEqual([{ batchId: 0xfffffffe, size: 1, have: [1], missing: [] }]);
    expect(formatBatchId(-2)).toBe('fffffffe');
  });

  it('passes on the entries an export holds but we cannot import, with their source', () => {
    const c = new MigrationCollector();
    const batch: MigrationBatch = {
      accounts: accounts(1),
      skipped: [{ name: 'old@example.com', issuer: 'Legacy', reason: 'Unsupported algorithm MD5' }],
      version: 1,
      batchSize: 1,
      batchIndex: 0,
      batchId: 5,
    };
    c.add(batch, 'export.png');
    expect(c.skipped()).toEqual([{ name: 'old@example.com', issuer: 'Legacy', reason: 'Unsupported algorithm MD5', source: 'export.png' }]);
  });
});
