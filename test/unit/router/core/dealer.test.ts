import { describe, expect, it, vi } from 'vitest';
import { Dealer, type DealerListener } from '../../../../main/router/dealer';
import { IdSource } from '../../../../main/router/id-source';
import { FakePeer, seqRandom } from './fake-peer';

const quiet: DealerListener = { created() {}, registered() {}, unregistered() {}, deleted() {} };
const dealer = (random?: () => number) => new Dealer(new IdSource(seqRandom), () => 0, quiet, random);

function invocationOf(callee: FakePeer) {
  const m = callee.take();
  expect(m).toHaveLength(1);
  expect(m[0]![0]).toBe(68);
  return m[0]!;
}

describe('Dealer registrations', () => {
  it('refuses a second single registration and mixed invocation policies', () => {
    const d = dealer();
    const a = new FakePeer(1);
    const b = new FakePeer(2);
    expect(d.register(a, 'p', 'exact', 'single').ok).toBe(true);
    expect(d.register(b, 'p', 'exact', 'single')).toMatchObject({ ok: false, error: 'wamp.error.procedure_already_exists' });
    expect(d.register(a, 'q', 'exact', 'roundrobin').ok).toBe(true);
    expect(d.register(b, 'q', 'exact', 'random')).toMatchObject({ ok: false, error: 'wamp.error.procedure_exists_with_different_invocation_policy' });
    expect(d.register(a, 'q', 'exact', 'roundrobin')).toMatchObject({ ok: false, error: 'wamp.error.procedure_already_exists' });
    expect(d.register(a, 'p', 'prefix', 'single').ok).toBe(true); // same uri, other match: separate registration
  });

  it.each([
    ['roundrobin', [1, 2, 3, 1]],
    ['first', [1, 1, 1, 1]],
    ['last', [3, 3, 3, 3]],
  ] as const)('invokes %s', (policy, expected) => {
    const d = dealer();
    const callees = [new FakePeer(1), new FakePeer(2), new FakePeer(3)];
    for (const c of callees) expect(d.register(c, 'p', 'exact', policy).ok).toBe(true);
    const caller = new FakePeer(9);
    const picked: number[] = [];
    for (let i = 0; i < 4; i += 1) {
      d.call({ caller, requestId: i + 1, procedure: 'p', options: {}, disclose: false });
      picked.push(callees.find((c) => c.sent.length > 0)!.id);
      for (const c of callees) c.take();
    }
    expect(picked).toEqual(expected);
  });

  it('invokes random with the injected source', () => {
    const d = dealer(() => 0.99);
    const callees = [new FakePeer(1), new FakePeer(2)];
    for (const c of callees) d.register(c, 'p', 'exact', 'random');
    d.call({ caller: new FakePeer(9), requestId: 1, procedure: 'p', options: {}, disclose: false });
    expect(callees[1]!.sent).toHaveLength(1);
  });
});

describe('Dealer calls', () => {
  it('routes CALL → INVOCATION → YIELD → RESULT with disclosure and the procedure for patterns', () => {
    const d = dealer();
    const callee = new FakePeer(1);
    const caller = new FakePeer(2);
    const reg = d.register(callee, 'com.', 'prefix', 'single');
    d.call({ caller, requestId: 7, procedure: 'com.add', options: {}, args: [1, 2], disclose: true });
    const inv = invocationOf(callee);
    expect(inv).toEqual([68, expect.any(Number), reg.ok && reg.registration.id, { procedure: 'com.add', caller: 2, caller_authid: 'a2', caller_authrole: 'user' }, [1, 2]]);
    expect(d.yield(callee, [70, inv[1] as number, {}, [3]])).toBe(true);
    expect(caller.take()).toEqual([[50, 7, {}, [3]]]);
    expect(d.yield(callee, [70, inv[1] as number, {}, [3]])).toBe(false); // already answered
    expect(d.pendingCalls).toBe(0);
  });

  it('forwards progressive results only to callers that asked', () => {
    const d = dealer();
    const callee = new FakePeer(1);
    const caller = new FakePeer(2);
    d.register(callee, 'p', 'exact', 'single');
    d.call({ caller, requestId: 1, procedure: 'p', options: { receive_progress: true }, disclose: false });
    const inv = invocationOf(callee);
    expect(inv[3]).toEqual({ receive_progress: true });
    d.yield(callee, [70, inv[1] as number, { progress: true }, [1]]);
    d.yield(callee, [70, inv[1] as number, { progress: true }, [2]]);
    d.yield(callee, [70, inv[1] as number, {}, [3]]);
    expect(caller.take()).toEqual([[50, 1, { progress: true }, [1]], [50, 1, { progress: true }, [2]], [50, 1, {}, [3]]]);
    d.call({ caller, requestId: 2, procedure: 'p', options: {}, disclose: false });
    const inv2 = invocationOf(callee);
    d.yield(callee, [70, inv2[1] as number, { progress: true }, [1]]);
    d.yield(callee, [70, inv2[1] as number, {}, [2]]);
    expect(caller.take()).toEqual([[50, 2, {}, [2]]]);
  });

  it('forwards callee errors and answers unknown procedures', () => {
    const d = dealer();
    const callee = new FakePeer(1);
    const caller = new FakePeer(2);
    d.register(callee, 'p', 'exact', 'single');
    d.call({ caller, requestId: 1, procedure: 'p', options: {}, disclose: false });
    const inv = invocationOf(callee);
    d.invocationError(callee, [8, 68, inv[1] as number, {}, 'com.err', ['bad'], { why: 1 }]);
    expect(caller.take()).toEqual([[8, 48, 1, {}, 'com.err', ['bad'], { why: 1 }]]);
    d.call({ caller, requestId: 2, procedure: 'nope', options: {}, disclose: false });
    expect(caller.take()).toEqual([[8, 48, 2, {}, 'wamp.error.no_such_procedure', [expect.stringContaining('nope')]]]);
  });

  it.each([
    ['skip', false],
    ['killnowait', true],
  ] as const)('cancels in %s mode', (mode, interrupts) => {
    const d = dealer();
    const callee = new FakePeer(1);
    const caller = new FakePeer(2);
    d.register(callee, 'p', 'exact', 'single');
    d.call({ caller, requestId: 1, procedure: 'p', options: {}, disclose: false });
    const inv = invocationOf(callee);
    d.cancel(caller, 1, { mode });
    expect(caller.take()).toEqual([[8, 48, 1, {}, 'wamp.error.canceled', [expect.any(String)]]]);
    expect(callee.take()).toEqual(interrupts ? [[69, inv[1], { mode, reason: 'wamp.error.canceled' }]] : []);
    expect(d.yield(callee, [70, inv[1] as number, {}, []])).toBe(false);
  });

  it('cancels in kill mode: the callee error answers the caller', () => {
    const d = dealer();
    const callee = new FakePeer(1);
    const caller = new FakePeer(2);
    d.register(callee, 'p', 'exact', 'single');
    d.call({ caller, requestId: 1, procedure: 'p', options: {}, disclose: false });
    const inv = invocationOf(callee);
    d.cancel(caller, 1, { mode: 'kill' });
    expect(caller.take()).toEqual([]);
    expect(callee.take()).toEqual([[69, inv[1], { mode: 'kill', reason: 'wamp.error.canceled' }]]);
    d.invocationError(callee, [8, 68, inv[1] as number, {}, 'wamp.error.canceled']);
    expect(caller.take()).toEqual([[8, 48, 1, {}, 'wamp.error.canceled']]);
  });

  it('treats callees without call_canceling as skip', () => {
    const d = dealer();
    const callee = new FakePeer(1, undefined, { calleeCancel: false, calleeProgress: false });
    const caller = new FakePeer(2);
    d.register(callee, 'p', 'exact', 'single');
    d.call({ caller, requestId: 1, procedure: 'p', options: {}, disclose: false });
    invocationOf(callee);
    d.cancel(caller, 1, { mode: 'kill' });
    expect(caller.take()[0]![4]).toBe('wamp.error.canceled');
    expect(callee.take()).toEqual([]);
  });

  it('times calls out with wamp.error.timeout and interrupts the callee', () => {
    vi.useFakeTimers();
    try {
      const d = dealer();
      const callee = new FakePeer(1);
      const caller = new FakePeer(2);
      d.register(callee, 'p', 'exact', 'single');
      d.call({ caller, requestId: 1, procedure: 'p', options: { timeout: 50 }, disclose: false });
      const inv = invocationOf(callee);
      vi.advanceTimersByTime(49);
      expect(caller.take()).toEqual([]);
      vi.advanceTimersByTime(1);
      expect(caller.take()).toEqual([[8, 48, 1, {}, 'wamp.error.timeout', [expect.stringContaining('50 ms')]]]);
      expect(callee.take()).toEqual([[69, inv[1], { mode: 'killnowait', reason: 'wamp.error.timeout' }]]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails calls in flight when the callee leaves and interrupts when the caller leaves', () => {
    const d = dealer();
    const callee = new FakePeer(1);
    const caller = new FakePeer(2);
    d.register(callee, 'p', 'exact', 'single');
    d.call({ caller, requestId: 1, procedure: 'p', options: {}, disclose: false });
    d.call({ caller, requestId: 2, procedure: 'p', options: {}, disclose: false });
    callee.take();
    d.removePeer(callee);
    expect(caller.take().map((m) => [m[2], m[4]])).toEqual([[1, 'wamp.error.canceled'], [2, 'wamp.error.canceled']]);
    expect(d.match('p')).toBeUndefined();

    const callee2 = new FakePeer(3);
    d.register(callee2, 'p', 'exact', 'single');
    d.call({ caller, requestId: 3, procedure: 'p', options: {}, disclose: false });
    const inv = invocationOf(callee2);
    d.removePeer(caller);
    expect(callee2.take()).toEqual([[69, inv[1], { mode: 'killnowait', reason: 'wamp.error.canceled' }]]);
    expect(d.pendingCalls).toBe(0);
  });

  it('rejects a duplicate request id in flight from the same caller', () => {
    const d = dealer();
    const callee = new FakePeer(1);
    const caller = new FakePeer(2);
    d.register(callee, 'p', 'exact', 'single');
    d.call({ caller, requestId: 1, procedure: 'p', options: {}, disclose: false });
    d.call({ caller, requestId: 1, procedure: 'p', options: {}, disclose: false });
    expect(caller.take()[0]![4]).toBe('wamp.error.invalid_argument');
  });
});

describe('Dealer calls to pattern registrations', () => {
  const checked = (allow: (callee: number, procedure: string) => boolean | Promise<boolean>) =>
    new Dealer(new IdSource(seqRandom), () => 0, quiet, Math.random, (callee, procedure) => allow(callee.id, procedure));

  it('skips a callee not allowed the concrete procedure and tries the next registration', () => {
    const d = checked((callee, procedure) => !(callee === 1 && procedure === 'com.example.admin'));
    const prefixCallee = new FakePeer(1);
    const wildCallee = new FakePeer(2);
    const caller = new FakePeer(9);
    d.register(prefixCallee, 'com.example.adm', 'prefix', 'single');
    d.call({ caller, requestId: 1, procedure: 'com.example.admin', options: {}, kwargs: { secret: 1 }, disclose: false });
    expect(prefixCallee.take()).toEqual([]);
    expect(caller.take()).toEqual([[8, 48, 1, {}, 'wamp.error.no_such_procedure', ["no callee registered for procedure 'com.example.admin'"]]]);
    d.register(wildCallee, 'com.example.', 'wildcard', 'single');
    d.call({ caller, requestId: 2, procedure: 'com.example.admin', options: {}, disclose: false });
    expect(invocationOf(wildCallee)[3]).toEqual({ procedure: 'com.example.admin' });
    d.call({ caller, requestId: 3, procedure: 'com.example.admiral', options: {}, disclose: false });
    expect(invocationOf(prefixCallee)[3]).toEqual({ procedure: 'com.example.admiral' });
  });

  it('picks among the allowed callees of a shared registration, and waits for an async check', async () => {
    const d = checked(async (callee) => callee !== 1);
    const callees = [new FakePeer(1), new FakePeer(2)];
    for (const c of callees) d.register(c, 'com.', 'prefix', 'first');
    const caller = new FakePeer(9);
    const pending = d.call({ caller, requestId: 1, procedure: 'com.x', options: {}, disclose: false });
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    expect(callees[0]!.take()).toEqual([]);
    expect(invocationOf(callees[1]!)[3]).toEqual({ procedure: 'com.x' });
  });

  it('does not check exact registrations or calls by the router itself', () => {
    const d = checked(() => false);
    const callee = new FakePeer(1);
    d.register(callee, 'com.exact', 'exact', 'single');
    d.register(callee, 'com.', 'prefix', 'single');
    d.call({ caller: new FakePeer(9), requestId: 1, procedure: 'com.exact', options: {}, disclose: false });
    d.call({ caller: new FakePeer(9), requestId: 2, procedure: 'com.auth', options: {}, disclose: false, trusted: true });
    expect(callee.take().map((m) => m[0])).toEqual([68, 68]);
  });
});
