import { describe, expect, it } from 'vitest';
import { Broker, type BrokerListener } from '../../../../main/router/broker';
import { IdSource } from '../../../../main/router/id-source';
import { SERIALIZERS } from '../../../../shared/wamp/serializers';
import { FakePeer, seqRandom } from './fake-peer';

function setup() {
  const log: string[] = [];
  const listener: BrokerListener = {
    created: (s, p) => log.push(`create ${s.uri} by ${p.id}`),
    subscribed: (s, p) => log.push(`sub ${s.uri} ${p.id}`),
    unsubscribed: (s, p) => log.push(`unsub ${s.uri} ${p.id}`),
    deleted: (s, p) => log.push(`delete ${s.uri} by ${p.id}`),
  };
  return { broker: new Broker(new IdSource(seqRandom), () => 0, listener), log };
}

describe('Broker', () => {
  it('shares one subscription id per (topic, match) and tracks its lifecycle', () => {
    const { broker, log } = setup();
    const a = new FakePeer(1);
    const b = new FakePeer(2);
    const s1 = broker.subscribe(a, 'com.t', 'exact');
    const s2 = broker.subscribe(b, 'com.t', 'exact');
    const s3 = broker.subscribe(a, 'com.t', 'prefix');
    expect(s2.id).toBe(s1.id);
    expect(s3.id).not.toBe(s1.id);
    expect(broker.subscribe(a, 'com.t', 'exact')).toBe(s1); // idempotent
    expect(broker.unsubscribe(a, s1.id)).toBe(true);
    expect(broker.unsubscribe(a, s1.id)).toBe(false);
    broker.removePeer(b);
    expect(broker.get(s1.id)).toBeUndefined();
    expect(log).toEqual(['create com.t by 1', 'sub com.t 1', 'sub com.t 2', 'create com.t by 1', 'sub com.t 1', 'unsub com.t 1', 'unsub com.t 2', 'delete com.t by 2']);
  });

  it('delivers EVENTs with the topic for pattern subscriptions and excludes the publisher by default', () => {
    const { broker } = setup();
    const pub = new FakePeer(1);
    const exact = new FakePeer(2, SERIALIZERS.msgpack);
    const prefix = new FakePeer(3, SERIALIZERS.cbor);
    const wild = new FakePeer(4);
    const sx = broker.subscribe(exact, 'com.a.b', 'exact');
    const sp = broker.subscribe(prefix, 'com.a', 'prefix');
    const sw = broker.subscribe(wild, 'com..b', 'wildcard');
    broker.subscribe(pub, 'com.a.b', 'exact');
    const publication = broker.publish({ publisher: pub, topic: 'com.a.b', options: {}, args: [1, 'x'], kwargs: { k: true }, disclose: false });
    expect(exact.take()).toEqual([[36, sx.id, publication, {}, [1, 'x'], { k: true }]]);
    expect(prefix.take()).toEqual([[36, sp.id, publication, { topic: 'com.a.b' }, [1, 'x'], { k: true }]]);
    expect(wild.take()).toEqual([[36, sw.id, publication, { topic: 'com.a.b' }, [1, 'x'], { k: true }]]);
    expect(pub.take()).toEqual([]);
    broker.publish({ publisher: pub, topic: 'com.a.b', options: { exclude_me: false }, disclose: true });
    expect(pub.take()).toEqual([[36, sx.id, expect.any(Number), { publisher: 1, publisher_authid: 'a1', publisher_authrole: 'user' }]]);
  });

  it('applies eligible/exclude lists by session, authid and authrole', () => {
    const { broker } = setup();
    const peers = [new FakePeer(1), new FakePeer(2), new FakePeer(3, SERIALIZERS.json, undefined, 'admin')];
    for (const p of peers) broker.subscribe(p, 't', 'exact');
    const got = () => peers.map((p) => p.take().length);
    broker.publish({ publisher: null, topic: 't', options: { eligible: [1, 2] }, disclose: false });
    expect(got()).toEqual([1, 1, 0]);
    broker.publish({ publisher: null, topic: 't', options: { exclude: [1] }, disclose: false });
    expect(got()).toEqual([0, 1, 1]);
    broker.publish({ publisher: null, topic: 't', options: { eligible_authrole: ['admin'] }, disclose: false });
    expect(got()).toEqual([0, 0, 1]);
    broker.publish({ publisher: null, topic: 't', options: { exclude_authid: ['a2'] }, disclose: false });
    expect(got()).toEqual([1, 0, 1]);
  });
});

describe('Broker delivery to pattern subscriptions', () => {
  const quietListener: BrokerListener = { created() {}, subscribed() {}, unsubscribed() {}, deleted() {} };
  const eventsOf = (p: FakePeer) => p.take().map((m) => (m[4] as unknown[] | undefined)?.[0]);

  it('asks the check for the concrete topic, synchronously, only for pattern subscriptions', () => {
    const asked: string[] = [];
    const broker = new Broker(new IdSource(seqRandom), () => 0, quietListener, (peer, topic) => {
      asked.push(`${peer.id} ${topic}`);
      return topic !== 'com.example.secret';
    });
    const exact = new FakePeer(1);
    const prefix = new FakePeer(2);
    broker.subscribe(exact, 'com.example.secret', 'exact');
    broker.subscribe(prefix, 'com.example.sec', 'prefix');
    broker.publish({ publisher: null, topic: 'com.example.secret', options: {}, args: ['hidden'], disclose: false });
    broker.publish({ publisher: null, topic: 'com.example.secretary', options: {}, args: ['visible'], disclose: false });
    // Delivered before publish() returned: no promise on the static path.
    expect(eventsOf(exact)).toEqual(['hidden']);
    expect(eventsOf(prefix)).toEqual(['visible']);
    expect(asked).toEqual(['2 com.example.secret', '2 com.example.secretary']);
  });

  it('holds a subscriber’s events behind an async check and keeps their order', async () => {
    const broker = new Broker(new IdSource(seqRandom), () => 0, quietListener, async (_peer, topic) => {
      await new Promise((r) => setTimeout(r, topic.endsWith('slow') ? 20 : 0));
      if (topic.endsWith('boom')) throw new Error('authorizer down');
      return !topic.endsWith('denied');
    });
    const sub = new FakePeer(1);
    broker.subscribe(sub, 'com.', 'prefix');
    broker.subscribe(sub, 'com.exact', 'exact');
    const publish = (topic: string, n: number) => broker.publish({ publisher: null, topic, options: {}, args: [n], disclose: false });
    publish('com.slow', 1);
    publish('com.exact', 2); // exact needs no check, but must not overtake event 1
    publish('com.denied', 3);
    publish('com.boom', 4);
    publish('com.fast', 5);
    expect(sub.sent).toEqual([]);
    await new Promise((r) => setTimeout(r, 60));
    // com.exact also matches the prefix subscription: 2 comes twice (exact, then prefix).
    expect(eventsOf(sub)).toEqual([1, 2, 2, 5]);
    publish('com.exact', 6);
    expect(eventsOf(sub)).toEqual([6]); // nothing held any more: back to immediate delivery (exact part)
    await new Promise((r) => setTimeout(r, 10));
    expect(eventsOf(sub)).toEqual([6]);
  });
});
