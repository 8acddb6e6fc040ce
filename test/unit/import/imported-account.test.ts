// Building accounts from what importers read: names repaired, secrets and parameters validated.
import { describe, expect, it } from 'vitest';
import { ImportCollector, cleanName, toImportedAccount } from '../../../main/import/imported-account';

const base = { type: 'totp', issuer: 'ACME', label: 'alice', secret: 'jbsw y3dp ehpk 3pxp', algorithm: 'SHA1', digits: 6, period: 30, counter: 0 } as const;

describe('toImportedAccount', () => {
  it('normalises the secret and accepts raw key bytes', () => {
    const fromText = toImportedAccount(base);
    const fromBytes = toImportedAccount({ ...base, secret: Uint8Array.from([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]) });
    expect(fromText.ok && fromText.account.secret).toBe('JBSWY3DPEHPK3PXP');
    expect(fromBytes.ok && fromBytes.account.secret).toBe('JBSWY3DPEHPK3PXP');
  });

  it('repairs names instead of losing the account: control characters, length, missing label', () => {
    const long = 'x'.repeat(300);
    const outcome = toImportedAccount({ ...base, issuer: 'AC\u0000ME\n', label: long, tags: [' Work ', 'work', '', 'a\u0007b'] });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.account.issuer).toBe('AC ME');
    expect(outcome.account.label).toHaveLength(256);
    expect(outcome.account.tags).toEqual(['Work', 'a b']);
    const noLabel = toImportedAccount({ ...base, label: null });
    expect(noLabel.ok && noLabel.account.label).toBe('ACME');
    const nothing = toImportedAccount({ ...base, issuer: undefined, label: '' });
    expect(nothing.ok && nothing.account.label).toBe('Unnamed account');
  });

  it('never cuts a surrogate pair in half', () => {
    const text = `${'a'.repeat(255)}😀`;
    expect(cleanName(text)).toBe('a'.repeat(255));
  });

  it('skips, with the reason, what would give wrong codes', () => {
    const out = new ImportCollector();
    out.add({ ...base, secret: '' });
    out.add({ ...base, label: 'digits', digits: 12 });
    out.add({ ...base, label: 'period', period: Number.NaN });
    out.add({ ...base, label: 'counter', type: 'hotp', counter: -1 });
    out.add({ ...base, type: 'steam', digits: 6 }); // Steam is always 5: fixed, not skipped
    const result = out.result();
    expect(result.accounts.map((a) => [a.type, a.digits])).toEqual([['steam', 5]]);
    expect(result.skipped.map((s) => s.name)).toEqual(['ACME: alice', 'ACME: digits', 'ACME: period', 'ACME: counter']);
    expect(result.skipped[0]!.reason).toMatch(/empty/i);
  });
});
