// The authorizer is asked before every call/register/publish/subscribe; denials and bad URIs come
// back as the right ERRORs (or silence, for an unacknowledged publish).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PermissiveAuthorizer } from '../../support/router/fixtures';
import { RawClient } from '../../support/router/raw-client';
import { startTestRouter, type TestRouter } from '../../support/router/router-harness';
import type { Action, Authorization, Authorizer, RouterCaller, SessionRef } from '../../../main/router/auth/types';

let r: TestRouter;
let authorizer: PermissiveAuthorizer;
beforeAll(async () => {
  authorizer = new PermissiveAuthorizer(['anonymous'], [
    { uri: 'com.secret.proc', action: 'call' },
    { uri: 'com.secret.proc', action: 'register' },
    { uri: 'com.secret.topic', action: 'subscribe' },
    { uri: 'com.secret.topic', action: 'publish' },
    { uri: 'wamp.session.list', action: 'call' },
  ]);
  r = await startTestRouter({ authorizer });
});
afterAll(async () => {
  await r.stop();
});

const errorOf = (m: unknown[]) => [m[0], m[1], m[2], m[4]];

describe('authorization', () => {
  it('denies call, register, subscribe and acknowledged publish with not_authorized', async () => {
    const c = await RawClient.connect(r.url);
    const id = await c.join('realm1');
    c.send([48, 1, {}, 'com.secret.proc']);
    expect(errorOf(await c.next(8))).toEqual([8, 48, 1, 'wamp.error.not_authorized']);
    c.send([64, 2, {}, 'com.secret.proc']);
    expect(errorOf(await c.next(8))).toEqual([8, 64, 2, 'wamp.error.not_authorized']);
    c.send([32, 3, {}, 'com.secret.topic']);
    expect(errorOf(await c.next(8))).toEqual([8, 32, 3, 'wamp.error.not_authorized']);
    c.send([16, 4, { acknowledge: true }, 'com.secret.topic']);
    expect(errorOf(await c.next(8))).toEqual([8, 16, 4, 'wamp.error.not_authorized']);
    c.send([48, 5, {}, 'wamp.session.list']);
    expect(errorOf(await c.next(8))).toEqual([8, 48, 5, 'wamp.error.not_authorized']);
    expect(authorizer.checks.filter((x) => x.session === id).map((x) => `${x.action} ${x.uri}`)).toEqual([
      'call com.secret.proc',
      'register com.secret.proc',
      'subscribe com.secret.topic',
      'publish com.secret.topic',
      'call wamp.session.list',
    ]);
    c.close();
  });

  it('drops a denied publish without acknowledge silently and delivers nothing', async () => {
    const sub = await RawClient.connect(r.url);
    await sub.join('realm1');
    sub.send([32, 1, { match: 'prefix' }, 'com.secret']);
    await sub.next(33);
    const pub = await RawClient.connect(r.url);
    await pub.join('realm1');
    pub.send([16, 1, {}, 'com.secret.topic', ['hidden']]);
    pub.send([16, 2, { acknowledge: true }, 'com.secret.other', ['visible']]);
    expect((await pub.next())[0]).toBe(17); // PUBLISHED for request 2 is the first thing it hears
    const ev = await sub.next(36);
    expect(ev[4]).toEqual(['visible']);
    expect(sub.received).toEqual([]);
    sub.close();
    pub.close();
  });

  it('rejects invalid URIs, match policies and the reserved wamp.* namespace', async () => {
    const c = await RawClient.connect(r.url, 'cbor');
    await c.join('realm1');
    c.send([48, 1, {}, 'com..bad']);
    expect(errorOf(await c.next(8))).toEqual([8, 48, 1, 'wamp.error.invalid_uri']);
    c.send([64, 2, {}, 'has space']);
    expect(errorOf(await c.next(8))).toEqual([8, 64, 2, 'wamp.error.invalid_uri']);
    c.send([64, 3, {}, 'wamp.my.proc']);
    expect(errorOf(await c.next(8))).toEqual([8, 64, 3, 'wamp.error.invalid_uri']);
    c.send([32, 4, { match: 'regex' }, 'com.x']);
    expect(errorOf(await c.next(8))).toEqual([8, 32, 4, 'wamp.error.invalid_argument']);
    c.send([64, 5, { invoke: 'everyone' }, 'com.x']);
    expect(errorOf(await c.next(8))).toEqual([8, 64, 5, 'wamp.error.invalid_argument']);
    c.send([16, 6, { acknowledge: true }, 'com.#']);
    expect(errorOf(await c.next(8))).toEqual([8, 16, 6, 'wamp.error.invalid_uri']);
    c.send([34, 7, 12345]);
    expect(errorOf(await c.next(8))).toEqual([8, 34, 7, 'wamp.error.no_such_subscription']);
    c.send([66, 8, 12345]);
    expect(errorOf(await c.next(8))).toEqual([8, 66, 8, 'wamp.error.no_such_registration']);
    c.close();
  });

  it('reports a failing authorizer as authorization_failed and keeps the session', async () => {
    const failing: Authorizer = {
      hasRole: () => true,
      authorize: async (_s: SessionRef, uri: string, _a: Action): Promise<Authorization> => {
        if (uri === 'com.boom') throw new Error('backend down');
        return { allow: true, disclose: false };
      },
    };
    const t = await startTestRouter({ authorizer: failing });
    try {
      const c = await RawClient.connect(t.url);
      await c.join('realm1');
      c.send([48, 1, {}, 'com.boom']);
      const err = await c.next(8);
      expect(err[4]).toBe('wamp.error.authorization_failed');
      expect(err[5]).toEqual([expect.stringContaining('backend down')]);
      c.send([64, 2, {}, 'com.fine']);
      expect((await c.next(65))[1]).toBe(2);
    } finally {
      await t.stop();
    }
  });

  it('lets a session answer the dynamic authorizer that is deciding its own call', async () => {
    let caller: RouterCaller | undefined;
    const dynamic: Authorizer = {
      hasRole: () => true,
      authorize: async (session, uri) => {
        if (!uri.startsWith('com.guarded')) return { allow: true, disclose: false };
        const verdict = await caller!.call('realm1', 'com.authz.decide', [session.sessionId, uri]);
        return { allow: verdict === true, disclose: false };
      },
    };
    const t = await startTestRouter({ authorizer: dynamic });
    caller = t.router.caller;
    try {
      const c = await RawClient.connect(t.url);
      await c.join('realm1');
      c.send([64, 1, {}, 'com.authz.decide']);
      await c.next(65);
      c.send([64, 2, {}, 'com.guarded.proc']);
      const inv = await c.next(68); // the authorizer asks this very session while its REGISTER waits
      expect(inv[4]).toEqual([expect.any(Number), 'com.guarded.proc']);
      c.send([70, inv[1], {}, [true]]);
      expect((await c.next(65))[1]).toBe(2);
    } finally {
      await t.stop();
    }
  });

  it('keeps message order while a slow authorizer decides', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow: Authorizer = {
      hasRole: () => true,
      authorize: async (_s, uri) => {
        if (uri === 'com.slow') await gate;
        return { allow: true, disclose: false };
      },
    };
    const t = await startTestRouter({ authorizer: slow });
    try {
      const c = await RawClient.connect(t.url);
      await c.join('realm1');
      c.send([64, 1, {}, 'com.slow']);
      c.send([64, 2, {}, 'com.fast']);
      await new Promise((res) => setTimeout(res, 50));
      expect(c.received).toEqual([]);
      release();
      expect((await c.next())[1]).toBe(1);
      expect((await c.next())[1]).toBe(2);
    } finally {
      await t.stop();
    }
  });
});
