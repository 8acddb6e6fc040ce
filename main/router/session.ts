// One connection (WebSocket or RawSocket) and the WAMP session on it: the HELLO → (CHALLENGE → AUTHENTICATE) →
// WELCOME | ABORT handshake, then routing through its realm, then GOODBYE or close. Every frame is
// decoded and validated here; anything malformed ABORTs this session with protocol_violation and
// never reaches the rest of the router. Messages are handled strictly in order: while an async
// step (authenticator, authorizer) runs, later messages wait in a queue.
import { MSG, messageName } from '../../shared/wamp/codes';
import { WAMP_ERROR } from '../../shared/wamp/errors';
import { parseMessage, type AuthenticateMessage, type HelloMessage, type WampMessage } from '../../shared/wamp/messages';
import type { WampSerializer } from '../../shared/wamp/serializers';
import { isValidUri } from '../../shared/wamp/uri';
import type { Challenge, HelloOutcome, Identity, SessionAuthenticator, SessionRef, TransportInfo } from './auth/types';
import { checkHelloLimits } from './auth/hello-limits';
import type { PeerFeatures } from './peer';
import { ProtocolViolation, type AuthorizedMember, type Realm } from './realm';
import type { AuthAttemptEvent, RouterEventMap, SessionInfo } from './types';
import { frameOne, splitBatch } from './transport/batching';
import type { WampSocket } from './transport/wamp-socket';
import { WELCOME_ROLES } from './welcome-roles';

export interface SessionConfig {
  authenticator: SessionAuthenticator;
  handshakeTimeoutMs: number;
  authTimeoutMs: number;
  /** See TransportOptions.maxOutgoingBufferBytes. */
  maxOutgoingBufferBytes: number;
}

/** A few MB: far above what a reading peer has queued, far below what hurts the router. */
export const DEFAULT_MAX_OUTGOING_BUFFER_BYTES = 4 * 1024 * 1024;

/** Close code for a peer dropped for not reading (RFC 6455 1008, policy violation). */
const SLOW_READER_CLOSE_CODE = 1008;
/** How long a dropped slow reader gets to take the close frame before its socket is destroyed. */
const SLOW_READER_GRACE_MS = 1000;

/** What a session needs from its router. */
export interface SessionHost {
  realm(name: string): Realm | undefined;
  /** A fresh session id, unique among live sessions (reserved until release). */
  reserveSessionId(): number;
  release(session: WampSession): void;
  now(): number;
  emit<K extends keyof RouterEventMap>(name: K, payload: RouterEventMap[K]): void;
}

/** Messages a peer may send ahead while an async step (authenticator/authorizer) runs; caps memory per session. */
const MAX_QUEUED = 10_000;

/**
 * Messages one connection gets handled before the router turns to other connections for an event-loop
 * turn. libuv reads up to 32 chunks from a socket per turn, so without this one session's burst (20,000
 * SUBSCRIBEs) was handled in a single turn while other logins waited.
 */
const MESSAGES_PER_TURN = 1000;

type State = 'await-hello' | 'hello-pending' | 'challenged' | 'auth-pending' | 'established' | 'goodbye-sent' | 'closed';

const NO_FEATURES: PeerFeatures = { calleeCancel: false, calleeProgress: false };
const UNKNOWN_IDENTITY: Identity = { realm: '', authid: '', authrole: '', authmethod: '', authprovider: '' };

function featuresOf(details: Record<string, unknown>): PeerFeatures {
  const roles = details.roles as Record<string, { features?: Record<string, unknown> }> | undefined;
  const callee = roles && typeof roles === 'object' ? roles.callee?.features : undefined;
  if (!callee || typeof callee !== 'object') return NO_FEATURES;
  return { calleeCancel: callee.call_canceling === true, calleeProgress: callee.progressive_call_results === true };
}

const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));
const clip = (text: string) => (text.length > 256 ? text.slice(0, 256) : text);

export class WampSession implements AuthorizedMember {
  id = 0;
  identity: Identity = UNKNOWN_IDENTITY;
  ref: SessionRef = { sessionId: 0, identity: UNKNOWN_IDENTITY };
  features: PeerFeatures = NO_FEATURES;
  private state: State = 'await-hello';
  private realm: Realm | undefined;
  private challenge: Challenge | undefined;
  private snapshot: SessionInfo | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly queue: WampMessage[] = [];
  private busy = false;
  private attempt: Omit<AuthAttemptEvent, 'at' | 'stage' | 'outcome'> | undefined;
  private readonly closed: Promise<void>;

  constructor(
    private readonly socket: WampSocket,
    readonly serializer: WampSerializer,
    readonly transport: TransportInfo,
    private readonly config: SessionConfig,
    private readonly host: SessionHost,
    private readonly batched = false,
  ) {
    this.closed = new Promise((resolve) => socket.onClose(() => resolve()));
    socket.onMessage((data, isBinary) => this.onFrame(data, isBinary));
    socket.onClose((code, reason) => this.onSocketClosed(code, reason));
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.state === 'await-hello') this.abort(WAMP_ERROR.timeout, `no HELLO within ${config.handshakeTimeoutMs} ms`);
    }, config.handshakeTimeoutMs);
  }

  private isClosed(): boolean {
    return this.state === 'closed';
  }

  get isJoined(): boolean {
    return this.state === 'established';
  }

  get realmName(): string | undefined {
    return this.realm?.name;
  }

  info(): SessionInfo {
    if (!this.snapshot) throw new Error('session has not joined a realm');
    return this.snapshot;
  }

  send(message: unknown[]): void {
    if (this.socket.readyState !== 1 || this.overBuffered()) return;
    let encoded: string | Uint8Array;
    try {
      encoded = this.serializer.encode(message);
    } catch (err) {
      // Never let one peer's payload break the session that caused it to be sent (e.g. a publisher).
      this.host.emit('protocol-error', { transportId: this.transport.transportId, peer: this.transport.peer, sessionId: this.id || undefined, message: `could not encode ${messageName(message[0] as number)} for this peer: ${errorText(err)}` });
      return;
    }
    this.batchWrites();
    this.socket.send(this.batched ? frameOne(encoded, this.serializer.binary) : encoded, this.serializer.binary);
  }

  sendFrame(frame: string | Uint8Array): void {
    if (this.socket.readyState !== 1 || this.overBuffered()) return;
    this.batchWrites();
    this.socket.send(this.batched ? frameOne(frame, this.serializer.binary) : frame, this.serializer.binary);
  }

  /**
   * Backpressure: a peer that stops reading (or reads slower than it is sent to) would make ws buffer
   * everything for it — one paused subscriber took the router from 119 MB to 1.46 GB. When there is
   * another message for a session whose buffer is already past the bound, the session is dropped
   * (as Nexus does); checking before a send, not after, lets one large message through to a reader.
   */
  private overBuffered(): boolean {
    if (this.dropping) return true;
    const limit = this.config.maxOutgoingBufferBytes;
    if (this.socket.bufferedAmount <= limit) return false;
    this.dropping = true;
    const reason = `outgoing buffer over ${limit} bytes: peer is not reading`;
    // session-left carries the reason. Leave on the next tick, not inside the broker's or dealer's
    // delivery loop that called send(): leaving changes the subscriber and callee sets they iterate.
    process.nextTick(() => {
      this.leaveAndClose(reason, SLOW_READER_CLOSE_CODE);
      // The close frame waits behind the unread data; free that memory soon rather than after ws's 30 s.
      setTimeout(() => this.socket.terminate(), SLOW_READER_GRACE_MS).unref();
    });
    return true;
  }
  private dropping = false;

  /**
   * ws writes every frame with its own writev syscall, which dominates the router's CPU under load.
   * Corking the TCP socket until the current batch of work (this tick plus its microtasks) is done
   * turns the frames produced meanwhile into one write (RawSocket frames alike).
   */
  private batchWrites(): void {
    if (this.corked) return;
    const tcp = this.socket.stream();
    if (!tcp || tcp.destroyed) return;
    this.corked = true;
    tcp.cork();
    process.nextTick(() => {
      this.corked = false;
      tcp.uncork();
    });
  }
  private corked = false;

  // ---- inbound ------------------------------------------------------------------------------

  private onFrame(data: Buffer, isBinary: boolean): void {
    if (this.state === 'closed') return;
    if (!this.batched) {
      this.onEncoded(isBinary ? data : data.toString('utf8'));
      return;
    }
    let parts: (string | Uint8Array)[];
    try {
      parts = splitBatch(data, this.serializer.binary);
    } catch (err) {
      this.violation(`bad batched frame: ${errorText(err)}`);
      return;
    }
    // A violation in one part closes the session; the rest of the batch is then ignored.
    for (const part of parts) if (!this.isClosed()) this.onEncoded(part);
  }

  private onEncoded(encoded: string | Uint8Array): void {
    if (++this.handledThisTurn >= MESSAGES_PER_TURN) this.yieldTurn();
    let value: unknown;
    try {
      value = this.serializer.decode(encoded);
    } catch (err) {
      this.violation(`undecodable ${this.serializer.id} frame: ${errorText(err)}`);
      return;
    }
    const parsed = parseMessage(value);
    if (!parsed.ok) {
      this.violation(parsed.error);
      return;
    }
    // Replies to INVOCATIONs skip the queue: a callee whose own CALL waits on a dynamic authorizer
    // may be the very session that must answer that authorizer's invocation.
    const code = parsed.message[0];
    if (!this.busy || code === MSG.YIELD || code === MSG.ERROR) this.process(parsed.message);
    else if (this.queue.length < MAX_QUEUED) this.queue.push(parsed.message);
    else this.violation(`more than ${MAX_QUEUED} messages sent while the router was still handling an earlier one`);
  }

  /** Stop reading this socket until the next event-loop turn (frames already read are still handled). */
  private yieldTurn(): void {
    if (this.socket.isPaused) return;
    this.socket.pause();
    setImmediate(() => {
      this.handledThisTurn = 0;
      if (this.state !== 'closed') this.socket.resume();
    });
  }
  private handledThisTurn = 0;

  private process(msg: WampMessage): void {
    let pending: void | Promise<void>;
    try {
      pending = this.dispatch(msg);
    } catch (err) {
      this.violation(err instanceof ProtocolViolation ? err.message : `router error handling ${messageName(msg[0])}: ${errorText(err)}`);
      return;
    }
    if (!pending) return;
    this.busy = true;
    pending.then(
      () => this.drain(),
      (err: unknown) => {
        this.violation(err instanceof ProtocolViolation ? err.message : `router error handling ${messageName(msg[0])}: ${errorText(err)}`);
        this.drain();
      },
    );
  }

  private drain(): void {
    this.busy = false;
    while (!this.busy && this.queue.length > 0 && this.state !== 'closed') this.process(this.queue.shift()!);
  }

  private dispatch(msg: WampMessage): void | Promise<void> {
    const code = msg[0];
    if (code === MSG.ABORT && this.state !== 'established') {
      this.closeSocket(1000, 'peer aborted');
      return;
    }
    switch (this.state) {
      case 'await-hello':
        if (code !== MSG.HELLO) throw new ProtocolViolation(`expected HELLO, got ${messageName(code)}`);
        return this.onHello(msg as HelloMessage);
      case 'challenged':
        if (code !== MSG.AUTHENTICATE) throw new ProtocolViolation(`expected AUTHENTICATE, got ${messageName(code)}`);
        return this.onAuthenticate(msg as AuthenticateMessage);
      case 'established':
        if (code === MSG.GOODBYE) return this.onGoodbye(msg[2] as string);
        if (code === MSG.HELLO || code === MSG.AUTHENTICATE || code === MSG.ABORT) {
          if (code === MSG.ABORT) return this.leaveAndClose(`peer aborted: ${String(msg[2])}`, 1000);
          throw new ProtocolViolation(`${messageName(code)} in an established session`);
        }
        return this.realm!.handle(this, msg);
      case 'goodbye-sent':
        // The peer's GOODBYE answers ours; anything else that crossed in flight is dropped.
        if (code === MSG.GOODBYE) this.closeSocket(1000, 'goodbye');
        return;
      default:
        throw new ProtocolViolation(`unexpected ${messageName(code)} during the handshake`);
    }
  }

  // ---- handshake ----------------------------------------------------------------------------

  private async onHello(msg: HelloMessage): Promise<void> {
    this.clearTimer();
    this.state = 'hello-pending';
    const [, realmName, details] = msg;
    const authmethods = Array.isArray(details.authmethods) ? details.authmethods.filter((m): m is string => typeof m === 'string') : [];
    const authid = typeof details.authid === 'string' ? details.authid : undefined;
    this.id = this.host.reserveSessionId();
    // Oversized fields are refused before anything else looks at them; the attempt keeps only their start.
    const tooLarge = checkHelloLimits(realmName, details);
    this.attempt = tooLarge
      ? { transportId: this.transport.transportId, peer: this.transport.peer, realm: clip(realmName), authid: authid === undefined ? undefined : clip(authid), authmethods: authmethods.slice(0, 16).map(clip), sessionId: this.id }
      : { transportId: this.transport.transportId, peer: this.transport.peer, realm: realmName, authid, authmethods, sessionId: this.id };
    if (tooLarge) return this.refuse(tooLarge.reason, tooLarge.message, 'hello');
    if (!isValidUri(realmName)) return this.refuse(WAMP_ERROR.invalid_uri, `invalid realm URI '${realmName}'`, 'hello');
    // The realm is checked before any authenticator runs, so a typo never looks like bad credentials.
    if (!this.host.realm(realmName)) return this.refuse(WAMP_ERROR.no_such_realm, `no realm '${realmName}' on this router`, 'hello');
    this.features = featuresOf(details);
    let outcome: HelloOutcome;
    try {
      outcome = await this.config.authenticator.hello({
        realm: realmName,
        authid,
        authmethods,
        authrole: typeof details.authrole === 'string' ? details.authrole : undefined,
        authextra: details.authextra && typeof details.authextra === 'object' && !Array.isArray(details.authextra) ? (details.authextra as Record<string, unknown>) : undefined,
        details,
        sessionId: this.id,
        transport: this.transport,
      });
    } catch (err) {
      return this.refuse(WAMP_ERROR.authentication_failed, `authenticator failed: ${errorText(err)}`, 'hello');
    }
    this.applyOutcome(outcome, 'hello');
  }

  private async onAuthenticate(msg: AuthenticateMessage): Promise<void> {
    this.clearTimer();
    const challenge = this.challenge!;
    this.challenge = undefined;
    this.state = 'auth-pending';
    let outcome: HelloOutcome;
    try {
      outcome = await challenge.authenticate(msg[1], msg[2]);
    } catch (err) {
      return this.refuse(WAMP_ERROR.authentication_failed, `authenticator failed: ${errorText(err)}`, 'authenticate', challenge.authmethod);
    }
    this.applyOutcome(outcome, 'authenticate', challenge.authmethod);
  }

  private applyOutcome(outcome: HelloOutcome, stage: 'hello' | 'authenticate', authmethod?: string): void {
    if (this.state === 'closed') {
      // The peer went away while the authenticator was thinking; a challenge it got must not stay held.
      if (outcome.kind === 'challenge') outcome.cancel?.();
      return;
    }
    if (outcome.kind === 'abort') return this.refuse(outcome.reason, outcome.message, stage, outcome.authmethod ?? authmethod);
    if (outcome.kind === 'challenge') {
      this.challenge = outcome;
      this.state = 'challenged';
      this.send([MSG.CHALLENGE, outcome.authmethod, outcome.extra]);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (this.state === 'challenged') this.refuse(WAMP_ERROR.authentication_failed, `no AUTHENTICATE within ${this.config.authTimeoutMs} ms`, 'timeout', outcome.authmethod);
      }, this.config.authTimeoutMs);
      return;
    }
    this.join(outcome.identity, stage);
  }

  private join(identity: Identity, stage: 'hello' | 'authenticate'): void {
    const realm = this.host.realm(identity.realm);
    if (!realm) return this.refuse(WAMP_ERROR.no_such_realm, `no realm '${identity.realm}' on this router`, stage, identity.authmethod);
    if (!realm.authorizer.hasRole(identity.authrole)) {
      return this.refuse(WAMP_ERROR.no_such_role, `role '${identity.authrole}' is not defined on realm '${identity.realm}'`, stage, identity.authmethod);
    }
    this.identity = identity;
    this.ref = { sessionId: this.id, identity };
    this.realm = realm;
    this.state = 'established';
    this.snapshot = {
      session: this.id,
      realm: identity.realm,
      authid: identity.authid,
      authrole: identity.authrole,
      authmethod: identity.authmethod,
      authprovider: identity.authprovider,
      authextra: identity.authextra ?? {},
      transport: this.transport,
      serializer: this.serializer.id,
      joined: new Date(this.host.now()).toISOString(),
    };
    this.send([
      MSG.WELCOME,
      this.id,
      {
        realm: identity.realm,
        authid: identity.authid,
        authrole: identity.authrole,
        authmethod: identity.authmethod,
        authprovider: identity.authprovider,
        authextra: identity.authextra ?? {},
        roles: WELCOME_ROLES,
      },
    ]);
    realm.join(this);
    this.emitAttempt(stage, 'success', { authmethod: identity.authmethod, identity });
    this.host.emit('session-joined', this.snapshot);
  }

  /** ABORT the handshake (auth failure, unknown realm/role) and report the attempt. */
  private refuse(reason: string, message: string, stage: AuthAttemptEvent['stage'], authmethod?: string): void {
    this.emitAttempt(stage, 'failure', { reason, message, authmethod });
    this.abort(reason, message);
  }

  private emitAttempt(stage: AuthAttemptEvent['stage'], outcome: AuthAttemptEvent['outcome'], extra: Partial<AuthAttemptEvent>): void {
    if (!this.attempt) return;
    const event: AuthAttemptEvent = { ...this.attempt, at: new Date(this.host.now()).toISOString(), stage, outcome };
    for (const [k, v] of Object.entries(extra)) if (v !== undefined) (event as unknown as Record<string, unknown>)[k] = v;
    this.host.emit('auth', event);
  }

  // ---- closing ------------------------------------------------------------------------------

  private onGoodbye(reason: string): void {
    this.send([MSG.GOODBYE, {}, WAMP_ERROR.goodbye_and_out]);
    this.leaveAndClose(reason, 1000);
  }

  /** Send ABORT and close; used for handshake refusals and protocol violations. */
  private abort(reason: string, message: string): void {
    if (this.state === 'closed') return;
    this.send([MSG.ABORT, { message }, reason]);
    this.leaveAndClose(reason, 1000);
  }

  private violation(message: string): void {
    if (this.state === 'closed') return;
    this.host.emit('protocol-error', { transportId: this.transport.transportId, peer: this.transport.peer, sessionId: this.id || undefined, message });
    this.abort(WAMP_ERROR.protocol_violation, message);
  }

  private leaveAndClose(reason: string, code: number): void {
    this.leave(reason);
    this.closeSocket(code, reason);
  }

  private leave(reason: string): void {
    const wasJoined = this.state === 'established' || this.state === 'goodbye-sent';
    if (this.state === 'established' && this.realm) this.realm.leave(this);
    this.challenge?.cancel?.(); // ended while challenged (timeout, ABORT, close): free its pending slot
    this.challenge = undefined;
    this.state = 'closed';
    this.clearTimer();
    this.queue.length = 0;
    if (wasJoined && this.snapshot && !this.leftReported) {
      this.leftReported = true;
      this.host.emit('session-left', { session: this.snapshot, reason });
    }
  }
  private leftReported = false;

  private closeSocket(code: number, reason: string): void {
    if (this.state !== 'closed' && this.state !== 'goodbye-sent') this.leave(reason);
    this.state = 'closed';
    this.clearTimer();
    if (this.socket.readyState === 0 || this.socket.readyState === 1) {
      // Close reasons are limited to 123 bytes by RFC 6455.
      this.socket.close(code, Buffer.from(reason).subarray(0, 120).toString());
    }
  }

  private onSocketClosed(_code: number, reason: string): void {
    if (this.state === 'goodbye-sent') this.state = 'closed';
    if (this.state !== 'closed') this.leave(reason || 'connection closed');
    this.clearTimer();
    this.host.release(this);
  }

  /**
   * Router-initiated close: GOODBYE for a joined session (then wait up to graceMs for the peer's
   * GOODBYE or close), ABORT for one still in its handshake.
   */
  async goodbye(reason: string, message: string, graceMs: number): Promise<void> {
    if (this.state === 'closed' || this.state === 'goodbye-sent') return this.closed;
    if (this.state !== 'established') {
      this.abort(reason, message);
    } else {
      this.send([MSG.GOODBYE, { message }, reason]);
      if (this.realm) this.realm.leave(this);
      this.state = 'goodbye-sent';
      this.leftReported = true;
      this.host.emit('session-left', { session: this.snapshot!, reason });
      this.clearTimer();
      this.timer = setTimeout(() => this.closeSocket(1000, reason), graceMs);
    }
    const hard = setTimeout(() => this.socket.terminate(), graceMs + 1000);
    await this.closed;
    clearTimeout(hard);
  }

  kill(reason: string, message: string): void {
    void this.goodbye(reason, message, 1000);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
