// Session, registration and subscription meta API (procedures and events), via AutobahnJS.
import autobahn from 'autobahn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, startTestRouter, until, type TestRouter } from '../../support/router/router-harness';

let r: TestRouter;
beforeAll(async () => {
  r = await startTestRouter({ realms: ['realm1', 'realm2'] });
});
afterAll(async () => {
  await r.stop();
});

describe('meta API', () => {
  it('lists, counts, gets and kills sessions of the realm only', async () => {
    const a = await openSession(r.url);
    const b = await openSession(r.url, 'realm1', 'cbor');
    const elsewhere = await openSession(r.url, 'realm2');
    try {
      expect(await a.session.call('wamp.session.count')).toBe(2);
      expect(await a.session.call('wamp.session.count', [['nobody']])).toBe(0);
      expect(((await a.session.call('wamp.session.list')) as number[]).sort()).toEqual([a.session.id, b.session.id].sort());
      const details = (await a.session.call('wamp.session.get', [b.session.id])) as Record<string, unknown>;
      expect(details).toMatchObject({ session: b.session.id, authid: `anon-${b.session.id}`, authrole: 'anonymous', authmethod: 'anonymous', serializer: 'cbor' });
      const missing = (await a.session.call('wamp.session.get', [elsewhere.session.id]).catch((e: unknown) => e)) as autobahn.Error;
      expect(missing.error).toBe('wamp.error.no_such_session');
      const closed = new Promise<string>((resolve) => {
        b.connection.onclose = (reason) => {
          resolve(reason);
          return true;
        };
      });
      await a.session.call('wamp.session.kill', [b.session.id], { reason: 'com.example.kicked', message: 'bye' });
      await closed;
      await until(() => r.router.listSessions('realm1').length === 1);
      const self = (await a.session.call('wamp.session.kill', [a.session.id]).catch((e: unknown) => e)) as autobahn.Error;
      expect(self.error).toBe('wamp.error.invalid_argument');
    } finally {
      await closeSession(a.connection);
      await closeSession(elsewhere.connection);
    }
  });

  it('wamp.session.kill refuses reasons that pose as the router, and bounds what the killer may say', async () => {
    const killer = await openSession(r.url);
    const victim = await openSession(r.url);
    try {
      const refused = async (kwargs: Record<string, unknown>) =>
        ((await killer.session.call('wamp.session.kill', [victim.session.id], kwargs).catch((e: unknown) => e)) as autobahn.Error).error;
      // The victim would believe the router shut down, the realm closed, or it left on its own.
      for (const reason of ['wamp.close.system_shutdown', 'wamp.close.close_realm', 'wamp.close.normal', 'wamp.close.goodbye_and_out', 'wamp.error.canceled']) {
        expect(await refused({ reason }), reason).toBe('wamp.error.invalid_argument');
      }
      expect(await refused({ reason: 'not a uri' })).toBe('wamp.error.invalid_argument');
      expect(await refused({ reason: `com.${'x'.repeat(300)}` })).toBe('wamp.error.invalid_argument');
      expect(await refused({ message: 'x'.repeat(1001) })).toBe('wamp.error.invalid_argument');
      expect(await refused({ message: 42 })).toBe('wamp.error.invalid_argument');
      expect(victim.connection.isOpen).toBe(true);

      // Without a reason the victim is told wamp.close.killed.
      const closed = new Promise<string | undefined>((resolve) => {
        victim.connection.onclose = (_reason, details) => {
          resolve((details as { reason?: string }).reason);
          return true;
        };
      });
      await killer.session.call('wamp.session.kill', [victim.session.id]);
      expect(await closed).toBe('wamp.close.killed');
    } finally {
      await closeSession(killer.connection);
      await closeSession(victim.connection);
    }
  });

  it('describes registrations and subscriptions', async () => {
    const s = await openSession(r.url, 'realm2');
    const c = await openSession(r.url, 'realm2');
    try {
      const reg = await s.session.register('com.meta.proc', () => null);
      const preg = await s.session.register('com.meta.', () => null, { match: 'prefix' });
      expect(await c.session.call('wamp.registration.lookup', ['com.meta.proc'])).toBe(reg.id);
      expect(await c.session.call('wamp.registration.lookup', ['com.meta.', { match: 'prefix' }])).toBe(preg.id);
      expect(await c.session.call('wamp.registration.lookup', ['com.meta.none'])).toBe(null);
      expect(await c.session.call('wamp.registration.match', ['com.meta.other'])).toBe(preg.id);
      expect(await c.session.call('wamp.registration.list')).toEqual({ exact: [reg.id], prefix: [preg.id], wildcard: [] });
      expect(await c.session.call('wamp.registration.get', [reg.id])).toMatchObject({ id: reg.id, uri: 'com.meta.proc', match: 'exact', invoke: 'single' });
      expect(await c.session.call('wamp.registration.list_callees', [reg.id])).toEqual([s.session.id]);
      expect(await c.session.call('wamp.registration.count_callees', [reg.id])).toBe(1);
      const noReg = (await c.session.call('wamp.registration.get', [1]).catch((e: unknown) => e)) as autobahn.Error;
      expect(noReg.error).toBe('wamp.error.no_such_registration');

      const sub = await s.session.subscribe('com.meta.topic', () => undefined);
      const wsub = await c.session.subscribe('com..topic', () => undefined, { match: 'wildcard' });
      expect(await c.session.call('wamp.subscription.lookup', ['com.meta.topic'])).toBe(sub.id);
      expect(((await c.session.call('wamp.subscription.match', ['com.meta.topic'])) as number[]).sort()).toEqual([sub.id, wsub.id].sort());
      expect(await c.session.call('wamp.subscription.get', [wsub.id])).toMatchObject({ uri: 'com..topic', match: 'wildcard' });
      expect(await c.session.call('wamp.subscription.list_subscribers', [sub.id])).toEqual([s.session.id]);
      expect(await c.session.call('wamp.subscription.count_subscribers', [sub.id])).toBe(1);
      expect(await c.session.call('wamp.subscription.list')).toEqual({ exact: [sub.id], prefix: [], wildcard: [wsub.id] });
      expect(r.router.listRegistrations('realm2').map((x) => x.uri).sort()).toEqual(['com.meta.', 'com.meta.proc']);
      expect(r.router.listSubscriptions('realm2').find((x) => x.id === sub.id)?.subscribers).toEqual([s.session.id]);
    } finally {
      await closeSession(s.connection);
      await closeSession(c.connection);
    }
  });

  it('publishes session, registration and subscription meta events', async () => {
    const watcher = await openSession(r.url, 'realm2', 'msgpack');
    try {
      const events: [string, unknown[]][] = [];
      for (const t of ['wamp.session.on_join', 'wamp.session.on_leave']) await watcher.session.subscribe(t, (args) => events.push([t.slice(13), args]));
      for (const t of ['on_create', 'on_register', 'on_unregister', 'on_delete']) await watcher.session.subscribe(`wamp.registration.${t}`, (args) => events.push([`reg.${t}`, args]));
      for (const t of ['on_create', 'on_subscribe', 'on_unsubscribe', 'on_delete']) await watcher.session.subscribe(`wamp.subscription.${t}`, (args) => events.push([`sub.${t}`, args]));
      expect(events).toEqual([]); // subscribing to meta topics raises no meta events

      const other = await openSession(r.url, 'realm2');
      const id = other.session.id;
      const reg = await other.session.register('com.ev.proc', () => null);
      const sub = await other.session.subscribe('com.ev.topic', () => undefined);
      await other.session.unregister(reg);
      await closeSession(other.connection);
      await until(() => events.some(([k]) => k === 'on_leave'));
      expect(events.map(([k]) => k)).toEqual([
        'on_join',
        'reg.on_create',
        'reg.on_register',
        'sub.on_create',
        'sub.on_subscribe',
        'reg.on_unregister',
        'reg.on_delete',
        'sub.on_unsubscribe',
        'sub.on_delete',
        'on_leave',
      ]);
      expect(events[0]![1][0]).toMatchObject({ session: id, authrole: 'anonymous' });
      expect(events[1]![1]).toEqual([id, expect.objectContaining({ id: reg.id, uri: 'com.ev.proc', match: 'exact', invoke: 'single' })]);
      expect(events[2]![1]).toEqual([id, reg.id]);
      expect(events[4]![1]).toEqual([id, sub.id]);
      expect(events[9]![1]).toEqual([id, `anon-${id}`, 'anonymous']);
    } finally {
      await closeSession(watcher.connection);
    }
  });
});
