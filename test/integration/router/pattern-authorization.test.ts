// A pattern subscription or registration is authorized for its pattern, but what it delivers is
// authorized per concrete URI: a role allowed "com.example." with an exact deny on
// "com.example.secret" must not receive that topic's events (or that procedure's calls) through a
// prefix or wildcard pattern that covers it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RealmAuthorizer } from '../../../main/router/auth/realm-authorizer';
import { toPermission } from '../../../main/router/auth/permissions';
import { PermissiveAuthorizer } from '../../support/router/fixtures';
import { RawClient } from '../../support/router/raw-client';
import { startTestRouter, type TestRouter } from '../../support/router/router-harness';

const ALL = { call: true, register: true, publish: true, subscribe: true };

/** The roles: "user" may use com.example.* except the two exact denies; "backend" may use all of it. */
const staticAuthorizer = () =>
  new RealmAuthorizer({
    realm: 'realm1',
    roles: {
      user: {
        kind: 'static',
        permissions: [
          toPermission({ uri: 'com.example.', match: 'prefix', allow: ALL }),
          toPermission({ uri: 'com.example.secret', match: 'exact', allow: {} }),
          toPermission({ uri: 'com.example.admin', match: 'exact', allow: {} }),
        ],
      },
      backend: { kind: 'static', permissions: [toPermission({ uri: 'com.example.', match: 'prefix', allow: ALL })] },
    },
  });

async function join(r: TestRouter, authrole: string): Promise<RawClient> {
  const c = await RawClient.connect(r.url);
  await c.join('realm1', { authrole });
  return c;
}

const payloads = (c: RawClient) => c.received.splice(0).filter((m) => m[0] === 36).map((m) => [(m[3] as { topic?: string }).topic, (m[4] as unknown[])[0]]);

describe('pattern subscriptions and registrations with static permissions', () => {
  let r: TestRouter;
  beforeAll(async () => {
    r = await startTestRouter({ authorizer: staticAuthorizer() });
  });
  afterAll(async () => {
    await r.stop();
  });

  it('does not deliver events of an exactly denied topic to a prefix or wildcard subscriber', async () => {
    const user = await join(r, 'user');
    const backend = await join(r, 'backend');
    user.send([32, 1, { match: 'prefix' }, 'com.example.sec']);
    expect((await user.next(33))[1]).toBe(1);
    user.send([32, 2, { match: 'wildcard' }, 'com.example.']);
    expect((await user.next(33))[1]).toBe(2);
    user.send([32, 3, {}, 'com.example.secret']);
    expect((await user.next(8))[4]).toBe('wamp.error.not_authorized'); // the exact deny itself holds
    backend.send([16, 1, {}, 'com.example.secret', ['hidden']]);
    backend.send([16, 2, { acknowledge: true }, 'com.example.secretary', ['visible']]);
    await backend.next(17);
    // A round trip on the subscriber's own connection (denied: the role has no wamp.*), so every
    // event routed before it has arrived.
    user.send([48, 9, {}, 'wamp.session.count']);
    await user.next(8);
    expect(payloads(user)).toEqual([
      ['com.example.secretary', 'visible'],
      ['com.example.secretary', 'visible'],
    ]);
    user.close();
    backend.close();
  });

  it('does not route calls of an exactly denied procedure to a prefix registration', async () => {
    const user = await join(r, 'user');
    const backend = await join(r, 'backend');
    user.send([64, 1, { match: 'prefix' }, 'com.example.adm']);
    await user.next(65);
    backend.send([48, 1, {}, 'com.example.admin', [], { password: 'hunter2' }]);
    const err = await backend.next(8);
    expect(err[4]).toBe('wamp.error.no_such_procedure');
    // Another registration that may serve the procedure gets it instead.
    const other = await join(r, 'backend');
    other.send([64, 1, { match: 'wildcard' }, 'com.example.']);
    await other.next(65);
    backend.send([48, 2, {}, 'com.example.admin', [], { password: 'hunter2' }]);
    const inv = await other.next(68);
    expect(inv[3]).toEqual({ procedure: 'com.example.admin' });
    other.send([70, inv[1], {}, ['done']]);
    expect((await backend.next(50))[3]).toEqual(['done']);
    // The prefix registration still serves what its role allows.
    backend.send([48, 3, {}, 'com.example.admiral', ['ok']]);
    const allowed = await user.next(68);
    expect(allowed[3]).toEqual({ procedure: 'com.example.admiral' });
    expect(user.received.filter((m) => m[0] === 68)).toEqual([]); // never saw com.example.admin
    for (const c of [user, backend, other]) c.close();
  });
});

describe('pattern subscriptions and registrations with a dynamic (async) authorizer', () => {
  let r: TestRouter;
  beforeAll(async () => {
    r = await startTestRouter({
      authorizer: new PermissiveAuthorizer(['anonymous'], [
        { uri: 'com.dyn.secret', action: 'subscribe' },
        { uri: 'com.dyn.admin', action: 'register' },
      ]),
    });
  });
  afterAll(async () => {
    await r.stop();
  });

  it('asks the authorizer per concrete topic and keeps the subscriber’s event order', async () => {
    const sub = await RawClient.connect(r.url);
    await sub.join('realm1');
    sub.send([32, 1, { match: 'prefix' }, 'com.dyn.']);
    await sub.next(33);
    sub.send([32, 2, {}, 'com.dyn.plain']);
    await sub.next(33);
    const pub = await RawClient.connect(r.url);
    await pub.join('realm1');
    pub.send([16, 1, {}, 'com.dyn.a', [1]]);
    pub.send([16, 2, {}, 'com.dyn.secret', [2]]);
    pub.send([16, 3, {}, 'com.dyn.plain', [3]]);
    pub.send([16, 4, { acknowledge: true }, 'com.dyn.b', [4]]);
    await pub.next(17);
    await new Promise((res) => setTimeout(res, 50));
    sub.send([48, 9, {}, 'wamp.session.count']);
    await sub.next(50);
    // com.dyn.plain reaches both subscriptions; com.dyn.secret reaches neither.
    expect(payloads(sub).map(([, n]) => n)).toEqual([1, 3, 3, 4]);
    sub.close();
    pub.close();
  });

  it('answers no_such_procedure when the only pattern callee may not register the procedure', async () => {
    const callee = await RawClient.connect(r.url);
    await callee.join('realm1');
    callee.send([64, 1, { match: 'prefix' }, 'com.dyn.adm']);
    await callee.next(65);
    const caller = await RawClient.connect(r.url);
    await caller.join('realm1');
    caller.send([48, 1, {}, 'com.dyn.admin', [], { secret: true }]);
    expect((await caller.next(8))[4]).toBe('wamp.error.no_such_procedure');
    caller.send([48, 2, {}, 'com.dyn.admiral']);
    const inv = await callee.next(68);
    callee.send([70, inv[1], {}, ['ok']]);
    expect((await caller.next(50))[3]).toEqual(['ok']);
    expect(callee.received).toEqual([]);
    callee.close();
    caller.close();
  });
});
