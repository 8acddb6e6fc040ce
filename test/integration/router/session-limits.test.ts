// Per-session caps on subscriptions and registrations, and a session holding 20,000 wildcard
// patterns: once that made every publish (and every meta event, login and logout) scan them all.
// The lookup cost itself is asserted by counting work in test/unit/router/core/pattern-index.test.ts;
// here the real router keeps routing correctly and answers the cap with an ERROR.
import { afterEach, describe, expect, it } from 'vitest';
import { RawClient } from '../../support/router/raw-client';
import { startTestRouter, type TestRouter } from '../../support/router/router-harness';
import { RealmAuthorizer } from '../../../main/router/auth/realm-authorizer';
import { toPermission } from '../../../main/router/auth/permissions';
import type { RealmOptions } from '../../../main/router/types';

// A static authorizer, as real configs have (the test fixture's async one would make every message wait a microtask).
const authorizer = () =>
  new RealmAuthorizer({
    realm: 'realm1',
    roles: { anonymous: { kind: 'static', permissions: [toPermission({ uri: '', match: 'prefix', allow: { call: true, register: true, publish: true, subscribe: true } })] } },
  });

let r: TestRouter | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

async function start(limits: Omit<RealmOptions, 'name' | 'authorizer'> = {}): Promise<TestRouter> {
  const a = authorizer();
  r = await startTestRouter({ authorizer: a, extra: { realms: [{ name: 'realm1', authorizer: a, ...limits }] } });
  return r;
}

async function joined(router: TestRouter): Promise<RawClient> {
  const c = await RawClient.connect(router.url);
  await c.join('realm1');
  return c;
}

/** Sends `count` SUBSCRIBEs (request ids from 1) and collects the replies, in order. */
async function subscribeMany(c: RawClient, count: number, topic: (i: number) => string, match: string): Promise<unknown[][]> {
  const replies: unknown[][] = [];
  // Read the replies straight off the socket: RawClient.next() is meant for a few messages at a time.
  const done = new Promise<void>((resolve) => {
    const onMessage = (data: Buffer) => {
      const m = JSON.parse(data.toString('utf8')) as unknown[];
      if (m[0] !== 33 && m[0] !== 8) return;
      replies.push(m);
      if (replies.length === count) {
        c.ws.off('message', onMessage);
        resolve();
      }
    };
    c.ws.on('message', onMessage);
  });
  for (let i = 0; i < count; i += 1) c.send([32, i + 1, { match }, topic(i)]);
  await done;
  c.received.length = 0;
  return replies;
}

describe('per-session limits', () => {
  it('answers SUBSCRIBE past the cap with wamp.error.limit_exceeded, keeps the session, and frees a slot on unsubscribe', async () => {
    const router = await start({ maxSubscriptionsPerSession: 3, maxRegistrationsPerSession: 2 });
    const c = await joined(router);
    const ok = await subscribeMany(c, 3, (i) => `com.t${i}`, 'exact');
    expect(ok.map((m) => m[0])).toEqual([33, 33, 33]);
    c.send([32, 10, {}, 'com.t3']);
    const err = await c.next(8);
    expect([err[1], err[2], err[4]]).toEqual([32, 10, 'wamp.error.limit_exceeded']);
    expect(err[5]).toEqual([expect.stringContaining('3 subscriptions')]);
    c.send([32, 11, {}, 'com.t0']); // already held: the same subscription, not a new one
    expect((await c.next(33))[2]).toBe(ok[0]![2]);
    c.send([34, 12, ok[0]![2]]);
    await c.next(35);
    c.send([32, 13, {}, 'com.t3']);
    expect((await c.next(33))[1]).toBe(13);

    c.send([64, 20, {}, 'com.p0']);
    c.send([64, 21, {}, 'com.p1']);
    c.send([64, 22, {}, 'com.p2']);
    expect((await c.next(65))[1]).toBe(20);
    expect((await c.next(65))[1]).toBe(21);
    const regErr = await c.next(8);
    expect([regErr[1], regErr[2], regErr[4]]).toEqual([64, 22, 'wamp.error.limit_exceeded']);
    // Another session has its own budget.
    const other = await joined(router);
    other.send([32, 1, {}, 'com.t0']);
    expect((await other.next(33))[1]).toBe(1);
    c.close();
    other.close();
  });

  it('caps at 10,000 subscriptions per session by default', async () => {
    const router = await start();
    const c = await joined(router);
    const replies = await subscribeMany(c, 10_001, (i) => `com.w${i}..x`, 'wildcard');
    expect(replies.slice(0, 10_000).every((m) => m[0] === 33)).toBe(true);
    expect(replies[10_000]![4]).toBe('wamp.error.limit_exceeded');
    c.close();
  });

  it('keeps routing for everyone while one session holds 20,000 wildcard subscriptions, and lets it leave', async () => {
    const router = await start({ maxSubscriptionsPerSession: 20_000 });
    const heavy = await joined(router);
    const replies = await subscribeMany(heavy, 20_000, (i) => `com.w${i}..x`, 'wildcard');
    expect(replies.every((m) => m[0] === 33)).toBe(true);
    expect(router.router.listRealms()[0]!.subscriptions).toBe(20_000);

    // Others log in, subscribe and publish while those are held.
    const listener = await joined(router);
    listener.send([32, 1, {}, 'com.other.topic']);
    await listener.next(33);
    const pub = await joined(router);
    pub.send([16, 1, { acknowledge: true }, 'com.other.topic', ['miss']]);
    pub.send([16, 2, { acknowledge: true }, 'com.w7.any.x', ['hit']]);
    expect((await pub.next(17))[1]).toBe(1);
    expect((await pub.next(17))[1]).toBe(2);
    expect((await listener.next(36))[4]).toEqual(['miss']);
    const ev = await heavy.next(36);
    expect([ev[1], ev[3], ev[4]]).toEqual([replies[7]![2], { topic: 'com.w7.any.x' }, ['hit']]);

    heavy.close();
    await heavy.closed;
    const deadline = Date.now() + 10_000;
    while (router.router.listRealms()[0]!.subscriptions > 1 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    expect(router.router.listRealms()[0]!.subscriptions).toBe(1);
    const late = await joined(router);
    late.close();
    listener.close();
    pub.close();
  }, 60_000);
});
