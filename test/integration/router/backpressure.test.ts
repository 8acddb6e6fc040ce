// A subscriber that stops reading must not make the router buffer without end (one took it from
// 119 MB to 1.46 GB): past the outgoing-buffer bound that session is closed with a clear reason,
// while the publisher and subscribers that do read are served as before.
import { afterEach, describe, expect, it } from 'vitest';
import type { SessionLeftEvent } from '../../../main/router/types';
import { RawClient } from '../../support/router/raw-client';
import { startTestRouter, type TestRouter } from '../../support/router/router-harness';
import { RealmAuthorizer } from '../../../main/router/auth/realm-authorizer';
import { toPermission } from '../../../main/router/auth/permissions';

const BOUND = 256 * 1024;
const PAYLOAD = 'x'.repeat(8 * 1024);
/** At most this much is published (the kernel's socket buffers take some MB before ws has to buffer). */
const MAX_EVENTS = 8000;

const authorizer = new RealmAuthorizer({
  realm: 'realm1',
  roles: { anonymous: { kind: 'static', permissions: [toPermission({ uri: '', match: 'prefix', allow: { call: true, register: true, publish: true, subscribe: true } })] } },
});

let r: TestRouter | undefined;
afterEach(async () => {
  await r?.stop();
  r = undefined;
});

async function subscriber(url: string): Promise<RawClient> {
  const c = await RawClient.connect(url);
  await c.join('realm1');
  c.send([32, 1, {}, 'com.flood']);
  await c.next(33);
  return c;
}

describe('slow subscribers', () => {
  it('drops a subscriber that stopped reading once its outgoing buffer passes the bound, and keeps serving the others', async () => {
    r = await startTestRouter({ authorizer, transport: { maxOutgoingBufferBytes: BOUND } });
    const left: SessionLeftEvent[] = [];
    r.router.on('session-left', (e) => left.push(e));
    const stalled = await subscriber(r.url);
    const stalledId = r.router.listSessions().at(-1)!.session;
    const reader = await subscriber(r.url);
    let read = 0;
    reader.ws.on('message', () => (read += 1));
    // The stalled client stops reading its socket: TCP backs up into the router's ws buffer.
    (stalled.ws as unknown as { _socket: { pause(): void } })._socket.pause();

    const pub = await RawClient.connect(r.url);
    await pub.join('realm1');
    let published = 0;
    while (published < MAX_EVENTS && !left.some((e) => e.session.session === stalledId)) {
      for (let i = 0; i < 100; i += 1, published += 1) pub.send([16, published + 1, {}, 'com.flood', [published, PAYLOAD]]);
      // An acknowledged publish paces the flood to the router's speed (a round trip per 100 events).
      pub.send([16, 1_000_000 + published, { acknowledge: true }, 'com.other']);
      await pub.next(17, 10_000);
      reader.received.length = 0; // counted above; not kept
    }

    const drop = left.find((e) => e.session.session === stalledId);
    expect(drop?.reason).toMatch(/^outgoing buffer over 262144 bytes: peer is not reading/);
    expect(r.router.listSessions().map((s) => s.session)).not.toContain(stalledId);
    // The reader got every event, the publisher is still in, and new sessions are served.
    pub.send([16, 9_000_000, { acknowledge: true }, 'com.flood', ['last']]);
    await pub.next(17);
    const deadline = Date.now() + 10_000;
    while (read < published + 1 && Date.now() < deadline) await new Promise((res) => setTimeout(res, 20));
    expect(read).toBe(published + 1);
    reader.received.length = 0;
    const late = await subscriber(r.url);
    pub.send([16, 9_000_001, {}, 'com.flood', ['hello']]);
    expect((await late.next(36))[4]).toEqual(['hello']);

    // Once it reads again, the stalled client learns it was closed (the close frame, if it got
    // through before the router gave up waiting, says why).
    (stalled.ws as unknown as { _socket: { resume(): void } })._socket.resume();
    const closed = await stalled.closed;
    expect([1008, 1006]).toContain(closed.code);
    if (closed.code === 1008) expect(closed.reason).toMatch(/peer is not reading/);
    for (const c of [reader, pub, late]) c.close();
  }, 60_000);

  it('lets a reading subscriber receive events larger than the bound', async () => {
    r = await startTestRouter({ authorizer, transport: { maxOutgoingBufferBytes: 64 * 1024 } });
    const reader = await subscriber(r.url);
    const pub = await RawClient.connect(r.url);
    await pub.join('realm1');
    const big = 'y'.repeat(512 * 1024);
    for (let i = 0; i < 3; i += 1) {
      pub.send([16, i + 1, { acknowledge: true }, 'com.flood', [i, big]]);
      await pub.next(17);
      expect(((await reader.next(36)) as [number, number, number, unknown, unknown[]])[4][0]).toBe(i);
    }
    reader.close();
    pub.close();
  });
});
