// Aegis vault writer and reader: our backups read back with every account and tag, encrypted files
// hold no secret in any encoding, wrong passwords import nothing, and Aegis's own files (the shared
// fixtures exported by Aegis) read with the same code.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { aegisNeedsPassword, readAegisVault } from '../../../main/backup/aegis-reader';
import { writeAegisVault, type BackupAccount } from '../../../main/backup/aegis-writer';
import { base32Decode } from '../accounts/fixtures';

const FIXTURES = resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'fixtures', 'authenticator-exports');
const fixture = (name: string) => readFileSync(resolve(FIXTURES, name), 'utf8');

/** The seven accounts of the shared fixtures' plain.txt, with tags added. */
const ACCOUNTS: BackupAccount[] = [
  { type: 'totp', issuer: 'Deno', label: 'Mason', secret: '4SJHB4GSD43FZBAI7C2HLRJGPQ', algorithm: 'SHA1', digits: 6, period: 30, counter: 0, tags: ['work'] },
  { type: 'totp', issuer: 'SPDX', label: 'James', secret: '5OM4WOOGPLQEF6UGN3CPEOOLWU', algorithm: 'SHA256', digits: 7, period: 20, counter: 0, tags: [] },
  { type: 'totp', issuer: 'Airbnb', label: 'Elijah', secret: '7ELGJSGXNCCTV3O6LKJWYFV2RA', algorithm: 'SHA512', digits: 8, period: 50, counter: 0, tags: ['work', 'travel'] },
  { type: 'hotp', issuer: 'Issuu', label: 'James', secret: 'YOOMIXWS5GN6RTBPUFFWKTW5M4', algorithm: 'SHA1', digits: 6, period: 30, counter: 1, tags: [] },
  { type: 'hotp', issuer: 'Air Canada', label: 'Benjamin', secret: 'KUVJJOM753IHTNDSZVCNKL7GII', algorithm: 'SHA256', digits: 7, period: 30, counter: 50, tags: ['travel'] },
  { type: 'hotp', issuer: 'WWE', label: 'Mason', secret: '5VAML3X35THCEBVRLV24CGBKOY', algorithm: 'SHA512', digits: 8, period: 30, counter: 10300, tags: [] },
  { type: 'steam', issuer: 'Boeing', label: 'Sophia', secret: 'JRZCL47CMXVOQMNPZR2F7J4RGI', algorithm: 'SHA1', digits: 5, period: 30, counter: 0, tags: [] },
];

/** Every spelling of every secret someone could grep for in a leaked file. */
function secretSpellings(accounts: BackupAccount[]): string[] {
  return accounts.flatMap((a) => {
    const raw = base32Decode(a.secret);
    return [a.secret, a.secret.toLowerCase(), raw.toString('hex'), raw.toString('hex').toUpperCase(), raw.toString('base64'), raw.toString('base64url')];
  });
}

describe('Aegis writer + reader', () => {
  it('a plain vault reads back with every account, parameter and tag', async () => {
    const text = await writeAegisVault(ACCOUNTS, { password: null });
    const file = JSON.parse(text);
    expect(file).toMatchObject({ version: 1, header: { slots: null, params: null }, db: { version: 3 } });
    expect(file.db.groups.map((g: { name: string }) => g.name).sort()).toEqual(['travel', 'work']);
    expect(aegisNeedsPassword(text)).toBe(false);
    const read = await readAegisVault(text, null);
    expect(read.skipped).toEqual([]);
    expect(read.accounts).toEqual(ACCOUNTS.map((a) => ({ ...a, counter: a.type === 'hotp' ? a.counter : 0 })));
  });

  it('an encrypted vault reads back with the password and holds no secret in clear', async () => {
    const text = await writeAegisVault(ACCOUNTS, { password: 'correct horse battery' });
    for (const spelling of secretSpellings(ACCOUNTS)) expect(text).not.toContain(spelling);
    for (const a of ACCOUNTS) expect(text).not.toContain(a.issuer);
    const file = JSON.parse(text);
    const slot = file.header.slots[0];
    // Aegis's own parameters and field shapes, so Aegis can open the file.
    expect(slot).toMatchObject({ type: 1, n: 32768, r: 8, p: 1, repaired: true });
    expect(slot.salt).toMatch(/^[0-9a-f]{64}$/);
    expect(slot.key).toMatch(/^[0-9a-f]{64}$/);
    expect(slot.key_params.nonce).toMatch(/^[0-9a-f]{24}$/);
    expect(slot.key_params.tag).toMatch(/^[0-9a-f]{32}$/);
    expect(file.header.params.nonce).toMatch(/^[0-9a-f]{24}$/);
    expect(typeof file.db).toBe('string');
    expect(aegisNeedsPassword(text)).toBe(true);

    const read = await readAegisVault(text, 'correct horse battery');
    expect(read.accounts.map((a) => [a.secret, a.tags])).toEqual(ACCOUNTS.map((a) => [a.secret, a.tags]));
  });

  it('two encryptions of the same accounts share no salt, key or nonce', async () => {
    const a = JSON.parse(await writeAegisVault(ACCOUNTS.slice(0, 1), { password: 'pw-pw-pw-pw', scrypt: { N: 1024, r: 8, p: 1 } }));
    const b = JSON.parse(await writeAegisVault(ACCOUNTS.slice(0, 1), { password: 'pw-pw-pw-pw', scrypt: { N: 1024, r: 8, p: 1 } }));
    expect(a.header.slots[0].salt).not.toBe(b.header.slots[0].salt);
    expect(a.header.slots[0].key).not.toBe(b.header.slots[0].key);
    expect(a.header.params.nonce).not.toBe(b.header.params.nonce);
    expect(a.db).not.toBe(b.db);
  });

  it('a wrong or missing password imports nothing and says which', async () => {
    const text = await writeAegisVault(ACCOUNTS, { password: 'right-password', scrypt: { N: 1024, r: 8, p: 1 } });
    await expect(readAegisVault(text, 'wrong-password')).rejects.toMatchObject({ code: 'IMPORT_WRONG_PASSWORD' });
    await expect(readAegisVault(text, null)).rejects.toMatchObject({ code: 'IMPORT_PASSWORD_REQUIRED' });
  });

  it('a tampered database is refused, not half-read', async () => {
    const file = JSON.parse(await writeAegisVault(ACCOUNTS, { password: 'right-password', scrypt: { N: 1024, r: 8, p: 1 } }));
    const bytes = Buffer.from(file.db, 'base64');
    bytes[0] = bytes[0]! ^ 1;
    file.db = bytes.toString('base64');
    await expect(readAegisVault(JSON.stringify(file), 'right-password')).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
  });

  it('refuses a slot whose scrypt cost would exhaust memory', async () => {
    const file = JSON.parse(await writeAegisVault(ACCOUNTS, { password: 'pw', scrypt: { N: 1024, r: 8, p: 1 } }));
    file.header.slots[0].n = 2 ** 30;
    await expect(readAegisVault(JSON.stringify(file), 'pw')).rejects.toMatchObject({ code: 'IMPORT_WRONG_PASSWORD' });
  });

  it('reads files written by Aegis itself: encrypted, plain and the grouped v2 database', async () => {
    const expected = ACCOUNTS.map((a) => a.secret).sort();
    const encrypted = await readAegisVault(fixture('aegis_encrypted.json'), 'test');
    expect(encrypted.accounts.map((a) => a.secret).sort()).toEqual(expected);
    const plain = await readAegisVault(fixture('aegis_plain.json'), null);
    expect(plain.accounts.map((a) => a.secret).sort()).toEqual(expected);
    const grouped = await readAegisVault(fixture('aegis_plain_grouped_v2.json'), null);
    expect(grouped.accounts.find((a) => a.issuer === 'Deno')?.tags).toEqual(['group1']);
    expect(grouped.accounts.find((a) => a.issuer === 'SPDX')?.tags).toEqual([]);
    const steam = plain.accounts.find((a) => a.type === 'steam');
    expect(steam).toMatchObject({ digits: 5, algorithm: 'SHA1' });
    const hotp = plain.accounts.find((a) => a.issuer === 'WWE');
    expect(hotp).toMatchObject({ type: 'hotp', counter: 10300, digits: 8, algorithm: 'SHA512' });
  });

  it('rejects what is not an Aegis vault', async () => {
    await expect(readAegisVault('not json', null)).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
    await expect(readAegisVault('{"version":2,"header":{}}', null)).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
    await expect(readAegisVault('{"version":1,"header":{"slots":[]},"db":"AAAA"}', 'x')).rejects.toMatchObject({ code: 'IMPORT_UNREADABLE' });
  });
});
