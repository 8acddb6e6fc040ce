import { mkdir, readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { AccountRecord } from '../../../main/accounts/account-record';
import { MetadataFile } from '../../../main/accounts/metadata-file';
import { Warnings } from '../../../main/accounts/warnings';
import { Clock, tempDir } from './fixtures';

function record(id: string, order = 0, extra: Partial<AccountRecord> = {}): AccountRecord {
  return {
    id,
    type: 'totp',
    issuer: 'Example',
    label: `user-${id}`,
    algorithm: 'SHA1',
    digits: 6,
    period: 30,
    counter: 0,
    order,
    tags: [],
    secretBits: 160,
    createdAt: '2025-01-01T00:00:00.000Z',
    updatedAt: '2025-01-01T00:00:00.000Z',
    ...extra,
  };
}

const fileText = (accounts: AccountRecord[]) => `${JSON.stringify({ version: 1, accounts }, null, 2)}\n`;

async function setup(dirName = 'data') {
  const root = await tempDir();
  const dir = join(root, dirName);
  const warnings = new Warnings();
  const clock = new Clock(Date.UTC(2025, 4, 6, 7, 8, 9, 10));
  const file = new MetadataFile({ dir, now: clock.now, warnings });
  return { root, dir, warnings, file, main: join(dir, 'accounts.json'), bak: join(dir, 'accounts.json.bak') };
}

const append = (file: MetadataFile, r: AccountRecord) => file.mutate((accounts) => ({ accounts: [...accounts, r], result: undefined }));

describe('MetadataFile', () => {
  it('starts empty without creating anything, and creates the folder (0700) and file (0600) on the first write', async () => {
    const { dir, file, main, root } = await setup();
    expect(await file.read()).toEqual([]);
    expect(await readdir(root)).toEqual([]);

    await append(file, record('a'));
    expect(JSON.parse(await readFile(main, 'utf8'))).toEqual({ version: 1, accounts: [record('a')] });
    if (process.platform !== 'win32') {
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await stat(main)).mode & 0o777).toBe(0o600);
    }
  });

  it('keeps the previous good version as accounts.json.bak and leaves no temp files behind', async () => {
    const { dir, file, main, bak } = await setup();
    await append(file, record('a'));
    const first = await readFile(main, 'utf8');
    await append(file, record('b', 1));
    expect(await readFile(bak, 'utf8')).toBe(first);
    expect(JSON.parse(await readFile(main, 'utf8')).accounts.map((a: AccountRecord) => a.id)).toEqual(['a', 'b']);
    expect((await readdir(dir)).sort()).toEqual(['accounts.json', 'accounts.json.bak']);
    if (process.platform !== 'win32') expect((await stat(bak)).mode & 0o777).toBe(0o600);
  });

  it('a failed write leaves the current file untouched, cleans up and runs the undo hook', async () => {
    const { dir, file, main, bak } = await setup();
    await append(file, record('a'));
    const before = await readFile(main, 'utf8');
    // A non-empty directory where the backup goes makes the write fail half-way.
    await mkdir(join(bak, 'blocker'), { recursive: true });
    const undo = vi.fn(async () => undefined);
    await expect(file.mutate((accounts) => ({ accounts: [...accounts, record('b', 1)], result: 1, undo }))).rejects.toMatchObject({
      code: 'STORAGE_ERROR',
    });
    expect(undo).toHaveBeenCalledTimes(1);
    expect(await readFile(main, 'utf8')).toBe(before);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect((await file.read()).map((a) => a.id)).toEqual(['a']);
  });

  it('does not write when the mutation returns no accounts, and propagates errors without writing', async () => {
    const { file, main } = await setup();
    await append(file, record('a'));
    const before = await stat(main);
    expect(await file.mutate(() => ({ result: 'read-only' }))).toBe('read-only');
    await expect(
      file.mutate(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect((await stat(main)).ino).toBe(before.ino);
  });

  it('re-reads the file before every mutation (another process may have written it)', async () => {
    const { file, main } = await setup();
    await append(file, record('a'));
    // Another process (the CLI) adds an account behind our back.
    await writeFile(main, fileText([record('a'), record('x', 1)]));
    await append(file, record('b', 2));
    expect((await file.read()).map((a) => a.id)).toEqual(['a', 'x', 'b']);
  });

  it('read() notices external changes', async () => {
    const { file, main } = await setup();
    await append(file, record('a'));
    expect((await file.read()).map((a) => a.id)).toEqual(['a']);
    await writeFile(main, fileText([record('z')]));
    expect((await file.read()).map((a) => a.id)).toEqual(['z']);
  });

  it('serialises concurrent mutations in one process (none is lost)', async () => {
    const { file } = await setup();
    await Promise.all(Array.from({ length: 25 }, (_, i) => append(file, record(`r${i}`, i))));
    expect((await file.read()).map((a) => a.id).sort()).toEqual(Array.from({ length: 25 }, (_, i) => `r${i}`).sort());
  });

  it('a corrupt file is moved aside and the valid backup restored, with a warning', async () => {
    const { dir, file, main, bak, warnings } = await setup();
    await append(file, record('a'));
    await append(file, record('b', 1));
    const backupText = await readFile(bak, 'utf8');
    await writeFile(main, '{"version":1,"accounts":[{"id":'); // truncated by a crash

    const fresh = new MetadataFile({ dir, now: () => Date.UTC(2025, 4, 6, 7, 8, 9, 10), warnings });
    expect((await fresh.read()).map((a) => a.id)).toEqual(['a']);
    const names = await readdir(dir);
    const corrupt = names.find((n) => n.startsWith('accounts.json.corrupt-'));
    expect(corrupt).toBe('accounts.json.corrupt-2025-05-06T07-08-09-010Z');
    expect(await readFile(join(dir, corrupt!), 'utf8')).toBe('{"version":1,"accounts":[{"id":');
    expect(await readFile(bak, 'utf8')).toBe(backupText);
    expect(await readFile(main, 'utf8')).toBe(backupText);
    expect(warnings.list()).toHaveLength(1);
    // Loud about what the older backup lacks, and a data problem (the CLI exits 1).
    expect(warnings.list()[0]).toMatch(
      /could not be read \(not valid JSON.*kept as accounts\.json\.corrupt-.*restored from accounts\.json\.bak: changes made after that backup .* are not in it.*accounts recover/,
    );
    expect(warnings.problems()).toEqual(warnings.list());
  });

  it('one invalid entry costs only that entry: the others stay, it is saved to accounts.json.rejected-<time>, loudly', async () => {
    const { dir, file, main, bak, warnings } = await setup();
    await mkdir(dir, { recursive: true });
    const bad = { ...record('b', 1), digits: 99 };
    const original = JSON.stringify({ version: 1, accounts: [record('a'), bad, record('c', 2), record('a', 3)] });
    await writeFile(main, original);

    expect((await file.read()).map((a) => a.id)).toEqual(['a', 'c']);
    const rejectedName = (await readdir(dir)).find((n) => n.startsWith('accounts.json.rejected-'));
    expect(rejectedName).toBe('accounts.json.rejected-2025-05-06T07-08-09-010Z');
    const rejected = JSON.parse(await readFile(join(dir, rejectedName!), 'utf8'));
    expect(rejected.entries).toEqual([
      { index: 1, reason: expect.stringMatching(/^digits: /), entry: bad },
      { index: 3, reason: 'duplicate account id "a"', entry: record('a', 3) },
    ]);
    if (process.platform !== 'win32') expect((await stat(join(dir, rejectedName!))).mode & 0o777).toBe(0o600);
    // The file now holds the valid entries; the original text is the backup.
    expect(JSON.parse(await readFile(main, 'utf8')).accounts.map((a: AccountRecord) => a.id)).toEqual(['a', 'c']);
    expect(await readFile(bak, 'utf8')).toBe(original);
    expect(warnings.problems()).toEqual([
      expect.stringMatching(/2 account entries in .*accounts\.json are invalid and were set aside in accounts\.json\.rejected-.*entry 2 \(id "b"\): digits.*entry 4 \(id "a"\): duplicate.*other 2 accounts are unaffected/),
    ]);
    // Said once, not on every read.
    await file.read();
    await append(file, record('d', 4));
    expect(warnings.list()).toHaveLength(1);
  });

  it('when file and backup are both unreadable: sets the file aside, starts empty, warns, deletes nothing', async () => {
    const { dir, file, main, bak, warnings } = await setup();
    await mkdir(dir, { recursive: true });
    await writeFile(main, JSON.stringify({ version: 1, accounts: { id: 'a', type: 'nonsense' } }));
    await writeFile(bak, 'garbage');

    expect(await file.read()).toEqual([]);
    const names = (await readdir(dir)).sort();
    expect(names).toHaveLength(2);
    expect(names[0]).toBe('accounts.json.bak');
    expect(names[1]).toMatch(/^accounts\.json\.corrupt-/);
    expect(await readFile(bak, 'utf8')).toBe('garbage');
    expect(warnings.problems()[0]).toMatch(/invalid content at accounts: .*no usable backup.*started with an empty account list.*still in the keychain/);

    // The next write starts a fresh file and does not overwrite the set-aside one.
    await append(file, record('n'));
    expect((await file.read()).map((a) => a.id)).toEqual(['n']);
    expect((await readdir(dir)).filter((n) => n.includes('corrupt'))).toHaveLength(1);
  });

  it('two corruptions in the same millisecond never overwrite each other', async () => {
    const { dir, file, main, warnings } = await setup();
    await append(file, record('a'));
    await writeFile(main, 'bad one');
    const first = new MetadataFile({ dir, now: () => 0, warnings });
    await first.read();
    await writeFile(main, 'bad two');
    const second = new MetadataFile({ dir, now: () => 0, warnings });
    await second.read();
    const corrupt = (await readdir(dir)).filter((n) => n.includes('corrupt'));
    expect(corrupt).toHaveLength(2);
    const contents = await Promise.all(corrupt.map((n) => readFile(join(dir, n), 'utf8')));
    expect(contents.sort()).toEqual(['bad one', 'bad two']);
  });

  it('restores from the backup when accounts.json was deleted', async () => {
    const { dir, file, main, warnings } = await setup();
    await append(file, record('a'));
    await append(file, record('b', 1));
    const { rm } = await import('node:fs/promises');
    await rm(main);
    const fresh = new MetadataFile({ dir, now: Date.now, warnings });
    expect((await fresh.read()).map((a) => a.id)).toEqual(['a']);
    expect(warnings.list()[0]).toMatch(/was missing; restored/);
  });

  it('refuses to touch a file written by a newer version', async () => {
    const { dir, file, main } = await setup();
    await mkdir(dir, { recursive: true });
    const text = JSON.stringify({ version: 2, accounts: [], somethingNew: true });
    await writeFile(main, text);
    await expect(file.read()).rejects.toMatchObject({ code: 'STORAGE_ERROR', message: expect.stringMatching(/newer version.*left untouched/) });
    await expect(append(file, record('a'))).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    expect(await readFile(main, 'utf8')).toBe(text);
    expect(await readdir(dir)).toEqual(['accounts.json']);
  });

  it('drops unknown fields such as a hand-pasted secret instead of carrying them along', async () => {
    const { dir, file, main } = await setup();
    await mkdir(dir, { recursive: true });
    await writeFile(main, JSON.stringify({ version: 1, accounts: [{ ...record('a'), secret: 'JBSWY3DPEHPK3PXP' }] }));
    const [a] = await file.read();
    expect(a).not.toHaveProperty('secret');
    await append(file, record('b', 1));
    expect(await readFile(main, 'utf8')).not.toContain('JBSWY3DPEHPK3PXP');
  });

  it('refuses to write invalid records (a bug guard) and keeps the file', async () => {
    const { file, main } = await setup();
    await append(file, record('a'));
    const before = await readFile(main, 'utf8');
    await expect(file.mutate((accounts) => ({ accounts: [...accounts, record('a')], result: 0 }))).rejects.toMatchObject({ code: 'INTERNAL' });
    await expect(file.mutate((accounts) => ({ accounts: [...accounts, { ...record('c'), digits: 0.5 }], result: 0 }))).rejects.toMatchObject({
      code: 'INTERNAL',
    });
    expect(await readFile(main, 'utf8')).toBe(before);
  });
});
