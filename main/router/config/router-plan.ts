// The validated, Authbahn-shaped form of a Crossbar config: what parseRouterConfig produces and
// buildRouter turns into a running router. Secrets are still references here (resolved per login).
import type { SerializerId } from '../../../shared/wamp/serializers';
import type { TransportAuth } from '../auth/auth-config';
import type { RateLimitOptions } from '../auth/rate-limiter';
import type { RoleRule } from '../auth/realm-authorizer';
import type { TlsFiles } from '../transport/tls-context';

export interface TransportPlan {
  id: string;
  /** Bind address; 127.0.0.1 when the endpoint has no "interface". */
  host: string;
  port: number;
  /** WebSocket path ("/ws" for a web transport's paths.ws); undefined: the core's default. */
  path?: string;
  serializers: SerializerId[];
  maxMessageSize?: number;
  handshakeTimeoutMs?: number;
  authTimeoutMs?: number;
  allowedOrigins?: string[] | null;
  /** Options "max_outgoing_buffer_size": bytes queued to a session before it is dropped as not reading. */
  maxOutgoingBufferBytes?: number;
  /** undefined: no auth section — anonymous with role "anonymous" (Crossbar's default). */
  auth: TransportAuth | undefined;
  /**
   * undefined: "websocket" (websocket and web transports). "rawsocket": the fields above (serializers,
   * maxMessageSize, auth, timeouts) describe RawSocket. "universal": they describe the WebSocket side,
   * `rawsocket` the RawSocket side.
   */
  kind?: 'websocket' | 'rawsocket' | 'universal';
  /** Unix socket endpoint (absolute path); host/port are then unused. */
  socketPath?: string;
  /** TLS endpoint: absolute paths of key and certificates. */
  tls?: TlsFiles;
  /** The RawSocket side of a universal transport. */
  rawsocket?: { serializers: SerializerId[]; maxMessageSize?: number; auth: TransportAuth | undefined };
}

/**
 * The transport and, for a universal transport, its RawSocket side as a second entry with that side's
 * auth — for checks that walk every auth section of a plan (cross references, keychain references).
 */
export function authParts(t: TransportPlan): TransportPlan[] {
  return t.rawsocket ? [t, { ...t, serializers: t.rawsocket.serializers, auth: t.rawsocket.auth, rawsocket: undefined }] : [t];
}

export interface RealmPlan {
  name: string;
  roles: Record<string, RoleRule>;
  /** Realm options "max_subscriptions_per_session" / "max_registrations_per_session"; undefined: the core's default. */
  maxSubscriptionsPerSession?: number;
  maxRegistrationsPerSession?: number;
}

export interface RouterPlan {
  transports: TransportPlan[];
  realms: RealmPlan[];
  rateLimit: Partial<RateLimitOptions>;
  /** Timeout of dynamic authenticator/authorizer calls. */
  dynamicTimeoutMs: number;
  /** Things in the config that were accepted but are ignored (unsupported Crossbar features). */
  warnings: string[];
}

export const DEFAULT_DYNAMIC_TIMEOUT_MS = 10_000;
