import { describe, expect, it } from 'vitest';
import { toPermission } from '../../../../main/router/auth/permissions';
import { RealmAuthorizer } from '../../../../main/router/auth/realm-authorizer';
import { WampCallError, type RouterCaller, type SessionRef } from '../../../../main/router/auth/types';

const session = (role: string, sessionId = 7): SessionRef => ({
  sessionId,
  identity: { realm: 'realm1', authid: 'joe', authrole: role, authmethod: 'ticket', authprovider: 'static' },
});

class ScriptedCaller implements RouterCaller {
  calls: unknown[][] = [];
  constructor(private readonly answer: (args: unknown[]) => unknown) {}
  async call(_realm: string, _procedure: string, args: unknown[]) {
    this.calls.push(args);
    return this.answer(args);
  }
}

describe('RealmAuthorizer', () => {
  it('knows its roles and applies static permissions', async () => {
    const a = new RealmAuthorizer({
      realm: 'realm1',
      roles: { frontend: { kind: 'static', permissions: [toPermission({ uri: 'com.example.', match: 'prefix', allow: { call: true } })] } },
    });
    expect(a.hasRole('frontend')).toBe(true);
    expect(a.hasRole('admin')).toBe(false);
    expect(await a.authorize(session('frontend'), 'com.example.x', 'call', {})).toEqual({ allow: true, disclose: false });
    expect(await a.authorize(session('frontend'), 'com.example.x', 'register', {})).toEqual({ allow: false, disclose: false });
    expect(await a.authorize(session('ghost'), 'com.example.x', 'call', {})).toEqual({ allow: false, disclose: false });
  });

  it('asks the dynamic authorizer with Crossbar arguments and caches only when told to', async () => {
    const caller = new ScriptedCaller(([, uri]) => ({ allow: uri === 'com.ok', disclose: true, cache: uri === 'com.ok' }));
    const a = new RealmAuthorizer({ realm: 'realm1', roles: { user: { kind: 'dynamic', authorizer: 'com.example.authorize' } }, caller });
    expect(await a.authorize(session('user'), 'com.ok', 'call', { x: 1 })).toEqual({ allow: true, disclose: true });
    expect(await a.authorize(session('user'), 'com.ok', 'call', {})).toEqual({ allow: true, disclose: true });
    expect(await a.authorize(session('user'), 'com.no', 'call', {})).toEqual({ allow: false, disclose: true });
    expect(await a.authorize(session('user'), 'com.no', 'call', {})).toEqual({ allow: false, disclose: true });
    expect(caller.calls).toHaveLength(3);
    expect(caller.calls[0]).toEqual([
      { session: 7, authid: 'joe', authrole: 'user', authmethod: 'ticket', authprovider: 'static', authextra: null },
      'com.ok',
      'call',
      { x: 1 },
    ]);
    a.forgetSession(7);
    await a.authorize(session('user'), 'com.ok', 'call', {});
    expect(caller.calls).toHaveLength(4);
  });

  it('accepts a plain boolean and throws (→ authorization_failed) on errors or odd answers', async () => {
    const errors: string[] = [];
    const onError = (e: { error: string }) => void errors.push(e.error);
    const yes = new RealmAuthorizer({ realm: 'r', roles: { u: { kind: 'dynamic', authorizer: 'a.b' } }, caller: new ScriptedCaller(() => true) });
    expect(await yes.authorize(session('u'), 'x.y', 'publish', {})).toEqual({ allow: true, disclose: false });
    const failing = new RealmAuthorizer({
      realm: 'r',
      roles: { u: { kind: 'dynamic', authorizer: 'a.b' } },
      caller: new ScriptedCaller(() => {
        throw new WampCallError('wamp.error.no_such_procedure', ['no such procedure']);
      }),
      onError,
    });
    await expect(failing.authorize(session('u'), 'x.y', 'call', {})).rejects.toThrow(/dynamic authorizer a\.b failed/);
    const odd = new RealmAuthorizer({ realm: 'r', roles: { u: { kind: 'dynamic', authorizer: 'a.b' } }, caller: new ScriptedCaller(() => 'yes'), onError });
    await expect(odd.authorize(session('u'), 'x.y', 'call', {})).rejects.toThrow(/expected a boolean/);
    expect(errors).toHaveLength(2);
  });
});
