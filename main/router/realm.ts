// One realm: its joined sessions, broker, dealer and meta API, and the authorization step in front
// of every CALL/REGISTER/PUBLISH/SUBSCRIBE. Messages arrive here already validated by parseMessage.
import { MSG, messageName } from '../../shared/wamp/codes';
import { WAMP_ERROR } from '../../shared/wamp/errors';
import type {
  CallMessage,
  CancelMessage,
  Dict,
  ErrorMessage,
  PublishMessage,
  RegisterMessage,
  SubscribeMessage,
  UnregisterMessage,
  UnsubscribeMessage,
  WampMessage,
} from '../../shared/wamp/messages';
import { isValidPattern, isValidUri, parseMatchPolicy } from '../../shared/wamp/uri';
import type { Action, Authorization, Authorizer, SessionRef } from './auth/types';
import { Broker, type BrokerListener, type Subscription } from './broker';
import { Dealer, INVOKE_POLICIES, type DealerListener, type InvokePolicy, type Registration } from './dealer';
import type { IdSource } from './id-source';
import { MetaError, callMeta, isMetaProcedure, registrationDetails, sessionDetails, subscriptionDetails, type Member } from './meta-api';
import type { Peer } from './peer';

/** A realm member as the authorizer sees it (cached per session to avoid an object per check). */
export interface AuthorizedMember extends Member {
  readonly ref: SessionRef;
}

/** Thrown for a message a client must not send once joined (the session ABORTs with protocol_violation). */
export class ProtocolViolation extends Error {}

function error(type: number, request: number, uri: string, message: string): unknown[] {
  return [MSG.ERROR, type, request, {}, uri, [message]];
}

const isReserved = (uri: string) => uri.startsWith('wamp.');

/** ERROR for a SUBSCRIBE/REGISTER past the per-session limit (no standard URI exists for it). */
export const LIMIT_EXCEEDED = 'wamp.error.limit_exceeded';

/**
 * Per-session caps. Every subscription and registration costs the router memory and meta events,
 * so one session (possibly anonymous) must not hold an unbounded number of them.
 */
export interface RealmLimits {
  maxSubscriptionsPerSession: number;
  maxRegistrationsPerSession: number;
}

export const DEFAULT_REALM_LIMITS: RealmLimits = { maxSubscriptionsPerSession: 10_000, maxRegistrationsPerSession: 10_000 };

export class Realm {
  readonly sessions = new Map<number, AuthorizedMember>();
  readonly broker: Broker;
  readonly dealer: Dealer;

  constructor(
    readonly name: string,
    readonly authorizer: Authorizer,
    ids: IdSource,
    now: () => number,
    readonly limits: RealmLimits = DEFAULT_REALM_LIMITS,
  ) {
    this.broker = new Broker(ids, now, this.brokerMeta(), (peer, topic) => this.allowedFor(peer, topic, 'subscribe'));
    this.dealer = new Dealer(ids, now, this.dealerMeta(), Math.random, (peer, procedure) => this.allowedFor(peer, procedure, 'register'));
  }

  /**
   * Whether a member's role permits `action` on a concrete URI: asked when an event reaches a pattern
   * subscription or a call reaches a pattern registration, since the pattern was authorized, not every
   * URI it covers. Static permissions answer synchronously (no promise per event).
   */
  private allowedFor(peer: Peer, uri: string, action: 'subscribe' | 'register'): boolean | Promise<boolean> {
    const member = this.sessions.get(peer.id);
    if (member !== peer) return false;
    const decision = this.authorizer.authorize(member.ref, uri, action, {});
    return decision instanceof Promise ? decision.then((d) => d.allow) : decision.allow;
  }

  join(member: AuthorizedMember): void {
    this.sessions.set(member.id, member);
    this.metaEvent('wamp.session.on_join', [sessionDetails(member)]);
  }

  leave(member: AuthorizedMember): void {
    if (this.sessions.get(member.id) !== member) return;
    this.sessions.delete(member.id);
    this.dealer.removePeer(member);
    this.broker.removePeer(member);
    this.metaEvent('wamp.session.on_leave', [member.id, member.identity.authid, member.identity.authrole]);
  }

  /** Route one message from a joined session. A returned promise means "wait before the next message" (order is kept). */
  handle(member: AuthorizedMember, msg: WampMessage): void | Promise<void> {
    switch (msg[0]) {
      case MSG.PUBLISH:
        return this.onPublish(member, msg);
      case MSG.SUBSCRIBE:
        return this.onSubscribe(member, msg);
      case MSG.UNSUBSCRIBE:
        return this.onUnsubscribe(member, msg);
      case MSG.CALL:
        return this.onCall(member, msg);
      case MSG.CANCEL:
        return this.onCancel(member, msg);
      case MSG.REGISTER:
        return this.onRegister(member, msg);
      case MSG.UNREGISTER:
        return this.onUnregister(member, msg);
      case MSG.YIELD:
        this.dealer.yield(member, msg);
        return;
      case MSG.ERROR:
        return this.onError(member, msg);
      default:
        throw new ProtocolViolation(`a client must not send ${messageName(msg[0])} (a router-to-client message)`);
    }
  }

  /**
   * Ask the authorizer, then run `next` with the decision. Static permissions decide synchronously, so the
   * common case routes the message with no promise at all; a dynamic authorizer's promise is returned so
   * the session waits with its next message (order is kept). On denial or failure the ERROR is sent
   * (unless silent) and `next` does not run.
   */
  private authorized(
    member: AuthorizedMember,
    uri: string,
    action: Action,
    options: Dict,
    reply: { type: number; request: number; silent?: boolean },
    next: (auth: Authorization) => void | Promise<void>,
  ): void | Promise<void> {
    let decision: Authorization | Promise<Authorization>;
    try {
      decision = this.authorizer.authorize(member.ref, uri, action, options);
    } catch (err) {
      this.authorizationFailed(member, reply, err);
      return;
    }
    const decide = (auth: Authorization): void | Promise<void> => {
      if (auth.allow) return next(auth);
      if (!reply.silent) member.send(error(reply.type, reply.request, WAMP_ERROR.not_authorized, `session is not authorized to ${action} '${uri}'`));
    };
    if (!(decision instanceof Promise)) return decide(decision);
    return decision.then(decide, (err: unknown) => this.authorizationFailed(member, reply, err));
  }

  private authorizationFailed(member: AuthorizedMember, reply: { type: number; request: number; silent?: boolean }, err: unknown): void {
    if (!reply.silent) member.send(error(reply.type, reply.request, WAMP_ERROR.authorization_failed, `authorizer failed: ${err instanceof Error ? err.message : String(err)}`));
  }

  private onPublish(member: AuthorizedMember, msg: PublishMessage): void | Promise<void> {
    const [, request, options, topic, args, kwargs] = msg;
    const ack = options.acknowledge === true;
    if (!isValidUri(topic) || isReserved(topic)) {
      if (ack) member.send(error(MSG.PUBLISH, request, WAMP_ERROR.invalid_uri, `invalid topic URI '${topic}'`));
      return;
    }
    // Denied publishes are silent unless the publisher asked for acknowledgement.
    return this.authorized(member, topic, 'publish', options, { type: MSG.PUBLISH, request, silent: !ack }, (auth) => {
      const disclose = auth.disclose || options.disclose_me === true;
      const publication = this.broker.publish({ publisher: member, topic, options, args, kwargs, disclose });
      if (ack) member.send([MSG.PUBLISHED, request, publication]);
    });
  }

  private onSubscribe(member: AuthorizedMember, msg: SubscribeMessage): void | Promise<void> {
    const [, request, options, topic] = msg;
    const match = parseMatchPolicy(options.match);
    if (!match) {
      member.send(error(MSG.SUBSCRIBE, request, WAMP_ERROR.invalid_argument, `unknown match policy '${String(options.match)}'`));
      return;
    }
    if (!isValidPattern(topic, match)) {
      member.send(error(MSG.SUBSCRIBE, request, WAMP_ERROR.invalid_uri, `invalid topic ${match === 'exact' ? 'URI' : `${match} pattern`} '${topic}'`));
      return;
    }
    // Resubscribing to a held (topic, match) returns the existing subscription, so it does not count.
    const max = this.limits.maxSubscriptionsPerSession;
    if (this.broker.subscriptionCount(member) >= max && !this.broker.index.get(topic, match)?.subscribers.has(member)) {
      member.send(error(MSG.SUBSCRIBE, request, LIMIT_EXCEEDED, `this session already holds ${max} subscriptions, the most this router allows per session`));
      return;
    }
    return this.authorized(member, topic, 'subscribe', options, { type: MSG.SUBSCRIBE, request }, () => {
      if (!this.sessions.has(member.id)) return; // left while the authorizer was deciding
      const sub = this.broker.subscribe(member, topic, match);
      member.send([MSG.SUBSCRIBED, request, sub.id]);
    });
  }

  private onUnsubscribe(member: AuthorizedMember, msg: UnsubscribeMessage): void {
    const [, request, subscription] = msg;
    if (this.broker.unsubscribe(member, subscription)) member.send([MSG.UNSUBSCRIBED, request]);
    else member.send(error(MSG.UNSUBSCRIBE, request, WAMP_ERROR.no_such_subscription, `no subscription ${subscription} held by this session`));
  }

  private onRegister(member: AuthorizedMember, msg: RegisterMessage): void | Promise<void> {
    const [, request, options, procedure] = msg;
    const match = parseMatchPolicy(options.match);
    const invoke = (options.invoke ?? 'single') as InvokePolicy;
    if (!match || !INVOKE_POLICIES.includes(invoke)) {
      member.send(error(MSG.REGISTER, request, WAMP_ERROR.invalid_argument, !match ? `unknown match policy '${String(options.match)}'` : `unknown invocation policy '${String(options.invoke)}'`));
      return;
    }
    if (!isValidPattern(procedure, match) || isReserved(procedure)) {
      member.send(error(MSG.REGISTER, request, WAMP_ERROR.invalid_uri, isReserved(procedure) ? `'${procedure}' is in the reserved wamp.* namespace` : `invalid procedure URI '${procedure}'`));
      return;
    }
    const max = this.limits.maxRegistrationsPerSession;
    if (this.dealer.registrationCount(member) >= max) {
      member.send(error(MSG.REGISTER, request, LIMIT_EXCEEDED, `this session already holds ${max} registrations, the most this router allows per session`));
      return;
    }
    return this.authorized(member, procedure, 'register', options, { type: MSG.REGISTER, request }, () => {
      if (!this.sessions.has(member.id)) return;
      const result = this.dealer.register(member, procedure, match, invoke);
      if (result.ok) member.send([MSG.REGISTERED, request, result.registration.id]);
      else member.send(error(MSG.REGISTER, request, result.error, result.message));
    });
  }

  private onUnregister(member: AuthorizedMember, msg: UnregisterMessage): void {
    const [, request, registration] = msg;
    if (this.dealer.unregister(member, registration)) member.send([MSG.UNREGISTERED, request]);
    else member.send(error(MSG.UNREGISTER, request, WAMP_ERROR.no_such_registration, `no registration ${registration} held by this session`));
  }

  private onCall(member: AuthorizedMember, msg: CallMessage): void | Promise<void> {
    const [, request, options, procedure, args, kwargs] = msg;
    if (!isValidUri(procedure)) {
      member.send(error(MSG.CALL, request, WAMP_ERROR.invalid_uri, `invalid procedure URI '${procedure}'`));
      return;
    }
    return this.authorized(member, procedure, 'call', options, { type: MSG.CALL, request }, (auth) => {
      if (isMetaProcedure(procedure)) {
        this.runMeta(member, request, procedure, args ?? [], kwargs ?? {});
        return;
      }
      if (!this.sessions.has(member.id)) return;
      return this.dealer.call({ caller: member, requestId: request, procedure, options, args, kwargs, disclose: auth.disclose || options.disclose_me === true });
    });
  }

  private runMeta(peer: Peer, request: number, procedure: string, args: unknown[], kwargs: Dict): void {
    try {
      const r = callMeta({ sessions: this.sessions, broker: this.broker, dealer: this.dealer }, peer, procedure, args, kwargs);
      const out: unknown[] = [MSG.RESULT, request, {}];
      if (r.kwargs) out.push(r.args ?? [], r.kwargs);
      else if (r.args) out.push(r.args);
      peer.send(out);
    } catch (err) {
      const uri = err instanceof MetaError ? err.uri : WAMP_ERROR.runtime_error;
      peer.send(error(MSG.CALL, request, uri, err instanceof Error ? err.message : String(err)));
    }
  }

  /** A call made by the router itself (RouterCaller): no authorization, meta procedures included. */
  callAsRouter(peer: Peer, request: number, procedure: string, args: unknown[], kwargs: Dict | undefined, timeoutMs: number): void {
    if (isMetaProcedure(procedure)) {
      this.runMeta(peer, request, procedure, args, kwargs ?? {});
      return;
    }
    void this.dealer.call({ caller: peer, requestId: request, procedure, options: { timeout: timeoutMs }, args, kwargs, disclose: false, trusted: true });
  }

  private onCancel(member: AuthorizedMember, msg: CancelMessage): void {
    this.dealer.cancel(member, msg[1], msg[2]);
  }

  private onError(member: AuthorizedMember, msg: ErrorMessage): void {
    if (msg[1] !== MSG.INVOCATION) throw new ProtocolViolation(`a client may send ERROR only for an INVOCATION, not for ${messageName(msg[1])}`);
    this.dealer.invocationError(member, msg);
  }

  private metaEvent(topic: string, args: unknown[]): void {
    this.broker.publish({ publisher: null, topic, options: {}, args, disclose: false });
  }

  // Meta events are not raised for the wamp.* namespace itself (a subscription to a meta topic
  // would otherwise announce itself), as Crossbar does.
  private brokerMeta(): BrokerListener {
    const ev = (topic: string, sub: Subscription, peer: Peer, details?: boolean) => {
      if (!isReserved(sub.uri)) this.metaEvent(topic, [peer.id, details ? subscriptionDetails(sub) : sub.id]);
    };
    return {
      created: (s, p) => ev('wamp.subscription.on_create', s, p, true),
      subscribed: (s, p) => ev('wamp.subscription.on_subscribe', s, p),
      unsubscribed: (s, p) => ev('wamp.subscription.on_unsubscribe', s, p),
      deleted: (s, p) => ev('wamp.subscription.on_delete', s, p),
    };
  }

  private dealerMeta(): DealerListener {
    const ev = (topic: string, reg: Registration, peer: Peer, details?: boolean) => {
      if (!isReserved(reg.uri)) this.metaEvent(topic, [peer.id, details ? registrationDetails(reg) : reg.id]);
    };
    return {
      created: (r, p) => ev('wamp.registration.on_create', r, p, true),
      registered: (r, p) => ev('wamp.registration.on_register', r, p),
      unregistered: (r, p) => ev('wamp.registration.on_unregister', r, p),
      deleted: (r, p) => ev('wamp.registration.on_delete', r, p),
    };
  }
}
