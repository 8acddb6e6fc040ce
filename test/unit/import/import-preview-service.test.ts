// One import preview for every source (issue 8): export files (with the password prompt), pasted text
// with many lines, duplicates and same-name conflicts marked, "replace" / "keep both", tags kept, and
// all-or-nothing commits. Real accounts service, metadata file and fixture files; an in-memory keychain.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AccountsService } from '../../../main/accounts/accounts-service';
import { MetadataFile } from '../../../main/accounts/metadata-file';
import { Warnings } from '../../../main/accounts/warnings';
import { EventBus } from '../../../main/events';
import { ImportPreviewService } from '../../../main/import/import-preview-service';
import { createServices } from '../../../main/services';
import { MemorySecretStore } from '../../../main/vault/memory-secret-store';
import type { SecretStore } from '../../../main/vault/secret-store';
import { dispatch } from '../../../shared/api/dispatch';
import { Clock, FailingSecretStore, idSequence, SECRET_A, SECRET_B, tempDir } from '../accounts/fixtures';
import { expectAppError, fixture, plainAccounts, REFERENCE } from './support';

const b64 = (name: string) => Buffer.from(fixture(name).bytes).toString('base64');
const PLAIN_TEXT = new TextDecoder().decode(fixture('plain.txt').bytes);
const ALICE_A = `otpauth://totp/ACME:alice?secret=${SECRET_A}&issuer=ACME`;
const ALICE_B = `otpauth://totp/ACME:alice?secret=${SECRET_B}&issuer=ACME&digits=8&algorithm=SHA256`;

async function setup(secrets: SecretStore = new MemorySecretStore()) {
  const clock = new Clock();
  const metadata = new MetadataFile({ dir: join(await tempDir(), 'data'), now: clock.now, warnings: new Warnings() });
  const accounts = new AccountsService({ metadata, secrets, events: new EventBus(), now: clock.now, newId: idSequence() });
  const service = new ImportPreviewService({ accounts });
  return { accounts, service, secrets };
}

describe('import preview from an export file', () => {
  it('an encrypted Aegis vault: asks for the password, a wrong one imports nothing, the right one shows all 7 without secrets', async () => {
    const { service, accounts, secrets } = await setup();
    await expectAppError(service.previewFile(b64('aegis_encrypted.json'), 'aegis_encrypted.json', null), 'IMPORT_PASSWORD_REQUIRED');
    const wrong = await expectAppError(service.previewFile(b64('aegis_encrypted.json'), 'aegis_encrypted.json', 'nope'), 'IMPORT_WRONG_PASSWORD');
    expect(wrong.message).toMatch(/nothing was imported/);
    // No preview was even created for the failed reads.
    expect(service.store.size).toBe(0);

    const preview = await service.previewFile(b64('aegis_encrypted.json'), 'aegis_encrypted.json', 'test');
    expect(preview.sources).toEqual([{ name: 'aegis_encrypted.json', kind: 'file', codes: 7, format: expect.stringMatching(/Aegis/) }]);
    expect(preview.accounts).toHaveLength(7);
    expect(preview.accounts.every((a) => a.duplicateOf === undefined && a.conflictOf === undefined)).toBe(true);
    const wire = JSON.stringify(preview);
    for (const secret of REFERENCE.keys()) expect(wire).not.toContain(secret);

    const summary = await service.commit(
      preview.previewId,
      preview.accounts.map((a) => ({ key: a.key })),
    );
    expect(summary.added).toHaveLength(7);
    const stored = await accounts.list();
    for (const view of stored) expect(REFERENCE.has((await secrets.get(`account:${view.id}`))!)).toBe(true);
    // Committed: the secrets in the preview are gone.
    await expectAppError(service.commit(preview.previewId, [{ key: preview.accounts[0]!.key }]), 'NOT_FOUND');
  });

  it('a wrong password for a file added to an existing preview leaves that preview exactly as it was', async () => {
    const { service } = await setup();
    const first = await service.previewText(ALICE_A);
    await expectAppError(service.previewFile(b64('aegis_encrypted.json'), 'vault.json', 'nope', first.previewId), 'IMPORT_WRONG_PASSWORD');
    const again = await service.view(first.previewId);
    expect(again.sources).toEqual(first.sources);
    expect(again.accounts).toEqual(first.accounts);
  });

  it('groups of the source app come along as tags, in the preview and in the stored accounts', async () => {
    const { service, accounts } = await setup();
    const preview = await service.previewFile(b64('aegis_plain_grouped_v2.json'), 'grouped.json', null);
    const tagsOf = (list: { issuer: string; tags: string[] }[]) => Object.fromEntries(list.map((a) => [a.issuer, a.tags]));
    expect(tagsOf(preview.accounts)).toMatchObject({ Deno: ['group1'], Airbnb: ['group1'], Issuu: ['group2'], SPDX: [] });
    await service.commit(
      preview.previewId,
      preview.accounts.map((a) => ({ key: a.key })),
    );
    expect(tagsOf(await accounts.list())).toMatchObject({ Deno: ['group1'], Airbnb: ['group1'], Issuu: ['group2'], SPDX: [] });
  });

  it('a 2FAS file by content, whatever its name', async () => {
    const { service } = await setup();
    const preview = await service.previewFile(b64('2fas_authenticator_plain_v4.2fas'), 'backup.bin', null);
    expect(preview.accounts.length).toBeGreaterThanOrEqual(5);
    expect(preview.sources[0]).toMatchObject({ kind: 'file', format: expect.stringMatching(/2FAS/) });
  });
});

describe('import preview from pasted text', () => {
  it('takes every line: our own URI export restores every account, not just the first', async () => {
    const source = await setup();
    const imported = await source.accounts.importAccounts(plainAccounts());
    expect(imported.added).toHaveLength(7);
    const exported = (await source.accounts.exportUris()).join('\n');

    const target = await setup();
    const preview = await target.service.previewText(`${exported}\n`);
    expect(preview.sources).toEqual([{ name: 'Pasted text', kind: 'text', codes: 7, format: expect.any(String) }]);
    expect(preview.accounts.map((a) => a.issuer).sort()).toEqual(plainAccounts().map((a) => a.issuer).sort());
    const summary = await target.service.commit(
      preview.previewId,
      preview.accounts.map((a) => ({ key: a.key })),
    );
    expect(summary.added).toHaveLength(7);
    expect(await target.accounts.exportUris()).toEqual(exported.split('\n'));
  });

  it('lists broken lines by number (never their text) and still takes the good ones', async () => {
    const { service } = await setup();
    const preview = await service.previewText(`${ALICE_A}\notpauth://totp/X:y?secret=not*base32\n\n${PLAIN_TEXT.split('\n')[0]}`);
    expect(preview.accounts.map((a) => a.issuer)).toEqual(['ACME', 'Deno']);
    expect(preview.skipped).toEqual([{ issuer: '', label: 'Line 2', reason: expect.any(String), source: 'Pasted text' }]);
    expect(JSON.stringify(preview)).not.toContain('not*base32');
  });

  it('text that is neither URIs nor an export says what to paste', async () => {
    const { service } = await setup();
    const e = await expectAppError(service.previewText('hello world\nthis is not it'), 'INVALID_URI');
    expect(e.message).toMatch(/otpauth:\/\//);
  });
});

describe('duplicates and same-name conflicts', () => {
  it('marks an identical stored account as a duplicate (skipped on commit) and a re-issued secret as a conflict', async () => {
    const { service, accounts } = await setup();
    const [alice] = (await accounts.importUri(ALICE_A)).added;
    await accounts.importUri(PLAIN_TEXT.split('\n')[0]!);
    const preview = await service.previewText(`${ALICE_B}\n${PLAIN_TEXT}`);
    const byName = Object.fromEntries(preview.accounts.map((a) => [a.issuer, a]));
    expect(byName.ACME).toMatchObject({ conflictOf: alice!.id });
    expect(byName.ACME!.duplicateOf).toBeUndefined();
    expect(byName.Deno!.duplicateOf).toEqual(expect.any(String));
    expect(byName.SPDX).not.toHaveProperty('duplicateOf');
    const summary = await service.commit(
      preview.previewId,
      preview.accounts.map((a) => ({ key: a.key })),
    );
    expect(summary.duplicates).toEqual([{ issuer: 'Deno', label: 'Mason' }]);
  });

  it('"replace" gives the stored account the new secret and parameters, keeps its id and name, and adds the tags', async () => {
    const { service, accounts, secrets } = await setup();
    const [alice] = (await accounts.importAccounts([{ ...parse(ALICE_A), tags: ['Mine'] }])).added;
    const preview = await service.previewText(`${ALICE_B.replace('&issuer=ACME', '&issuer=ACME')}`);
    expect(preview.accounts[0]!.conflictOf).toBe(alice!.id);
    const summary = await service.commit(preview.previewId, [{ key: preview.accounts[0]!.key, action: 'replace' }]);
    expect(summary.added).toEqual([]);
    expect(summary.replaced).toMatchObject([{ id: alice!.id, issuer: 'ACME', label: 'alice', digits: 8, algorithm: 'SHA256' }]);
    const list = await accounts.list();
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: alice!.id, digits: 8, algorithm: 'SHA256', tags: ['Mine'] });
    expect(await secrets.get(`account:${alice!.id}`)).toBe(SECRET_B);
  });

  it('"keep both" (and no action at all) adds a second account with a distinct label', async () => {
    const { service, accounts, secrets } = await setup();
    await accounts.importUri(ALICE_A);
    const preview = await service.previewText(ALICE_B);
    const summary = await service.commit(preview.previewId, [{ key: preview.accounts[0]!.key, action: 'keep-both' }]);
    expect(summary.added.map((a) => a.label)).toEqual(['alice (2)']);
    expect(await secrets.get(`account:${summary.added[0]!.id}`)).toBe(SECRET_B);

    const third = `otpauth://totp/ACME:alice?secret=${'GEZDGNBVGY3TQOJQ'.repeat(2)}&issuer=ACME`;
    const next = await service.previewText(third);
    const defaulted = await service.commit(next.previewId, [{ key: next.accounts[0]!.key }]);
    expect(defaulted.added.map((a) => a.label)).toEqual(['alice (3)']);
    expect((await accounts.list()).map((a) => a.label)).toEqual(['alice', 'alice (2)', 'alice (3)']);
  });

  it('replace is refused, importing nothing, when the stored account was renamed since the preview', async () => {
    const { service, accounts, secrets } = await setup();
    const [alice] = (await accounts.importUri(ALICE_A)).added;
    const preview = await service.previewText(`${ALICE_B}\n${PLAIN_TEXT}`);
    await accounts.update(alice!.id, { label: 'alice-old' });
    const picks = preview.accounts.map((a) => ({ key: a.key, action: 'replace' as const }));
    // The conflict is gone now (renamed): ACME:alice is simply added; nothing is overwritten.
    const summary = await service.commit(preview.previewId, picks);
    expect(summary.replaced).toEqual([]);
    expect(await secrets.get(`account:${alice!.id}`)).toBe(SECRET_A);
    expect(summary.added).toHaveLength(8);
  });
});

describe('all or nothing', () => {
  it('a keychain failure in the middle leaves every account and secret as it was, and the preview for a retry', async () => {
    // Writes: 1 = the stored alice; then the commit writes 7 new secrets and the replacement; the 5th fails.
    const failing = new FailingSecretStore(5);
    const { service, accounts } = await setup(failing);
    const [alice] = (await accounts.importUri(ALICE_A)).added;
    const preview = await service.previewText(`${ALICE_B}\n${PLAIN_TEXT}`);
    const picks = preview.accounts.map((a) => ({ key: a.key, action: 'replace' as const }));
    expect(await failureCode(service.commit(preview.previewId, picks))).toBe('KEYCHAIN_ERROR');
    expect((await accounts.list()).map((a) => a.id)).toEqual([alice!.id]);
    expect(failing.keys()).toEqual([`account:${alice!.id}`]);
    expect(await failing.get(`account:${alice!.id}`)).toBe(SECRET_A);

    const retry = await service.commit(preview.previewId, picks);
    expect(retry.added).toHaveLength(7);
    expect(retry.replaced!.map((a) => a.id)).toEqual([alice!.id]);
    expect(await failing.get(`account:${alice!.id}`)).toBe(SECRET_B);
  });

  it('a failure writing the replacement itself puts back what was written before it', async () => {
    // 1 = alice; commit: Deno's secret (2), then alice's replacement (3) fails.
    const failing = new FailingSecretStore(3);
    const { service, accounts } = await setup(failing);
    const [alice] = (await accounts.importUri(ALICE_A)).added;
    const preview = await service.previewText(`${ALICE_B}\n${PLAIN_TEXT.split('\n')[0]}`);
    const picks = preview.accounts.map((a) => ({ key: a.key, action: 'replace' as const }));
    expect(await failureCode(service.commit(preview.previewId, picks))).toBe('KEYCHAIN_ERROR');
    expect((await accounts.list()).map((a) => [a.id, a.digits])).toEqual([[alice!.id, 6]]);
    expect(failing.keys()).toEqual([`account:${alice!.id}`]);
    expect(await failing.get(`account:${alice!.id}`)).toBe(SECRET_A);
  });

  it('unknown or repeated keys are refused before anything is stored', async () => {
    const { service, accounts } = await setup();
    const preview = await service.previewText(PLAIN_TEXT);
    const key = preview.accounts[0]!.key;
    await expectAppError(service.commit(preview.previewId, [{ key }, { key: 'a999' }]), 'INVALID_ARGUMENT');
    await expectAppError(service.commit(preview.previewId, [{ key }, { key }]), 'INVALID_ARGUMENT');
    expect(await accounts.list()).toEqual([]);
  });
});

describe('import namespace through createServices and the dispatcher', () => {
  it('previewFile / previewText / commit / discard, validated by the contract', async () => {
    const services = await createServices({
      dataDir: join(await tempDir(), 'data'),
      keychainService: 'authbahn-unit',
      mode: 'web',
      clipboard: null,
      version: '0.0.0',
      secretStore: new MemorySecretStore(),
      platform: 'linux',
      env: {},
    });
    try {
      expect(await dispatch(services.handlers, 'import', 'previewFile', [b64('aegis_encrypted.json'), 'a.json', null])).toMatchObject({
        ok: false,
        error: { code: 'IMPORT_PASSWORD_REQUIRED' },
      });
      expect(await dispatch(services.handlers, 'import', 'previewFile', ['not base64!', 'a.json', null])).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT' } });
      const file = await dispatch(services.handlers, 'import', 'previewFile', [b64('aegis_encrypted.json'), 'a.json', 'test', null]);
      const preview = file.ok ? (file.value as { previewId: string; accounts: { key: string }[] }) : undefined;
      expect(preview?.accounts).toHaveLength(7);
      // Pasted text goes into the same preview; the identical accounts are kept once.
      const text = await dispatch(services.handlers, 'import', 'previewText', [PLAIN_TEXT, preview!.previewId]);
      expect(text.ok && (text.value as { accounts: unknown[]; sources: unknown[] }).sources).toHaveLength(2);
      expect(text.ok && (text.value as { accounts: unknown[] }).accounts).toHaveLength(7);
      expect(await dispatch(services.handlers, 'import', 'commit', [preview!.previewId, [{ key: 'a1', action: 'overwrite' }]])).toMatchObject({
        ok: false,
        error: { code: 'INVALID_ARGUMENT' },
      });
      const committed = await dispatch(services.handlers, 'import', 'commit', [preview!.previewId, preview!.accounts.map((a) => ({ key: a.key }))]);
      expect(committed.ok && (committed.value as { added: unknown[] }).added).toHaveLength(7);
      const other = await dispatch(services.handlers, 'import', 'previewText', [PLAIN_TEXT]);
      const id = other.ok ? (other.value as { previewId: string }).previewId : '';
      expect(await dispatch(services.handlers, 'import', 'discard', [id])).toMatchObject({ ok: true });
      expect(await dispatch(services.handlers, 'import', 'commit', [id, [{ key: 'a1' }]])).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    } finally {
      await services.dispose();
    }
  });
});

/** The code of whatever the promise rejects with (the test keychain throws plain errors with a code). */
async function failureCode(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected a rejection'),
    (e: unknown) => (e as { code?: unknown }).code,
  );
}

function parse(uri: string) {
  const url = new URL(uri);
  return {
    type: 'totp' as const,
    issuer: url.searchParams.get('issuer')!,
    label: decodeURIComponent(url.pathname.split(':').pop()!),
    secret: url.searchParams.get('secret')!,
    algorithm: 'SHA1' as const,
    digits: 6,
    period: 30,
    counter: 0,
  };
}
