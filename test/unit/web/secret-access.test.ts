import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/api/contract';
import { allowSecretAccess, revealsSecrets, SECRET_REVEALING_METHODS } from '../../../main/web/secret-access';

describe('secret-revealing calls', () => {
  it('lists the export and Show QR methods, all of which exist in the contract', () => {
    const all = new Set(methodNames().map(({ ns, method }) => `${ns}.${method}`));
    expect([...SECRET_REVEALING_METHODS].sort()).toEqual(['accounts.exportMigration', 'accounts.exportUris', 'accounts.qr']);
    for (const name of SECRET_REVEALING_METHODS) expect(all.has(name), name).toBe(true);
    expect(revealsSecrets('accounts', 'exportUris')).toBe(true);
    expect(revealsSecrets('accounts', 'list')).toBe(false);
    expect(revealsSecrets('codes', 'list')).toBe(false);
  });

  it('are allowed while no app lock exists', async () => {
    expect(await allowSecretAccess({ ns: 'accounts', method: 'exportUris', peer: '127.0.0.1' })).toEqual({ ok: true, value: undefined });
  });
});
