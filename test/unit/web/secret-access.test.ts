import { describe, expect, it } from 'vitest';
import { methodNames } from '../../../shared/api/contract';
import { allowSecretAccess, lockSecretAccess, revealsSecrets, SECRET_REVEALING_METHODS } from '../../../main/web/secret-access';
import { AppError } from '../../../shared/api/errors';

describe('secret-revealing calls', () => {
  it('lists the export and Show QR methods, all of which exist in the contract', () => {
    const all = new Set(methodNames().map(({ ns, method }) => `${ns}.${method}`));
    expect([...SECRET_REVEALING_METHODS].sort()).toEqual(['accounts.exportAegis', 'accounts.exportMigration', 'accounts.exportUris', 'accounts.qr']);
    for (const name of SECRET_REVEALING_METHODS) expect(all.has(name), name).toBe(true);
    expect(revealsSecrets('accounts', 'exportUris')).toBe(true);
    expect(revealsSecrets('accounts', 'list')).toBe(false);
    expect(revealsSecrets('codes', 'list')).toBe(false);
  });

  it('are allowed while no app lock exists', async () => {
    expect(await allowSecretAccess({ ns: 'accounts', method: 'exportUris', peer: '127.0.0.1' })).toEqual({ ok: true, value: undefined });
  });

  it('with the app lock, the hook answers with the lock\'s re-auth decision as a Result', async () => {
    let confirmed = false;
    const check = lockSecretAccess({
      checkSecretAccess: async () => {
        if (!confirmed) throw new AppError('REAUTH_REQUIRED', 'Enter the lock password');
      },
    });
    const call = { ns: 'accounts', method: 'exportAegis', peer: '127.0.0.1' };
    expect(await check(call)).toEqual({ ok: false, error: { code: 'REAUTH_REQUIRED', message: 'Enter the lock password' } });
    confirmed = true;
    expect(await check(call)).toEqual({ ok: true, value: undefined });
  });
});
