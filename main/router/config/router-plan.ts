// The validated, Authbahn-shaped form of a Crossbar config: what parseRouterConfig produces and
// buildRouter turns into a running router. Secrets are still references here (resolved per login).
import type { SerializerId } from '../../../shared/wamp/serializers';
import type { TransportAuth } from '../auth/auth-config';
import type { RateLimitOptions } from '../auth/rate-limiter';
import type { RoleRule } from '../auth/realm-authorizer';

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
