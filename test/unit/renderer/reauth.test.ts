// The UI side of re-auth: only the secret-revealing calls are wrapped; REAUTH_REQUIRED asks for the
// password once (shared between calls waiting at the same time) and retries; cancelling keeps the error.
import { describe, expect, it } from 'vitest';
import type { Api } from '../../../shared/api/contract';
import { sharedPrompt, withReauth } from '../../../renderer/features/lock/reauth';

const REAUTH = { ok: false as const, error: { code: 'REAUTH_REQUIRED' as const, message: 'Enter the lock password' } };

function fakeApi(confirmed: { value: boolean }) {
  const calls: string[] = [];
  const reveal = (name: string) => async () => {
    calls.push(name);
    return confirmed.value ? { ok: true as const, value: name } : REAUTH;
  };
  const api = {
    accounts: { exportUris: reveal('exportUris'), exportMigration: reveal('exportMigration'), qr: reveal('qr'), exportAegis: reveal('exportAegis'), list: reveal('list') },
    codes: { list: reveal('codes') },
  } as unknown as Api;
  return { api, calls };
}

describe('withReauth', () => {
  it('asks once for two calls waiting together, then retries both', async () => {
    const confirmed = { value: false };
    const { api, calls } = fakeApi(confirmed);
    let prompts = 0;
    const wrapped = withReauth(
      api,
      sharedPrompt(async () => {
        prompts += 1;
        await new Promise((r) => setTimeout(r, 5));
        confirmed.value = true;
        return true;
      }),
    );
    const [a, b] = await Promise.all([wrapped.accounts.exportUris(), wrapped.accounts.exportMigration()]);
    expect(a).toEqual({ ok: true, value: 'exportUris' });
    expect(b).toEqual({ ok: true, value: 'exportMigration' });
    expect(prompts).toBe(1);
    expect(calls.sort()).toEqual(['exportMigration', 'exportMigration', 'exportUris', 'exportUris']);
  });

  it('cancelling returns the REAUTH_REQUIRED error without retrying', async () => {
    const { api, calls } = fakeApi({ value: false });
    const wrapped = withReauth(api, async () => false);
    expect(await wrapped.accounts.qr('id')).toEqual(REAUTH);
    expect(calls).toEqual(['qr']);
  });

  it('leaves every other method alone', async () => {
    const { api } = fakeApi({ value: false });
    const wrapped = withReauth(api, async () => {
      throw new Error('must not ask');
    });
    expect(wrapped.accounts.list).toBe(api.accounts.list);
    expect(wrapped.codes.list).toBe(api.codes.list);
    expect(await wrapped.accounts.list()).toEqual(REAUTH);
  });
});
