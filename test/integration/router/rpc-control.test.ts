// Call cancellation, call timeouts and router-internal calls (RouterCaller) over real sockets.
import autobahn from 'autobahn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WampCallError } from '../../../main/router/auth/types';
import { RawClient } from '../../support/router/raw-client';
import { closeSession, openSession, startTestRouter, type TestRouter } from '../../support/router/router-harness';

let r: TestRouter;
beforeAll(async () => {
  r = await startTestRouter();
});
afterAll(async () => {
  await r.stop();
});

async function calleeFor(procedure: string, serializer: 'json' | 'msgpack' | 'cbor' = 'json'): Promise<RawClient> {
  const callee = await RawClient.connect(r.url, serializer);
  await callee.join('realm1'); // announces call_canceling + progressive_call_results
  callee.send([64, 1, {}, procedure]);
  await callee.next(65);
  return callee;
}

describe('cancel', () => {
  it('killnowait: caller gets canceled at once, callee gets INTERRUPT', async () => {
    const callee = await calleeFor('com.cancel.knw');
    const caller = await RawClient.connect(r.url, 'msgpack');
    await caller.join('realm1');
    caller.send([48, 10, {}, 'com.cancel.knw']);
    const inv = await callee.next(68);
    caller.send([49, 10, { mode: 'killnowait' }]);
    expect((await caller.next(8)).slice(0, 5)).toEqual([8, 48, 10, {}, 'wamp.error.canceled']);
    expect(await callee.next(69)).toEqual([69, inv[1], { mode: 'killnowait', reason: 'wamp.error.canceled' }]);
    callee.close();
    caller.close();
  });

  it('kill: the callee ERROR answers the caller', async () => {
    const callee = await calleeFor('com.cancel.kill', 'cbor');
    const caller = await RawClient.connect(r.url);
    await caller.join('realm1');
    caller.send([48, 11, {}, 'com.cancel.kill']);
    const inv = await callee.next(68);
    caller.send([49, 11, { mode: 'kill' }]);
    await callee.next(69);
    expect(caller.received).toEqual([]);
    callee.send([8, 68, inv[1], {}, 'wamp.error.canceled', ['stopped at step 3']]);
    expect(await caller.next(8)).toEqual([8, 48, 11, {}, 'wamp.error.canceled', ['stopped at step 3']]);
    callee.close();
    caller.close();
  });

  it('AutobahnJS caller cancel against an AutobahnJS callee (no call_canceling → skip)', async () => {
    const callee = await openSession(r.url);
    const caller = await openSession(r.url);
    try {
      await callee.session.register('com.cancel.ab', () => new Promise((resolve) => setTimeout(() => resolve('late'), 300)));
      // AutobahnJS 22 puts cancel() on the promise a call returns; mode "kill" waits for the router's answer.
      const call = caller.session.call('com.cancel.ab');
      const outcome = call.catch((e: unknown) => e);
      await new Promise((res) => setTimeout(res, 30));
      call.cancel({ mode: 'kill' });
      const err = (await outcome) as autobahn.Error;
      expect(err.error).toBe('wamp.error.canceled');
      await new Promise((res) => setTimeout(res, 350)); // the late YIELD arrives and is dropped
      expect(await caller.session.call('wamp.session.count')).toBe(2);
    } finally {
      await closeSession(callee.connection);
      await closeSession(caller.connection);
    }
  });
});

describe('call timeout', () => {
  it('answers wamp.error.timeout and interrupts the callee', async () => {
    const callee = await calleeFor('com.timeout');
    const caller = await openSession(r.url, 'realm1', 'cbor');
    try {
      const err = (await caller.session.call('com.timeout', [], {}, { timeout: 100 }).catch((e: unknown) => e)) as autobahn.Error;
      expect(err.error).toBe('wamp.error.timeout');
      const inv = await callee.next(68);
      expect(await callee.next(69)).toEqual([69, inv[1], { mode: 'killnowait', reason: 'wamp.error.timeout' }]);
    } finally {
      callee.close();
      await closeSession(caller.connection);
    }
  });
});

describe('RouterCaller', () => {
  it('calls a registered procedure as the router and returns the first result', async () => {
    const s = await openSession(r.url);
    try {
      await s.session.register('com.auth.check', (args, _kw, details) => ({ role: 'user', who: args[0], caller: details.caller ?? null }));
      await s.session.register('com.auth.kw', () => new autobahn.Result([], { role: 'admin' }));
      await s.session.register('com.auth.deny', () => {
        throw new autobahn.Error('com.example.denied', ['go away'], { code: 7 });
      });
      expect(await r.router.caller.call('realm1', 'com.auth.check', ['joe'])).toEqual({ role: 'user', who: 'joe', caller: null });
      expect(await r.router.caller.call('realm1', 'com.auth.kw', [])).toEqual({ role: 'admin' });
      const denied = await r.router.caller.call('realm1', 'com.auth.deny', []).catch((e: unknown) => e);
      expect(denied).toBeInstanceOf(WampCallError);
      expect(denied).toMatchObject({ error: 'com.example.denied', args: ['go away'], kwargs: { code: 7 } });
      await expect(r.router.caller.call('realm1', 'com.auth.none', [])).rejects.toMatchObject({ error: 'wamp.error.no_such_procedure' });
      await expect(r.router.caller.call('nope', 'com.auth.check', [])).rejects.toMatchObject({ error: 'wamp.error.no_such_realm' });
      expect(await r.router.caller.call('realm1', 'wamp.session.count', [])).toBe(1);
    } finally {
      await closeSession(s.connection);
    }
  });

  it('times out with wamp.error.timeout', async () => {
    const callee = await calleeFor('com.auth.slow');
    try {
      await expect(r.router.caller.call('realm1', 'com.auth.slow', [], undefined, 80)).rejects.toMatchObject({ error: 'wamp.error.timeout' });
    } finally {
      callee.close();
    }
  });
});
