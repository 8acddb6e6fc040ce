// Bad peers must only ever hurt their own session: malformed frames, wrong types, unknown codes,
// out-of-order messages, oversized frames and abrupt disconnects mid-call. After each, the router
// still serves a healthy AutobahnJS session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProtocolErrorEvent } from '../../../main/router/types';
import { RawClient } from '../../support/router/raw-client';
import { closeSession, openSession, startTestRouter, until, type TestRouter } from '../../support/router/router-harness';
import type autobahn from 'autobahn';
import WebSocket from 'ws';
import { SERIALIZERS } from '../../../shared/wamp/serializers';
import { splitBatch } from '../../../main/router/transport/batching';

let r: TestRouter;
let healthy: { session: autobahn.Session; connection: autobahn.Connection };
const errors: ProtocolErrorEvent[] = [];

beforeAll(async () => {
  r = await startTestRouter({ transport: { maxMessageSize: 64 * 1024 } });
  r.router.on('protocol-error', (e) => errors.push(e));
  healthy = await openSession(r.url);
  await healthy.session.register('com.health.ping', () => 'pong');
});
afterAll(async () => {
  await closeSession(healthy.connection);
  await r.stop();
});

async function stillServing(): Promise<void> {
  const other = await openSession(r.url, 'realm1', 'msgpack');
  expect(await other.session.call('com.health.ping')).toBe('pong');
  await closeSession(other.connection);
  expect(await healthy.session.call('com.health.ping')).toBe('pong');
}

async function expectViolation(c: RawClient, pattern: RegExp): Promise<void> {
  const abort = await c.next(3);
  expect(abort[2]).toBe('wamp.error.protocol_violation');
  expect((abort[1] as { message: string }).message).toMatch(pattern);
  await c.closed;
  await stillServing();
}

describe('protocol violations', () => {
  it.each([
    ['json', '[1, "realm1", {', /invalid JSON/],
    ['json', 'null', /must be a list/],
    ['msgpack', new Uint8Array([0xc1]), /msgpack/],
    ['msgpack', new Uint8Array([0x93, 0x01]), /invalid MessagePack/],
    ['cbor', new Uint8Array([0xff, 0xfe]), /cbor/],
    ['cbor', new Uint8Array([0x9f, 0x01]), /invalid CBOR/],
  ] as const)('ABORTs a malformed %s frame before HELLO', async (serializer, frame, pattern) => {
    const c = await RawClient.connect(r.url, serializer);
    c.sendRaw(frame, serializer !== 'json');
    await expectViolation(c, pattern);
  });

  it.each(['json', 'msgpack', 'cbor'] as const)('ABORTs garbage after joining (%s) and cleans the session up', async (serializer) => {
    const c = await RawClient.connect(r.url, serializer);
    await c.join('realm1');
    c.send([64, 1, {}, `com.garbage.${serializer}`]);
    expect((await c.next(65))[1]).toBe(1);
    c.sendRaw(serializer === 'json' ? '{"not":"wamp"' : new Uint8Array([0xc1, 0xff, 0x00]), serializer !== 'json');
    await expectViolation(c, /./);
    // its registration went away with it
    const err = (await healthy.session.call(`com.garbage.${serializer}`).catch((e: unknown) => e)) as autobahn.Error;
    expect(err.error).toBe('wamp.error.no_such_procedure');
  });

  it('ABORTs messages before HELLO', async () => {
    const c = await RawClient.connect(r.url);
    c.send([48, 1, {}, 'com.health.ping']);
    await expectViolation(c, /expected HELLO, got CALL/);
  });

  it('ABORTs unknown message codes and wrong field types', async () => {
    const cases: [unknown[], RegExp][] = [
      [[99, 1, 2], /unknown message type 99/],
      [[48, 'one', {}, 'com.health.ping'], /CALL.Request must be an integer id/],
      [[48, 1, [], 'com.health.ping'], /CALL.Options must be a dictionary/],
      [[16, 1, {}, 'com.t', 'not-a-list'], /PUBLISH.Arguments must be a list/],
      [[2, 1, {}], /WELCOME/],
      [[1, 'realm1', {}], /HELLO in an established session/],
      [[8, 48, 1, {}, 'x'], /ERROR only for an INVOCATION/],
    ];
    for (const [msg, pattern] of cases) {
      const c = await RawClient.connect(r.url, 'msgpack');
      await c.join('realm1');
      c.send(msg);
      await expectViolation(c, pattern);
    }
    expect(errors.length).toBeGreaterThan(0);
  });

  it('ABORTs AUTHENTICATE without a CHALLENGE', async () => {
    const c = await RawClient.connect(r.url);
    c.send([5, 'sig', {}]);
    await expectViolation(c, /expected HELLO, got AUTHENTICATE/);
  });

  it('ABORTs a truncated batched frame', async () => {
    const ws = new WebSocket(r.url, ['wamp.2.msgpack.batched']);
    await new Promise((resolve) => ws.once('open', resolve));
    const frames: Buffer[] = [];
    ws.on('message', (d) => frames.push(d as Buffer));
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send(Buffer.from([0, 0, 0, 50, 0x93]), { binary: true });
    expect(await closed).toBe(1000);
    const abort = SERIALIZERS.msgpack.decode(splitBatch(frames[0]!, true)[0]!) as unknown[];
    expect(abort[2]).toBe('wamp.error.protocol_violation');
    expect((abort[1] as { message: string }).message).toMatch(/runs past the end/);
    await stillServing();
  });

  it('closes oversized frames with 1009', async () => {
    const c = await RawClient.connect(r.url);
    await c.join('realm1');
    c.send([16, 1, {}, 'com.big', ['x'.repeat(100 * 1024)]]);
    expect((await c.closed).code).toBe(1009);
    await stillServing();
  });

  it('fails a call in flight when its callee disconnects abruptly', async () => {
    const callee = await RawClient.connect(r.url, 'cbor');
    await callee.join('realm1');
    callee.send([64, 1, {}, 'com.flaky']);
    await callee.next(65);
    const result = healthy.session.call('com.flaky').catch((e: unknown) => e);
    await callee.next(68);
    callee.ws.terminate();
    const err = (await result) as autobahn.Error;
    expect(err.error).toBe('wamp.error.canceled');
    await stillServing();
  });

  it('interrupts the callee when the caller disconnects mid-call', async () => {
    const callee = await RawClient.connect(r.url, 'json');
    await callee.join('realm1');
    callee.send([64, 1, {}, 'com.slow']);
    await callee.next(65);
    const caller = await RawClient.connect(r.url, 'msgpack');
    await caller.join('realm1');
    caller.send([48, 7, {}, 'com.slow']);
    const inv = await callee.next(68);
    caller.ws.terminate();
    expect(await callee.next(69)).toEqual([69, inv[1], { mode: 'killnowait', reason: 'wamp.error.canceled' }]);
    callee.send([70, inv[1], {}, ['late']]); // a late YIELD is dropped, not an error
    await stillServing();
    callee.close();
    await until(() => r.router.listSessions().length === 1);
  });

  it('drops a connection that closes mid-handshake', async () => {
    const c = await RawClient.connect(r.url);
    c.ws.terminate();
    await c.closed;
    await until(() => r.router.connectionCount === 1);
    await stillServing();
  });
});
