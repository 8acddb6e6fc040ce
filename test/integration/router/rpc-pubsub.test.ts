// AutobahnJS (a third-party WAMP client) against our router over each serializer.
import autobahn from 'autobahn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeSession, openSession, startTestRouter, until, type AbSerializer, type TestRouter } from '../../support/router/router-harness';

let r: TestRouter;
beforeAll(async () => {
  r = await startTestRouter();
});
afterAll(async () => {
  await r.stop();
});

describe.each<AbSerializer>(['json', 'msgpack', 'cbor'])('AutobahnJS over %s', (kind) => {
  it('calls a procedure registered by another session, with args, kwargs and binary', async () => {
    const callee = await openSession(r.url, 'realm1', kind);
    const caller = await openSession(r.url, 'realm1', kind);
    try {
      await callee.session.register(`com.${kind}.add`, (args, kwargs) => new autobahn.Result([(args[0] as number) + (args[1] as number)], { echo: kwargs }));
      const res = await caller.session.call<autobahn.Result>(`com.${kind}.add`, [2, 3], { big: 2 ** 40, bytes: 'x' });
      expect(res.args).toEqual([5]);
      expect(res.kwargs).toEqual({ echo: { big: 2 ** 40, bytes: 'x' } });
      const single = await caller.session.call(`com.${kind}.add`, [20, 22]).catch((e: unknown) => e);
      expect(single).toBeInstanceOf(autobahn.Result);
    } finally {
      await closeSession(caller.connection);
      await closeSession(callee.connection);
    }
  });

  it('returns application errors and no_such_procedure', async () => {
    const callee = await openSession(r.url, 'realm1', kind);
    const caller = await openSession(r.url, 'realm1', kind);
    try {
      await callee.session.register(`com.${kind}.fail`, () => {
        throw new autobahn.Error('com.example.bad_input', ['nope'], { field: 'x' });
      });
      const err = (await caller.session.call(`com.${kind}.fail`).catch((e: unknown) => e)) as autobahn.Error;
      expect(err.error).toBe('com.example.bad_input');
      expect(err.args).toEqual(['nope']);
      expect(err.kwargs).toEqual({ field: 'x' });
      const missing = (await caller.session.call('com.nobody.home').catch((e: unknown) => e)) as autobahn.Error;
      expect(missing.error).toBe('wamp.error.no_such_procedure');
    } finally {
      await closeSession(caller.connection);
      await closeSession(callee.connection);
    }
  });

  it('publishes to subscribers, excluding the publisher unless exclude_me=false, with acknowledgement', async () => {
    const a = await openSession(r.url, 'realm1', kind);
    const b = await openSession(r.url, 'realm1', kind);
    try {
      const gotA: unknown[] = [];
      const gotB: unknown[] = [];
      await a.session.subscribe(`com.${kind}.topic`, (args) => gotA.push(args[0]));
      await b.session.subscribe(`com.${kind}.topic`, (args, kwargs) => gotB.push([args[0], kwargs]));
      const pub = await a.session.publish(`com.${kind}.topic`, [1], { k: 'v' }, { acknowledge: true });
      expect(typeof pub!.id).toBe('number');
      await a.session.publish(`com.${kind}.topic`, [2], {}, { acknowledge: true, exclude_me: false });
      await until(() => gotB.length === 2 && gotA.length === 1);
      expect(gotA).toEqual([2]);
      expect(gotB).toEqual([[1, { k: 'v' }], [2, {}]]);
    } finally {
      await closeSession(a.connection);
      await closeSession(b.connection);
    }
  });

  it('streams progressive results', async () => {
    const callee = await openSession(r.url, 'realm1', kind);
    const caller = await openSession(r.url, 'realm1', kind);
    try {
      await callee.session.register(`com.${kind}.countdown`, (args, _kw, details) => {
        for (let i = args[0] as number; i > 0; i -= 1) details.progress?.([i]);
        return 'liftoff';
      });
      const progress: unknown[] = [];
      // AutobahnJS returns a when.js promise: the third then() argument receives each progressive result.
      const call = caller.session.call(`com.${kind}.countdown`, [3], {}, { receive_progress: true }) as unknown as {
        then(ok: (v: unknown) => void, fail: (e: unknown) => void, progress: (p: unknown) => void): void;
      };
      const result = await new Promise((resolve, reject) => call.then(resolve, reject, (p) => progress.push(p)));
      expect(progress).toEqual([3, 2, 1]);
      expect(result).toBe('liftoff');
    } finally {
      await closeSession(caller.connection);
      await closeSession(callee.connection);
    }
  });
});

describe('AutobahnJS advanced features', () => {
  it('shares a registration round-robin between callees', async () => {
    const c1 = await openSession(r.url);
    const c2 = await openSession(r.url);
    const caller = await openSession(r.url, 'realm1', 'msgpack');
    try {
      await c1.session.register('com.shared.who', () => 'c1', { invoke: 'roundrobin' });
      await c2.session.register('com.shared.who', () => 'c2', { invoke: 'roundrobin' });
      const answers: unknown[] = [];
      for (let i = 0; i < 4; i += 1) answers.push(await caller.session.call('com.shared.who'));
      expect(answers).toEqual(['c1', 'c2', 'c1', 'c2']);
      const err = (await c2.session.register('com.shared.who', () => 'x', { invoke: 'random' }).catch((e: unknown) => e)) as autobahn.Error;
      expect(err.error).toBe('wamp.error.procedure_already_exists');
      const c3 = await openSession(r.url);
      const mixed = (await c3.session.register('com.shared.who', () => 'x', { invoke: 'random' }).catch((e: unknown) => e)) as autobahn.Error;
      expect(mixed.error).toBe('wamp.error.procedure_exists_with_different_invocation_policy');
      await closeSession(c3.connection);
    } finally {
      await closeSession(c1.connection);
      await closeSession(c2.connection);
      await closeSession(caller.connection);
    }
  });

  it('routes pattern registrations and subscriptions and tells the callee/subscriber the actual URI', async () => {
    const s = await openSession(r.url);
    const c = await openSession(r.url);
    try {
      await s.session.register('com.pat.', (_a, _k, d) => `prefix:${d.procedure}`, { match: 'prefix' });
      await s.session.register('com..wild', (_a, _k, d) => `wildcard:${d.procedure}`, { match: 'wildcard' });
      await s.session.register('com.pat.exact', () => 'exact');
      expect(await c.session.call('com.pat.exact')).toBe('exact');
      expect(await c.session.call('com.pat.other')).toBe('prefix:com.pat.other');
      expect(await c.session.call('com.x.wild')).toBe('wildcard:com.x.wild');
      const topics: unknown[] = [];
      await s.session.subscribe('com.ev', (_a, _k, d) => topics.push(d.topic), { match: 'prefix' });
      await c.session.publish('com.ev.one', [], {}, { acknowledge: true });
      await until(() => topics.length === 1);
      expect(topics).toEqual(['com.ev.one']);
    } finally {
      await closeSession(s.connection);
      await closeSession(c.connection);
    }
  });

  it('discloses the caller and publisher when asked', async () => {
    const s = await openSession(r.url);
    const c = await openSession(r.url);
    try {
      await s.session.register('com.disclose', (_a, _k, d) => [d.caller, d.caller_authid, d.caller_authrole]);
      expect(await c.session.call('com.disclose', [], {}, { disclose_me: true })).toEqual([c.session.id, `anon-${c.session.id}`, 'anonymous']);
      expect(await c.session.call('com.disclose')).toEqual([null, null, null]); // undefined → null on the wire
      const pubs: unknown[] = [];
      await s.session.subscribe('com.disclose.ev', (_a, _k, d) => pubs.push(d.publisher));
      await c.session.publish('com.disclose.ev', [], {}, { acknowledge: true, disclose_me: true });
      await until(() => pubs.length === 1);
      expect(pubs).toEqual([c.session.id]);
    } finally {
      await closeSession(s.connection);
      await closeSession(c.connection);
    }
  });
});
