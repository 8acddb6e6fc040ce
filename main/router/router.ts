// The WAMP router: listeners (one per configured transport), realms, and the sessions between
// them. Plain Node + ws; the Electron app, the CLI and tests all construct it the same way.
import { WAMP_ERROR } from '../../shared/wamp/errors';
import { cryptoRandomBytes } from '../../shared/wamp/ids';
import type { SerializerId } from '../../shared/wamp/serializers';
import type { RouterCaller } from './auth/types';
import { TypedEmitter } from './events';
import { IdSource } from './id-source';
import { registrationDetails, subscriptionDetails } from './meta-api';
import { DEFAULT_REALM_LIMITS, Realm } from './realm';
import { InternalCaller } from './router-caller';
import { DEFAULT_MAX_OUTGOING_BUFFER_BYTES, WampSession, type SessionHost } from './session';
import { loadTlsOptions, tlsOptionWarnings } from './transport/tls-context';
import { TransportListener } from './transport/transport-listener';
import { wsWampSocket } from './transport/wamp-socket';
import type { BoundTransport, RouterEventMap, RouterOptions, SessionInfo, TransportOptions } from './types';

const ALL_SERIALIZERS: SerializerId[] = ['json', 'msgpack', 'cbor'];

export interface RealmSnapshot {
  name: string;
  sessions: number;
  registrations: number;
  subscriptions: number;
}

export interface RegistrationSnapshot {
  id: number;
  created: string;
  uri: string;
  match: string;
  invoke: string;
  callees: number[];
}

export interface SubscriptionSnapshot {
  id: number;
  created: string;
  uri: string;
  match: string;
  subscribers: number[];
}

export class Router extends TypedEmitter<RouterEventMap> {
  private readonly realms = new Map<string, Realm>();
  private readonly transportListeners: { listener: TransportListener; options: TransportOptions }[] = [];
  /** Every connection, joined or not; session ids are reserved from HELLO until the socket closes. */
  private readonly sessions = new Set<WampSession>();
  private readonly reservedIds = new Set<number>();
  private readonly ids: IdSource;
  private readonly now: () => number;
  private readonly internalCaller: InternalCaller;
  private bound: BoundTransport[] = [];
  private running = false;

  constructor(private readonly options: RouterOptions) {
    super();
    this.ids = new IdSource(options.random ?? cryptoRandomBytes);
    this.now = options.now ?? Date.now;
    const transportIds = new Set<string>();
    for (const t of options.transports) {
      if (transportIds.has(t.id)) throw new Error(`duplicate transport id '${t.id}'`);
      transportIds.add(t.id);
    }
    for (const r of options.realms) {
      if (this.realms.has(r.name)) throw new Error(`duplicate realm '${r.name}'`);
      const limits = {
        maxSubscriptionsPerSession: r.maxSubscriptionsPerSession ?? DEFAULT_REALM_LIMITS.maxSubscriptionsPerSession,
        maxRegistrationsPerSession: r.maxRegistrationsPerSession ?? DEFAULT_REALM_LIMITS.maxRegistrationsPerSession,
      };
      this.realms.set(r.name, new Realm(r.name, r.authorizer, this.ids, this.now, limits));
    }
    this.internalCaller = new InternalCaller((name) => this.realms.get(name));
  }

  /** Calls procedures registered in a realm as the router (for dynamic authenticators/authorizers). */
  get caller(): RouterCaller {
    return this.internalCaller;
  }

  get isRunning(): boolean {
    return this.running;
  }

  /** Bind every transport; resolves with the bound addresses (port 0 → the real port). */
  async start(): Promise<BoundTransport[]> {
    if (this.running) return this.bound;
    const host = this.sessionHost();
    try {
      for (const t of this.options.transports) {
        const config = {
          authenticator: t.authenticator,
          handshakeTimeoutMs: t.handshakeTimeoutMs ?? 10_000,
          authTimeoutMs: t.authTimeoutMs ?? 30_000,
          maxOutgoingBufferBytes: t.maxOutgoingBufferBytes ?? DEFAULT_MAX_OUTGOING_BUFFER_BYTES,
        };
        // The same session limits (handshake and auth timeouts, outgoing buffer bound) on both sides of a transport.
        const rsConfig = { ...config, authenticator: t.rawsocket?.authenticator ?? t.authenticator };
        const kind = t.kind ?? 'websocket';
        const serializers = t.serializers && t.serializers.length > 0 ? t.serializers : ALL_SERIALIZERS;
        const maxMessageSize = t.maxMessageSize ?? 16 * 1024 * 1024;
        const tls = t.tls ? await loadTlsOptions(t.tls, t.id) : undefined;
        const warnings = t.tls && tls ? await tlsOptionWarnings(tls, t.tls, t.id) : [];
        const listener = new TransportListener(
          {
            id: t.id,
            kind,
            address: t.socketPath !== undefined ? { kind: 'unix', path: t.socketPath } : { kind: 'tcp', host: t.host ?? '127.0.0.1', port: t.port },
            ...(tls ? { tls } : {}),
            handshakeTimeoutMs: config.handshakeTimeoutMs,
            websocket: { path: t.path ?? '/ws', serializers, maxMessageSize, allowedOrigins: t.allowedOrigins ?? null },
            rawsocket: {
              serializers: t.rawsocket?.serializers && t.rawsocket.serializers.length > 0 ? t.rawsocket.serializers : serializers,
              maxMessageSize: t.rawsocket?.maxMessageSize ?? maxMessageSize,
            },
          },
          {
            onWebSocket: ({ socket, serializer, batched, transport }) => {
              this.sessions.add(new WampSession(wsWampSocket(socket), serializer, transport, config, host, batched));
            },
            onRawSocket: ({ socket, serializer, transport }) => {
              this.sessions.add(new WampSession(socket, serializer, transport, rsConfig, host));
            },
          },
        );
        this.transportListeners.push({ listener, options: t });
        const bound = await listener.start();
        this.bound.push(warnings.length > 0 ? { ...bound, warnings } : bound);
      }
    } catch (err) {
      await this.stopListeners();
      throw err;
    }
    this.running = true;
    return this.bound;
  }

  /** GOODBYE (wamp.close.system_shutdown) to every session, then close the listeners. */
  async stop(): Promise<void> {
    const grace = this.options.shutdownGraceMs ?? 1000;
    await Promise.all([...this.sessions].map((s) => s.goodbye(WAMP_ERROR.system_shutdown, 'router is shutting down', grace)));
    await this.stopListeners();
    this.running = false;
  }

  private async stopListeners(): Promise<void> {
    const listeners = this.transportListeners.splice(0);
    this.bound = [];
    await Promise.all(listeners.map(({ listener }) => listener.stop()));
  }

  get transports(): BoundTransport[] {
    return [...this.bound];
  }

  private sessionHost(): SessionHost {
    return {
      realm: (name) => this.realms.get(name),
      reserveSessionId: () => {
        const id = this.ids.takeUnique((candidate) => this.reservedIds.has(candidate));
        this.reservedIds.add(id);
        return id;
      },
      release: (session) => {
        this.sessions.delete(session);
        if (session.id) this.reservedIds.delete(session.id);
      },
      now: () => this.now(),
      emit: (name, payload) => this.emit(name, payload),
    };
  }

  // ---- snapshots ----------------------------------------------------------------------------

  listRealms(): RealmSnapshot[] {
    return [...this.realms.values()].map((r) => ({ name: r.name, sessions: r.sessions.size, registrations: r.dealer.index.size, subscriptions: r.broker.index.size }));
  }

  /** Joined sessions, optionally of one realm. */
  listSessions(realm?: string): SessionInfo[] {
    const realms = realm === undefined ? [...this.realms.values()] : [this.realms.get(realm)].filter((r): r is Realm => r !== undefined);
    return realms.flatMap((r) => [...r.sessions.values()].map((s) => s.info()));
  }

  getSession(id: number): SessionInfo | undefined {
    for (const r of this.realms.values()) {
      const s = r.sessions.get(id);
      if (s) return s.info();
    }
    return undefined;
  }

  listRegistrations(realm: string): RegistrationSnapshot[] {
    const r = this.realms.get(realm);
    if (!r) return [];
    return r.dealer.index.all().map((reg) => ({ ...(registrationDetails(reg) as Omit<RegistrationSnapshot, 'callees'>), callees: reg.callees.map((p) => p.id) }));
  }

  listSubscriptions(realm: string): SubscriptionSnapshot[] {
    const r = this.realms.get(realm);
    if (!r) return [];
    return r.broker.index.all().map((sub) => ({ ...(subscriptionDetails(sub) as Omit<SubscriptionSnapshot, 'subscribers'>), subscribers: [...sub.subscribers].map((p) => p.id) }));
  }

  /** Close one joined session with GOODBYE; false if no such session. */
  killSession(id: number, reason: string = WAMP_ERROR.killed, message = 'killed by the router operator'): boolean {
    for (const r of this.realms.values()) {
      const s = r.sessions.get(id);
      if (s) {
        s.kill(reason, message);
        return true;
      }
    }
    return false;
  }

  /** Number of open connections, including ones still in their handshake. */
  get connectionCount(): number {
    return this.sessions.size;
  }
}
