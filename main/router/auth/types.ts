// The seam between the router core (transport, sessions, broker, dealer) and authentication /
// authorization. The core knows nothing about tickets, CRA or Crossbar config: it hands a HELLO to a
// SessionAuthenticator and asks an Authorizer before every call/register/publish/subscribe.

/** What the transport knows about the peer; also passed to dynamic authenticators as details.transport. */
export interface TransportInfo {
  type: 'websocket' | 'rawsocket';
  /** "tcp4:127.0.0.1:54321" — Crossbar's format; "unix:/path/of/the/socket" on a Unix socket. */
  peer: string;
  /** Negotiated WebSocket subprotocol, e.g. "wamp.2.json"; on RawSocket the same name for its serializer. */
  protocol: string;
  /** Id of the configured transport (listener) the session came in on. */
  transportId: string;
  /** WebSocket upgrade request headers; empty on RawSocket. */
  httpHeaders: Record<string, string>;
  /**
   * TLS channel binding of this connection, for WAMP-Cryptosign's channel_binding "tls-unique": the
   * SHA-256 of the RFC 5929 tls-unique value (the first Finished message of the TLS handshake), 32 bytes —
   * what Autobahn calls the transport's channel_id. Absent on a transport without TLS (a client asking
   * for tls-unique there is refused).
   */
  channelId?: { 'tls-unique'?: Uint8Array };
  /** The connection is TLS (wss://, rss://). */
  tls?: boolean;
  /**
   * TLS channel binding "tls-unique" (RFC 5929: the first Finished message of the handshake — the
   * client's, in a full handshake) for WAMP-Cryptosign's channel_binding; null when the connection is not
   * TLS or no Finished message is known. Defined as a non-enumerable property (see transport/channel-binding.ts),
   * so it never travels in session snapshots, meta API answers or the details sent to dynamic authenticators.
   */
  channelBinding?: () => Buffer | null;
}

export interface HelloInfo {
  realm: string;
  /** HELLO.Details.authid, if any. */
  authid?: string;
  /** HELLO.Details.authmethods; empty when the client sent none (Crossbar then assumes anonymous). */
  authmethods: string[];
  authrole?: string;
  authextra?: Record<string, unknown>;
  /** The full HELLO.Details (roles etc.). */
  details: Record<string, unknown>;
  /** The session id the router will assign on WELCOME (random in [1, 2^53]). */
  sessionId: number;
  transport: TransportInfo;
}

export interface Identity {
  realm: string;
  authid: string;
  authrole: string;
  authmethod: string;
  /** "static", "dynamic", … as Crossbar reports it in WELCOME.Details.authprovider. */
  authprovider: string;
  authextra?: Record<string, unknown>;
}

export interface Abort {
  kind: 'abort';
  /** WAMP error URI, e.g. wamp.error.not_authorized, wamp.error.no_such_realm, wamp.error.authentication_failed. */
  reason: string;
  message: string;
  /** The method the authenticator picked before refusing, if any: for the router's login log. */
  authmethod?: string;
}

export interface Welcome {
  kind: 'welcome';
  identity: Identity;
}

export interface Challenge {
  kind: 'challenge';
  authmethod: string;
  /** CHALLENGE.Extra, e.g. {challenge, salt, iterations, keylen} for wampcra; {} for ticket. */
  extra: Record<string, unknown>;
  /** Completes the handshake when AUTHENTICATE arrives (signature = AUTHENTICATE.Signature). */
  authenticate(signature: string, extra: Record<string, unknown>): Promise<Welcome | Abort>;
  /**
   * The session ended (closed, timed out, aborted) without AUTHENTICATE: frees what the challenge held
   * (its pending-challenge slot). Idempotent; not called after authenticate().
   */
  cancel?(): void;
}

export type HelloOutcome = Welcome | Challenge | Abort;

/** One per transport (Crossbar configures auth per transport). */
export interface SessionAuthenticator {
  hello(info: HelloInfo): Promise<HelloOutcome>;
}

export type Action = 'call' | 'register' | 'publish' | 'subscribe';

export interface SessionRef {
  sessionId: number;
  identity: Identity;
}

export interface Authorization {
  allow: boolean;
  /** Disclose caller/publisher identity to the callee/subscribers (role permission "disclose"). */
  disclose: boolean;
}

/** One per realm: role permissions (static) or a dynamic authorizer procedure. */
export interface Authorizer {
  /** Whether the realm defines this role; the router aborts with wamp.error.no_such_role otherwise. */
  hasRole(role: string): boolean;
  /**
   * A decision from static permissions may come back synchronously: the router then routes the message
   * without a promise per CALL/PUBLISH, which is most of its per-message cost. Dynamic authorizers
   * (a WAMP call) return a promise; the router keeps the session's message order either way.
   */
  authorize(session: SessionRef, uri: string, action: Action, options: Record<string, unknown>): Authorization | Promise<Authorization>;
}

/**
 * Lets auth code call a procedure registered in the router (dynamic authenticators/authorizers),
 * as the router itself — not as any client session. Rejects with WampCallError on an ERROR reply.
 */
export interface RouterCaller {
  call(realm: string, procedure: string, args: unknown[], kwargs?: Record<string, unknown>, timeoutMs?: number): Promise<unknown>;
}

/** An ERROR reply to a router-internal call: the error URI (e.g. an ApplicationError's) and payload. */
export class WampCallError extends Error {
  constructor(
    readonly error: string,
    readonly args: unknown[] = [],
    readonly kwargs: Record<string, unknown> = {},
  ) {
    super(typeof args[0] === 'string' ? `${error}: ${args[0]}` : error);
    this.name = 'WampCallError';
  }
}
