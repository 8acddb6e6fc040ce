import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AccountInput } from '../../../shared/api/types';
import { bytesToBase32 } from '../../../shared/otp/base32';
import { formatMigrationUris, parseMigrationUri } from '../../../shared/otp/migration';
import { formatOtpauthUri, parseOtpauthUri } from '../../../shared/otp/otpauth-uri';
import type { OtpAccountData } from '../../../shared/otp/types';
import { AccountsService } from '../../../main/accounts/accounts-service';
import { MetadataFile } from '../../../main/accounts/metadata-file';
import { Warnings } from '../../../main/accounts/warnings';
import { EventBus } from '../../../main/events';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';
import { Clock, FailingSecretStore, idSequence, SECRET_A, SECRET_B, SECRET_C, tempDir } from './fixtures';

async function setup(secrets: SecretStore = new MemorySecretStore(), idPrefix = 'acc') {
  const dir = join(await tempDir(), 'data');
  const clock = new Clock();
  const events = new EventBus();
  const seen: string[] = [];
  events.on((event, payload) => seen.push(`${event}:${'reason' in payload ? payload.reason : 'id' in payload ? payload.id : ''}`));
  const metadata = new MetadataFile({ dir, now: clock.now, warnings: new Warnings() });
  const service = new AccountsService({ metadata, secrets, events, now: clock.now, newId: idSequence(idPrefix) });
  return { dir, clock, events, seen, metadata, service, secrets };
}

const input = (over: Partial<AccountInput> = {}): AccountInput => ({
  type: 'totp',
  issuer: 'GitHub',
  label: 'alice',
  secret: SECRET_A,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

const data = (over: Partial<OtpAccountData> = {}): OtpAccountData => ({
  type: 'totp',
  issuer: 'Example',
  label: 'bob',
  secret: SECRET_B,
  algorithm: 'SHA1',
  digits: 6,
  period: 30,
  counter: 0,
  ...over,
});

async function filesText(dir: string): Promise<string> {
  const names = await readdir(dir).catch(() => [] as string[]);
  const texts = await Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
  return texts.join('\n');
}

describe('AccountsService.add', () => {
  it('stores the normalised secret in the keychain under account:<id> and only metadata on disk', async () => {
    const { service, secrets, dir, seen } = await setup();
    const view = await service.add(input({ secret: 'jbsw y3dp-ehpk3pxp JBSWY3DPEHPK3PXP', issuer: ' GitHub ', tags: ['work', 'Work', ' dev '] }));
    expect(view).toEqual({
      id: 'acc1',
      type: 'totp',
      issuer: 'GitHub',
      label: 'alice',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      counter: 0,
      tags: ['work', 'dev'],
      order: 0,
      secretBits: 160,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-01T00:00:00.000Z',
    });
    expect(view).not.toHaveProperty('secret');
    expect(await secrets.get('account:acc1')).toBe(SECRET_A);
    expect(seen).toEqual(['accounts.changed:added']);
    const onDisk = await filesText(dir);
    expect(onDisk).toContain('"acc1"');
    expect(onDisk).not.toContain(SECRET_A);
    expect(onDisk.toLowerCase()).not.toContain('jbswy3dp');
  });

  it('puts new accounts last and lists them by order', async () => {
    const { service } = await setup();
    await service.add(input({ label: 'one' }));
    await service.add(input({ label: 'two', secret: SECRET_B }));
    await service.add(input({ label: 'three', secret: SECRET_C }));
    expect((await service.list()).map((a) => [a.label, a.order])).toEqual([
      ['one', 0],
      ['two', 1],
      ['three', 2],
    ]);
  });

  it('rejects invalid input with field errors and stores nothing', async () => {
    const { service, secrets, dir } = await setup();
    await expect(service.add(input({ secret: 'not base32!' }))).rejects.toMatchObject({ code: 'INVALID_SECRET' });
    await expect(service.add(input({ label: '', digits: 12 }))).rejects.toMatchObject({
      code: 'INVALID_ARGUMENT',
      details: { fields: { label: expect.any(String), digits: expect.any(String) } },
    });
    expect((secrets as MemorySecretStore).keys()).toEqual([]);
    expect(await readdir(dir).catch(() => [])).toEqual([]);
  });

  it('DUPLICATE: same normalised secret and same issuer+label (case-insensitive); other combinations are allowed', async () => {
    const { service } = await setup();
    await service.add(input());
    await expect(service.add(input({ secret: SECRET_A.toLowerCase(), issuer: 'github', label: ' ALICE ' }))).rejects.toMatchObject({
      code: 'DUPLICATE',
      details: { id: 'acc1' },
    });
    await service.add(input({ secret: SECRET_B })); // re-enrolled: same name, new secret
    await service.add(input({ label: 'alice-2' })); // same secret, another name
    expect(await service.list()).toHaveLength(3);
  });

  it('rolls the keychain item back when the metadata cannot be written', async () => {
    const { service, secrets, dir } = await setup();
    await service.add(input());
    await mkdir(join(dir, 'accounts.json.bak', 'blocker'), { recursive: true });
    await expect(service.add(input({ label: 'bob', secret: SECRET_B }))).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    expect((secrets as MemorySecretStore).keys()).toEqual(['account:acc1']);
    expect((await service.list()).map((a) => a.label)).toEqual(['alice']);
  });
});

describe('AccountsService.importUri', () => {
  it('imports one otpauth:// URI and reports a second import as duplicate', async () => {
    const { service, secrets, seen } = await setup();
    const uri = formatOtpauthUri(data({ issuer: 'ACME Co', label: 'carol@example.com', digits: 8, algorithm: 'SHA256' }));
    const first = await service.importUri(`  ${uri}\n`);
    expect(first.added).toHaveLength(1);
    expect(first.added[0]).toMatchObject({ issuer: 'ACME Co', label: 'carol@example.com', digits: 8, algorithm: 'SHA256' });
    expect(first.duplicates).toEqual([]);
    expect(await secrets.get(`account:${first.added[0]!.id}`)).toBe(SECRET_B);

    const second = await service.importUri(uri);
    expect(second).toMatchObject({ added: [], duplicates: [{ issuer: 'ACME Co', label: 'carol@example.com' }] });
    expect(seen).toEqual(['accounts.changed:imported']);
  });

  it('rejects what is not an otpauth URI', async () => {
    const { service } = await setup();
    await expect(service.importUri('https://example.com/?secret=JBSWY3DP')).rejects.toMatchObject({ code: 'INVALID_URI' });
    await expect(service.importUri('otpauth://totp/x?secret=1!')).rejects.toMatchObject({ code: 'INVALID_SECRET' });
    await expect(service.importUri('otpauth-migration://offline?data=%%%')).rejects.toMatchObject({ code: 'INVALID_URI' });
  });

  it('imports a Google Authenticator export batch in order, skipping entries that already exist', async () => {
    const { service, secrets } = await setup();
    await service.add(input({ issuer: 'Example', label: 'bob', secret: SECRET_B }));
    const { uris } = formatMigrationUris(
      [data(), data({ label: 'dave', secret: SECRET_C }), data({ type: 'hotp', label: 'erin', secret: SECRET_A, counter: 7 })],
      { batchId: 42 },
    );
    const result = await service.importUri(uris[0]!);
    expect(result.added.map((a) => [a.label, a.type, a.counter, a.order])).toEqual([
      ['dave', 'totp', 0, 1],
      ['erin', 'hotp', 7, 2],
    ]);
    expect(result.duplicates).toEqual([{ issuer: 'Example', label: 'bob' }]);
    expect(result.skipped).toEqual([]);
    expect(result.batch).toEqual({ index: 0, size: 1 });
    expect(await secrets.get(`account:${result.added[1]!.id}`)).toBe(SECRET_A);
  });

  it('treats a repeated entry inside one export as a duplicate of the first', async () => {
    const { service } = await setup();
    const { uris } = formatMigrationUris([data(), data()]);
    const result = await service.importUri(uris[0]!);
    expect(result.added).toHaveLength(1);
    expect(result.duplicates).toHaveLength(1);
  });

  it('is all-or-nothing: a keychain failure mid-batch removes the secrets already written and writes no metadata', async () => {
    const secrets = new FailingSecretStore(3);
    const { service, dir, seen } = await setup(secrets);
    const { uris } = formatMigrationUris([
      data({ label: 'a1', secret: SECRET_A }),
      data({ label: 'a2', secret: SECRET_B }),
      data({ label: 'a3', secret: SECRET_C }),
    ]);
    await expect(service.importUri(uris[0]!)).rejects.toMatchObject({ code: 'KEYCHAIN_ERROR', message: /Nothing was imported/ });
    expect(secrets.sets).toBe(3);
    expect(secrets.keys()).toEqual([]);
    expect(await service.list()).toEqual([]);
    // Only the keychain ledger, which recorded the ids before the secrets were written; the next
    // reconciliation finds their secrets gone and drops them.
    expect(await readdir(dir)).toEqual(['accounts-keychain.json']);
    expect(await service.orphans()).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, 'accounts-keychain.json'), 'utf8')).accountIds).toEqual([]);
    expect(seen).toEqual([]);
  });
});

describe('AccountsService.update', () => {
  it('changes metadata and keeps the stored secret when none is given', async () => {
    const { service, secrets, clock, seen } = await setup();
    const a = await service.add(input());
    clock.ms += 60_000;
    const updated = await service.update(a.id, { label: 'alice@work', tags: ['work'], secret: '' });
    expect(updated).toMatchObject({ id: a.id, label: 'alice@work', tags: ['work'], createdAt: a.createdAt, updatedAt: '2025-01-01T00:01:00.000Z' });
    expect(await secrets.get(`account:${a.id}`)).toBe(SECRET_A);
    expect(seen).toEqual(['accounts.changed:added', 'accounts.changed:updated']);
  });

  it('re-writes the keychain item when the secret changes, and recomputes secretBits', async () => {
    const { service, secrets } = await setup();
    const a = await service.add(input());
    const updated = await service.update(a.id, { secret: 'MFRG GZDF' });
    expect(updated.secretBits).toBe(40);
    expect(await secrets.get(`account:${a.id}`)).toBe('MFRGGZDF');
  });

  it('re-validates the merged account', async () => {
    const { service, secrets } = await setup();
    const a = await service.add(input());
    await expect(service.update(a.id, { digits: 9 })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT', details: { fields: { digits: expect.any(String) } } });
    await expect(service.update(a.id, { secret: '0189' })).rejects.toMatchObject({ code: 'INVALID_SECRET' });
    expect((await service.list())[0]).toMatchObject({ digits: 6 });
    expect(await secrets.get(`account:${a.id}`)).toBe(SECRET_A);
    // Switching to Steam forces its fixed parameters.
    expect(await service.update(a.id, { type: 'steam' })).toMatchObject({ type: 'steam', digits: 5, algorithm: 'SHA1' });
  });

  it('rejects an edit that would duplicate another account, and unknown ids', async () => {
    const { service } = await setup();
    await service.add(input());
    const b = await service.add(input({ label: 'bob', secret: SECRET_A }));
    await expect(service.update(b.id, { label: 'Alice' })).rejects.toMatchObject({ code: 'DUPLICATE' });
    await expect(service.update('nope', { label: 'x' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('repairs an account whose keychain item disappeared when the secret is entered again', async () => {
    const { service, secrets } = await setup();
    const a = await service.add(input());
    await secrets.delete(`account:${a.id}`);
    await expect(service.update(a.id, { label: 'x' })).rejects.toMatchObject({ code: 'KEYCHAIN_ERROR', message: /missing from the keychain/ });
    await service.update(a.id, { secret: SECRET_C });
    expect(await secrets.get(`account:${a.id}`)).toBe(SECRET_C);
  });

  it('puts the old secret back when the metadata write fails', async () => {
    const { service, secrets, dir } = await setup();
    const a = await service.add(input());
    await mkdir(join(dir, 'accounts.json.bak', 'blocker'), { recursive: true });
    await expect(service.update(a.id, { secret: SECRET_B })).rejects.toMatchObject({ code: 'STORAGE_ERROR' });
    expect(await secrets.get(`account:${a.id}`)).toBe(SECRET_A);
  });
});

describe('AccountsService.remove', () => {
  it('removes the metadata, then the keychain item', async () => {
    const { service, secrets, seen } = await setup();
    const a = await service.add(input());
    const b = await service.add(input({ label: 'bob', secret: SECRET_B }));
    await service.remove(a.id);
    expect((secrets as MemorySecretStore).keys()).toEqual([`account:${b.id}`]);
    expect((await service.list()).map((x) => x.id)).toEqual([b.id]);
    expect(seen.at(-1)).toBe('accounts.changed:removed');
    await expect(service.remove(a.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('when the keychain item cannot be deleted: the account is gone, the error says so, the secret is listed for recovery', async () => {
    const secrets = new FailingSecretStore(0, true);
    const { service } = await setup(secrets);
    const a = await service.add(input());
    await expect(service.remove(a.id)).rejects.toMatchObject({ code: 'KEYCHAIN_ERROR', message: /account was removed.*accounts recover/ });
    expect(await service.list()).toHaveLength(0);
    // The metadata went first, so the leftover is a secret without an account: recoverable, never an
    // account without its secret. The backup still knows its name.
    expect(await service.orphans()).toEqual([{ id: a.id, secretBits: 160, recorded: true, knownAs: { issuer: 'GitHub', label: 'alice' } }]);
    const back = await service.recover(a.id);
    expect(back).toMatchObject({ id: a.id, issuer: 'GitHub', label: 'alice' });
    expect(await service.orphans()).toEqual([]);
  });

  it('removes an account whose keychain item is already gone', async () => {
    const { service, secrets } = await setup();
    const a = await service.add(input());
    await secrets.delete(`account:${a.id}`);
    await service.remove(a.id);
    expect(await service.list()).toEqual([]);
  });
});

describe('AccountsService.reorder', () => {
  it('applies a permutation', async () => {
    const { service, seen } = await setup();
    const a = await service.add(input({ label: 'a' }));
    const b = await service.add(input({ label: 'b' }));
    const c = await service.add(input({ label: 'c' }));
    const views = await service.reorder([c.id, a.id, b.id]);
    expect(views.map((v) => [v.label, v.order])).toEqual([
      ['c', 0],
      ['a', 1],
      ['b', 2],
    ]);
    expect((await service.list()).map((v) => v.label)).toEqual(['c', 'a', 'b']);
    expect(seen.at(-1)).toBe('accounts.changed:reordered');
  });

  it('rejects anything that is not a permutation of the current ids', async () => {
    const { service } = await setup();
    const a = await service.add(input({ label: 'a' }));
    const b = await service.add(input({ label: 'b' }));
    for (const ids of [[a.id], [a.id, b.id, 'ghost'], [a.id, a.id], [a.id, a.id, b.id], []]) {
      await expect(service.reorder(ids)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect((await service.list()).map((v) => v.label)).toEqual(['a', 'b']);
  });
});

describe('AccountsService QR and export', () => {
  it('qr(): an otpauth URI that parses back to the account, and its SVG', async () => {
    const { service } = await setup();
    const a = await service.add(input({ issuer: 'Dev Ops', label: 'ops@example.com', digits: 8, period: 60, algorithm: 'SHA512' }));
    const qr = await service.qr(a.id);
    const parsed = parseOtpauthUri(qr.uri);
    expect(parsed).toEqual({
      ok: true,
      value: { type: 'totp', issuer: 'Dev Ops', label: 'ops@example.com', secret: SECRET_A, algorithm: 'SHA512', digits: 8, period: 60, counter: 0 },
    });
    expect(qr.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"[^>]*viewBox/);
    await expect(service.qr('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('exportUris(): every account in display order; fails loudly when a secret is missing', async () => {
    const { service, secrets } = await setup();
    const a = await service.add(input({ label: 'a' }));
    const b = await service.add(input({ label: 'b', type: 'hotp', counter: 3, secret: SECRET_B }));
    await service.reorder([b.id, a.id]);
    const uris = await service.exportUris();
    expect(uris.map((u) => parseOtpauthUri(u))).toEqual([
      { ok: true, value: expect.objectContaining({ label: 'b', type: 'hotp', counter: 3, secret: SECRET_B }) },
      { ok: true, value: expect.objectContaining({ label: 'a', type: 'totp', secret: SECRET_A }) },
    ]);
    await secrets.delete(`account:${a.id}`);
    await expect(service.exportUris()).rejects.toMatchObject({ code: 'KEYCHAIN_ERROR', details: { ids: [a.id] } });
  });

  it('exportMigration(): 10 accounts per QR code, unsupported ones (Steam, period 60) left out', async () => {
    const { service } = await setup();
    const secretOf = (i: number) => bytesToBase32(new Uint8Array(20).fill(i + 1));
    const added = [];
    for (let i = 0; i < 12; i++) added.push(await service.add(input({ label: `user${i}`, secret: secretOf(i) })));
    const steam = await service.add(input({ label: 'steam', type: 'steam', secret: SECRET_A }));
    const slow = await service.add(input({ label: 'slow', period: 60, secret: SECRET_B }));

    const qrs = await service.exportMigration();
    expect(qrs.map((q) => [q.batchIndex, q.batchSize, q.accountIds.length])).toEqual([
      [0, 2, 10],
      [1, 2, 2],
    ]);
    expect(qrs.flatMap((q) => q.accountIds)).toEqual(added.map((a) => a.id));
    expect(qrs.flatMap((q) => q.accountIds)).not.toContain(steam.id);
    expect(qrs.flatMap((q) => q.accountIds)).not.toContain(slow.id);
    const decoded = qrs.map((q) => parseMigrationUri(q.uri));
    const entries = decoded.flatMap((d) => (d.ok ? d.value.accounts.map((a) => [a.label, a.secret]) : []));
    expect(entries).toEqual(added.map((a, i) => [a.label, secretOf(i)]));
    const batchIds = new Set(decoded.map((d) => (d.ok ? d.value.batchId : -1)));
    expect(batchIds.size).toBe(1);
    expect(qrs[0]!.svg.startsWith('<svg')).toBe(true);
  });

  it('exportMigration() of nothing exportable is an empty list', async () => {
    const { service } = await setup();
    expect(await service.exportMigration()).toEqual([]);
    await service.add(input({ type: 'steam' }));
    expect(await service.exportMigration()).toEqual([]);
  });
});

describe('AccountsService.orphans / recover (secrets left without an account)', () => {
  it('finds the secret of an add whose metadata write never happened (kill -9), and restores it under a placeholder name', async () => {
    const { service, dir, secrets, seen } = await setup();
    await service.add(input());
    const lost = await service.add(input({ label: 'bob', secret: SECRET_B }));
    // As if the process died after writing the secret, before accounts.json: the file is the old one.
    await writeFile(join(dir, 'accounts.json'), await readFile(join(dir, 'accounts.json.bak'), 'utf8'));
    expect((await service.list()).map((a) => a.label)).toEqual(['alice']);

    expect(await service.orphans()).toEqual([{ id: lost.id, secretBits: 160, recorded: true }]);
    const restored = await service.recover(lost.id);
    expect(restored).toMatchObject({ id: lost.id, type: 'totp', issuer: 'Recovered secret', label: lost.id, algorithm: 'SHA1', digits: 6, period: 30 });
    expect(await secrets.get(`account:${lost.id}`)).toBe(SECRET_B);
    expect(await service.orphans()).toEqual([]);
    expect(seen.at(-1)).toBe('accounts.changed:added');
    await expect(service.recover(lost.id)).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(service.recover('nothing-here')).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('does not take other data folders’ accounts for orphans (one keychain service, two folders); --all scans them', async () => {
    const secrets = new MemorySecretStore();
    const one = await setup(secrets, 'one');
    const two = await setup(secrets, 'two');
    await one.service.add(input());
    const b = await two.service.add(input({ label: 'other', secret: SECRET_B }));
    expect(await one.service.orphans()).toEqual([]);
    expect(await two.service.orphans()).toEqual([]);
    const scanned = await one.service.orphans({ all: true });
    expect(scanned.map((o) => [o.id, o.recorded])).toEqual([[b.id, false]]);
  });

  it('never deletes a secret it cannot restore', async () => {
    const { service, secrets } = await setup();
    await service.add(input());
    await secrets.set('account:weird', 'not*base32!');
    expect((await service.orphans({ all: true })).map((o) => o.id)).toEqual(['weird']);
    await expect(service.recover('weird')).rejects.toMatchObject({ code: 'INVALID_SECRET', message: /left in the keychain/ });
    expect(await secrets.get('account:weird')).toBe('not*base32!');
  });

  it('an existing install without a ledger: the first check records every current account', async () => {
    const { service, dir } = await setup();
    const a = await service.add(input());
    await rm(join(dir, 'accounts-keychain.json'));
    expect(await service.orphans()).toEqual([]);
    expect(JSON.parse(await readFile(join(dir, 'accounts-keychain.json'), 'utf8')).accountIds).toEqual([a.id]);
  });
});
