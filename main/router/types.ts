// Public types of the router core: construction options, session snapshots and observable events.
import type { Authorizer, Identity, SessionAuthenticator, TransportInfo } from './auth/types';
import type { RandomBytes } from '../../shared/wamp/ids';
import type { SerializerId } from '../../shared/wamp/serializers';
import type { TlsFiles } from './transport/tls-context';
import type { TransportKind } from './transport/transport-listener';

export interface TransportOptions {
  /** Identifies the listener in events and TransportInfo.transportId. */
  id: string;
  /** Bind address; default 127.0.0.1 (the router is a local tool). */
  host?: string;
  /** 0 picks a free port; start() reports the bound one. */
  port: number;
  /** WebSocket path; default "/ws". Upgrades on "/" are accepted too, so ws://host:port works. */
  path?: string;
  /** Serializers offered; default all three. */
  serializers?: SerializerId[];
  /** Largest accepted WebSocket message in bytes (larger → close 1009); default 16 MiB. */
  maxMessageSize?: number;
  /** HELLO must arrive within this time after the upgrade; default 10 s. */
  handshakeTimeoutMs?: number;
  /** AUTHENTICATE must arrive within this time after CHALLENGE; default 30 s. */
  authTimeoutMs?: number;
  /**
   * null/undefined: any origin. A list: a browser's Origin header must match one entry
   * ("*" wildcards allowed, e.g. "http://localhost:*"); requests without Origin (non-browser clients) pass.
   */
  allowedOrigins?: string[] | null;
  /**
   * Bytes that may wait in a session's outgoing buffer (a subscriber that stopped reading); when the
   * router has another message for a session over this bound, it closes that session (WebSocket
   * close 1008) instead of buffering without end. Default 4 MiB.
   */
  maxOutgoingBufferBytes?: number;
  authenticator: SessionAuthenticator;
  /**
   * What the transport speaks: "websocket" (default), "rawsocket" (WAMP-over-RawSocket), or "universal"
   * (both on one port, told apart by the first octet). For "rawsocket", serializers, maxMessageSize and
   * authenticator above apply to RawSocket; for "universal" they apply to WebSocket and `rawsocket` below
   * may override them for RawSocket.
   */
  kind?: TransportKind;
  /** Listen on this Unix socket instead of host/port (rawsocket transports). */
  socketPath?: string;
  /** Serve TLS (wss://, rss://) with these files; read when the router starts. */
  tls?: TlsFiles;
  /** RawSocket settings of a "universal" transport (each defaults to the transport's). */
  rawsocket?: { serializers?: SerializerId[]; maxMessageSize?: number; authenticator?: SessionAuthenticator };
}

export interface RealmOptions {
  name: string;
  authorizer: Authorizer;
  /** Past this many, SUBSCRIBE gets ERROR wamp.error.limit_exceeded; default 10,000. */
  maxSubscriptionsPerSession?: number;
  /** Past this many, REGISTER gets ERROR wamp.error.limit_exceeded; default 10,000. */
  maxRegistrationsPerSession?: number;
}

export interface RouterOptions {
  transports: TransportOptions[];
  realms: RealmOptions[];
  /** Random bytes for session/publication/subscription/registration ids; default Web Crypto. */
  random?: RandomBytes;
  /** Milliseconds since the epoch; default Date.now. */
  now?: () => number;
  /** How long stop() waits for peers to answer GOODBYE before closing sockets; default 1000 ms. */
  shutdownGraceMs?: number;
}

export interface BoundTransport {
  id: string;
  kind: TransportKind;
  /** Bind address; "unix" for a Unix socket (see socketPath). */
  host: string;
  /** Bound port; 0 for a Unix socket. */
  port: number;
  socketPath?: string;
  /** WebSocket path ("/" for a RawSocket transport). */
  path: string;
  tls: boolean;
  /** The first of urls: ws(s)://host:port/path, rs(s)://host:port or unix:/path. */
  url: string;
  /** Every URL the transport answers (a universal transport: the WebSocket and the RawSocket one). */
  urls: string[];
  /** Options that loaded but will refuse some clients (e.g. TLS "ciphers" with no TLS 1.2 cipher for the key). */
  warnings?: string[];
}

export interface SessionInfo {
  session: number;
  realm: string;
  authid: string;
  authrole: string;
  authmethod: string;
  authprovider: string;
  authextra: Record<string, unknown>;
  transport: TransportInfo;
  serializer: SerializerId;
  /** ISO 8601 time the session joined. */
  joined: string;
}

export interface AuthAttemptEvent {
  /** ISO 8601 */
  at: string;
  transportId: string;
  peer: string;
  realm: string;
  /** HELLO.Details.authid (what the client claimed), if any. */
  authid?: string;
  authmethods: string[];
  /** The method that decided the outcome (from the Welcome/Challenge), if known. */
  authmethod?: string;
  /** "hello" when decided at HELLO, "authenticate" when after a CHALLENGE, "timeout" if none came. */
  stage: 'hello' | 'authenticate' | 'timeout';
  outcome: 'success' | 'failure';
  /** On success: the assigned identity. */
  identity?: Identity;
  /** On failure: the ABORT reason URI and message. */
  reason?: string;
  message?: string;
  sessionId: number;
}

export interface SessionLeftEvent {
  session: SessionInfo;
  /** GOODBYE/ABORT reason or "connection closed". */
  reason: string;
}

export interface ProtocolErrorEvent {
  transportId: string;
  peer: string;
  sessionId?: number;
  message: string;
}

export interface RouterEventMap {
  'session-joined': SessionInfo;
  'session-left': SessionLeftEvent;
  auth: AuthAttemptEvent;
  'protocol-error': ProtocolErrorEvent;
}
