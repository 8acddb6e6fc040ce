// Publish & subscribe for one realm. Subscription ids are shared per (topic, match): every
// subscriber of "com.x" (exact) gets the same id, so an EVENT is encoded once per serializer and
// the same frame goes to all of them.
import { MSG } from '../../shared/wamp/codes';
import type { Args, Dict } from '../../shared/wamp/messages';
import type { SerializerId } from '../../shared/wamp/serializers';
import type { MatchPolicy } from '../../shared/wamp/uri';
import type { IdSource } from './id-source';
import { PatternIndex } from './pattern-index';
import type { Peer } from './peer';

export interface Subscription {
  id: number;
  uri: string;
  match: MatchPolicy;
  /** ISO 8601 */
  created: string;
  subscribers: Set<Peer>;
}

export interface BrokerListener {
  created(sub: Subscription, peer: Peer): void;
  subscribed(sub: Subscription, peer: Peer): void;
  unsubscribed(sub: Subscription, peer: Peer): void;
  deleted(sub: Subscription, peer: Peer): void;
}

export interface PublishRequest {
  publisher: Peer | null;
  topic: string;
  options: Dict;
  args?: Args;
  kwargs?: Dict;
  /** Put publisher, publisher_authid, publisher_authrole into EVENT.Details. */
  disclose: boolean;
}

type Filter = (peer: Peer) => boolean;

/**
 * May this subscriber receive an event published to this concrete topic? Asked only for pattern
 * subscriptions: a prefix or wildcard subscription was authorized for its pattern, and a role may
 * allow the pattern yet deny one topic it covers (prefix "com.example." allowed, exact
 * "com.example.secret" denied). Static permissions answer synchronously; a dynamic authorizer's
 * promise holds back this subscriber's later events until it settles, so its order is kept.
 */
export type DeliveryCheck = (peer: Peer, topic: string) => boolean | Promise<boolean>;

/** Events held for one subscriber behind an undecided (async) delivery check. */
interface Held {
  tail: Promise<void>;
  count: number;
}

/** Past this many events held behind a slow dynamic authorizer, a subscriber's further events are dropped. */
const MAX_HELD_PER_PEER = 10_000;

function idSet(value: unknown): Set<unknown> | undefined {
  return Array.isArray(value) ? new Set(value) : undefined;
}

/** Black/white listing (advanced profile "subscriber_blackwhite_listing") plus publisher exclusion. */
function buildFilter(publisher: Peer | null, options: Dict): Filter | undefined {
  const excludeMe = options.exclude_me !== false;
  const exclude = idSet(options.exclude);
  const eligible = idSet(options.eligible);
  const excludeAuthid = idSet(options.exclude_authid);
  const eligibleAuthid = idSet(options.eligible_authid);
  const excludeAuthrole = idSet(options.exclude_authrole);
  const eligibleAuthrole = idSet(options.eligible_authrole);
  if (!exclude && !eligible && !excludeAuthid && !eligibleAuthid && !excludeAuthrole && !eligibleAuthrole) {
    return excludeMe && publisher ? (peer) => peer !== publisher : undefined;
  }
  return (peer) => {
    if (excludeMe && peer === publisher) return false;
    if (exclude?.has(peer.id) || excludeAuthid?.has(peer.identity.authid) || excludeAuthrole?.has(peer.identity.authrole)) return false;
    if (eligible && !eligible.has(peer.id)) return false;
    if (eligibleAuthid && !eligibleAuthid.has(peer.identity.authid)) return false;
    if (eligibleAuthrole && !eligibleAuthrole.has(peer.identity.authrole)) return false;
    return true;
  };
}

export class Broker {
  readonly index = new PatternIndex<Subscription>();
  private readonly byId = new Map<number, Subscription>();
  private readonly byPeer = new Map<Peer, Set<Subscription>>();
  private readonly scratch: Subscription[] = [];
  private publishing = false;
  private readonly held = new Map<Peer, Held>();

  constructor(
    private readonly ids: IdSource,
    private readonly now: () => number,
    private readonly listener: BrokerListener,
    private readonly deliveryCheck?: DeliveryCheck,
  ) {}

  /** How many subscriptions this peer holds (the realm caps it per session). */
  subscriptionCount(peer: Peer): number {
    return this.byPeer.get(peer)?.size ?? 0;
  }

  /** Subscribing twice to the same (topic, match) returns the existing subscription. */
  subscribe(peer: Peer, uri: string, match: MatchPolicy): Subscription {
    let sub = this.index.get(uri, match);
    let created = false;
    if (!sub) {
      sub = { id: this.ids.takeUnique((id) => this.byId.has(id)), uri, match, created: new Date(this.now()).toISOString(), subscribers: new Set() };
      this.index.add(sub);
      this.byId.set(sub.id, sub);
      created = true;
    }
    if (sub.subscribers.has(peer)) return sub;
    sub.subscribers.add(peer);
    let mine = this.byPeer.get(peer);
    if (!mine) this.byPeer.set(peer, (mine = new Set()));
    mine.add(sub);
    if (created) this.listener.created(sub, peer);
    this.listener.subscribed(sub, peer);
    return sub;
  }

  /** false when the peer holds no subscription with that id. */
  unsubscribe(peer: Peer, subscriptionId: number): boolean {
    const sub = this.byId.get(subscriptionId);
    if (!sub || !sub.subscribers.has(peer)) return false;
    this.detach(sub, peer);
    this.byPeer.get(peer)?.delete(sub);
    return true;
  }

  removePeer(peer: Peer): void {
    this.held.delete(peer);
    const mine = this.byPeer.get(peer);
    if (!mine) return;
    this.byPeer.delete(peer);
    for (const sub of mine) this.detach(sub, peer);
  }

  private detach(sub: Subscription, peer: Peer): void {
    sub.subscribers.delete(peer);
    this.listener.unsubscribed(sub, peer);
    if (sub.subscribers.size === 0) {
      this.index.remove(sub);
      this.byId.delete(sub.id);
      this.listener.deleted(sub, peer);
    }
  }

  get(subscriptionId: number): Subscription | undefined {
    return this.byId.get(subscriptionId);
  }

  /** All subscriptions matching a concrete topic. */
  matching(topic: string): Subscription[] {
    return this.index.matching(topic, []);
  }

  /** Deliver an EVENT to every eligible subscriber; returns the publication id. */
  publish(req: PublishRequest): number {
    const publication = this.ids.take();
    // The scratch array saves an allocation per publish; a publish nested inside delivery (a
    // listener reacting synchronously, e.g. by killing a session → meta event) gets its own.
    const reentrant = this.publishing;
    const subs = this.index.matching(req.topic, reentrant ? [] : this.scratch);
    if (subs.length === 0) return publication;
    this.publishing = true;
    try {
      const filter = buildFilter(req.publisher, req.options);
      for (const sub of subs) this.deliver(sub, publication, req, filter);
    } finally {
      if (!reentrant) {
        subs.length = 0;
        this.publishing = false;
      }
    }
    return publication;
  }

  private deliver(sub: Subscription, publication: number, req: PublishRequest, filter: Filter | undefined): void {
    if (sub.subscribers.size === 0) return;
    const details: Dict = {};
    if (sub.match !== 'exact') details.topic = req.topic;
    if (req.disclose && req.publisher) {
      details.publisher = req.publisher.id;
      details.publisher_authid = req.publisher.identity.authid;
      details.publisher_authrole = req.publisher.identity.authrole;
    }
    const event: unknown[] = [MSG.EVENT, sub.id, publication, details];
    if (req.kwargs !== undefined && Object.keys(req.kwargs).length > 0) event.push(req.args ?? [], req.kwargs);
    else if (req.args !== undefined && req.args.length > 0) event.push(req.args);
    // One encoding per serializer, shared by every subscriber of this subscription.
    const frames: Partial<Record<SerializerId, string | Uint8Array>> = {};
    const check = sub.match === 'exact' ? undefined : this.deliveryCheck;
    for (const peer of sub.subscribers) {
      if (filter && !filter(peer)) continue;
      let verdict: boolean | Promise<boolean> = true;
      if (check) {
        try {
          verdict = check(peer, req.topic);
        } catch {
          verdict = false;
        }
        if (verdict === false) continue;
      }
      if (verdict === true && (this.held.size === 0 || !this.held.has(peer))) sendEvent(peer, event, frames);
      else this.hold(peer, verdict, () => sendEvent(peer, event, frames));
    }
  }

  /** Queue a delivery behind this peer's earlier held ones; it happens if `verdict` allows it. */
  private hold(peer: Peer, verdict: boolean | Promise<boolean>, send: () => void): void {
    let held = this.held.get(peer);
    if (held && held.count >= MAX_HELD_PER_PEER) return;
    // Settle a rejection at once: a rejected promise nobody listens to yet would crash the process.
    const allowed = verdict instanceof Promise ? verdict.then((ok) => ok === true, () => false) : Promise.resolve(verdict);
    if (!held) this.held.set(peer, (held = { tail: Promise.resolve(), count: 0 }));
    const entry = held;
    entry.count += 1;
    const tail = entry.tail
      .then(() => allowed)
      .then((ok) => {
        if (ok && this.held.get(peer) === entry) send();
      })
      .catch(() => undefined)
      .finally(() => {
        entry.count -= 1;
        if (entry.tail === tail && this.held.get(peer) === entry) this.held.delete(peer);
      });
    entry.tail = tail;
  }
}

/** Send an EVENT, encoding it once per serializer for all subscribers of the subscription. */
function sendEvent(peer: Peer, event: unknown[], frames: Partial<Record<SerializerId, string | Uint8Array>>): void {
  const s = peer.serializer;
  if (!s) {
    peer.send(event);
    return;
  }
  let frame = frames[s.id];
  if (frame === undefined) {
    let encoded: string | Uint8Array;
    try {
      encoded = s.encode(event);
    } catch {
      peer.send(event); // reports the encoding failure for this peer and skips it
      return;
    }
    // ws converts a string to bytes on every send; do it once.
    frame = typeof encoded === 'string' ? Buffer.from(encoded, 'utf8') : encoded;
    frames[s.id] = frame;
  }
  peer.sendFrame(frame);
}
