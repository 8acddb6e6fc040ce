// WAMP session/registration/subscription meta API (advanced profile), served by the router itself.
// Procedures are looked up before the dealer; meta events are published by the router (no publisher).
import { WAMP_ERROR } from '../../shared/wamp/errors';
import type { Args, Dict } from '../../shared/wamp/messages';
import { isValidUri, parseMatchPolicy } from '../../shared/wamp/uri';
import type { Broker, Subscription } from './broker';
import type { Dealer, Registration } from './dealer';
import type { Peer } from './peer';
import type { SessionInfo } from './types';

/** A joined client session as the realm and meta API see it. */
export interface Member extends Peer {
  info(): SessionInfo;
  /** Close with GOODBYE (wamp.session.kill). */
  kill(reason: string, message: string): void;
}

export class MetaError extends Error {
  constructor(
    readonly uri: string,
    message: string,
  ) {
    super(message);
  }
}

export interface MetaResult {
  args?: Args;
  kwargs?: Dict;
}

export interface MetaContext {
  sessions: Map<number, Member>;
  broker: Broker;
  dealer: Dealer;
}

type Handler = (ctx: MetaContext, caller: Peer, args: Args, kwargs: Dict) => MetaResult;

const one = (value: unknown): MetaResult => ({ args: [value] });

function idArg(args: Args, index: number, what: string): number {
  const v = args[index];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw new MetaError(WAMP_ERROR.invalid_argument, `${what} must be an integer id`);
  return v;
}

function roleFilter(args: Args): ((m: Member) => boolean) | undefined {
  const roles = args[0];
  if (roles === undefined || roles === null) return undefined;
  if (!Array.isArray(roles)) throw new MetaError(WAMP_ERROR.invalid_argument, 'filter_authroles must be a list of roles');
  const set = new Set(roles);
  return (m) => set.has(m.identity.authrole);
}

function sessionDetails(m: Member): Dict {
  const i = m.info();
  return {
    session: i.session,
    authid: i.authid,
    authrole: i.authrole,
    authmethod: i.authmethod,
    authprovider: i.authprovider,
    authextra: i.authextra,
    transport: { type: i.transport.type, peer: i.transport.peer, protocol: i.transport.protocol },
    serializer: i.serializer,
  };
}

export function registrationDetails(r: Registration): Dict {
  return { id: r.id, created: r.created, uri: r.uri, match: r.match, invoke: r.invoke };
}

export function subscriptionDetails(s: Subscription): Dict {
  return { id: s.id, created: s.created, uri: s.uri, match: s.match };
}

function member(ctx: MetaContext, id: number): Member {
  const m = ctx.sessions.get(id);
  if (!m) throw new MetaError(WAMP_ERROR.no_such_session, `no session with id ${id} on this realm`);
  return m;
}

function registration(ctx: MetaContext, id: number): Registration {
  const r = ctx.dealer.get(id);
  if (!r) throw new MetaError(WAMP_ERROR.no_such_registration, `no registration with id ${id}`);
  return r;
}

function subscription(ctx: MetaContext, id: number): Subscription {
  const s = ctx.broker.get(id);
  if (!s) throw new MetaError(WAMP_ERROR.no_such_subscription, `no subscription with id ${id}`);
  return s;
}

function lookupMatch(kwargs: Dict, args: Args) {
  const options = (args[1] && typeof args[1] === 'object' ? args[1] : kwargs.options ?? {}) as Dict;
  const match = parseMatchPolicy(options.match);
  if (!match) throw new MetaError(WAMP_ERROR.invalid_argument, `unknown match policy ${String(options.match)}`);
  return match;
}

function uriArg(args: Args): string {
  if (typeof args[0] !== 'string') throw new MetaError(WAMP_ERROR.invalid_argument, 'expected a URI as the first argument');
  return args[0];
}

/** Bounds on what a killer may put into the victim's GOODBYE (it ends up in the victim's logs and UI). */
const MAX_KILL_REASON = 255;
const MAX_KILL_MESSAGE = 1000;

/**
 * The GOODBYE reason of wamp.session.kill: wamp.close.killed unless the caller gives its own URI. A
 * caller-chosen reason must not pose as something the router did: reasons in the router's "wamp."
 * namespace (wamp.close.system_shutdown, wamp.close.close_realm, wamp.close.normal, wamp.error.*) would
 * tell the killed client that the router shut down or the realm closed, so only wamp.close.killed is
 * accepted from there.
 */
function killReason(value: unknown): string {
  if (value === undefined || value === null) return WAMP_ERROR.killed;
  if (!isValidUri(value) || value.length > MAX_KILL_REASON) {
    throw new MetaError(WAMP_ERROR.invalid_argument, `reason must be a URI of at most ${MAX_KILL_REASON} characters`);
  }
  if (value.startsWith('wamp.') && value !== WAMP_ERROR.killed) {
    throw new MetaError(WAMP_ERROR.invalid_argument, `reason '${value}' is reserved for the router; use ${WAMP_ERROR.killed} or an application URI`);
  }
  return value;
}

function killMessage(value: unknown): string {
  if (value === undefined || value === null) return 'killed via wamp.session.kill';
  if (typeof value !== 'string' || value.length > MAX_KILL_MESSAGE) {
    throw new MetaError(WAMP_ERROR.invalid_argument, `message must be a string of at most ${MAX_KILL_MESSAGE} characters`);
  }
  return value;
}

const HANDLERS: Record<string, Handler> = {
  'wamp.session.count': (ctx, _c, args) => {
    const f = roleFilter(args);
    return one(f ? [...ctx.sessions.values()].filter(f).length : ctx.sessions.size);
  },
  'wamp.session.list': (ctx, _c, args) => {
    const f = roleFilter(args);
    return one([...ctx.sessions.values()].filter((m) => !f || f(m)).map((m) => m.id));
  },
  'wamp.session.get': (ctx, _c, args) => one(sessionDetails(member(ctx, idArg(args, 0, 'session')))),
  'wamp.session.kill': (ctx, caller, args, kwargs) => {
    const id = idArg(args, 0, 'session');
    if (id === caller.id) throw new MetaError(WAMP_ERROR.invalid_argument, 'a session cannot kill itself');
    const reason = killReason(kwargs.reason);
    const message = killMessage(kwargs.message);
    member(ctx, id).kill(reason, message);
    return {};
  },
  'wamp.registration.list': (ctx) =>
    one({ exact: [...ctx.dealer.index.exact.values()].map((r) => r.id), prefix: [...ctx.dealer.index.prefix.values()].map((r) => r.id), wildcard: [...ctx.dealer.index.wildcard.values()].map((r) => r.id) }),
  'wamp.registration.lookup': (ctx, _c, args, kwargs) => one(ctx.dealer.index.get(uriArg(args), lookupMatch(kwargs, args))?.id ?? null),
  'wamp.registration.match': (ctx, _c, args) => one(ctx.dealer.match(uriArg(args))?.id ?? null),
  'wamp.registration.get': (ctx, _c, args) => one(registrationDetails(registration(ctx, idArg(args, 0, 'registration')))),
  'wamp.registration.list_callees': (ctx, _c, args) => one(registration(ctx, idArg(args, 0, 'registration')).callees.map((p) => p.id)),
  'wamp.registration.count_callees': (ctx, _c, args) => one(registration(ctx, idArg(args, 0, 'registration')).callees.length),
  'wamp.subscription.list': (ctx) =>
    one({ exact: [...ctx.broker.index.exact.values()].map((s) => s.id), prefix: [...ctx.broker.index.prefix.values()].map((s) => s.id), wildcard: [...ctx.broker.index.wildcard.values()].map((s) => s.id) }),
  'wamp.subscription.lookup': (ctx, _c, args, kwargs) => one(ctx.broker.index.get(uriArg(args), lookupMatch(kwargs, args))?.id ?? null),
  'wamp.subscription.match': (ctx, _c, args) => {
    const ids = ctx.broker.matching(uriArg(args)).map((s) => s.id);
    return one(ids.length > 0 ? ids : null);
  },
  'wamp.subscription.get': (ctx, _c, args) => one(subscriptionDetails(subscription(ctx, idArg(args, 0, 'subscription')))),
  'wamp.subscription.list_subscribers': (ctx, _c, args) => one([...subscription(ctx, idArg(args, 0, 'subscription')).subscribers].map((p) => p.id)),
  'wamp.subscription.count_subscribers': (ctx, _c, args) => one(subscription(ctx, idArg(args, 0, 'subscription')).subscribers.size),
};

export const META_PROCEDURES = Object.keys(HANDLERS);

export function isMetaProcedure(uri: string): boolean {
  return Object.prototype.hasOwnProperty.call(HANDLERS, uri);
}

/** Run a meta procedure; throws MetaError for an ERROR reply. */
export function callMeta(ctx: MetaContext, caller: Peer, procedure: string, args: Args, kwargs: Dict): MetaResult {
  const handler = HANDLERS[procedure];
  if (!handler) throw new MetaError(WAMP_ERROR.no_such_procedure, `no meta procedure '${procedure}'`);
  return handler(ctx, caller, args, kwargs);
}

export { sessionDetails };
