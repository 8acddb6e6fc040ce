// RouterPlan → the Router core's options: one TransportAuthenticator per transport and one
// RealmAuthorizer per realm, sharing the failed-login limiter and the TOTP replay history.
//
//   const built = buildRouterOptions(plan, { secrets, onAuthEvent });
//   const router = new Router(built.options);
//   built.attach(router);   // dynamic authenticators/authorizers call into the router
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import type { AuthEvent } from '../auth/transport-authenticator';
import { TransportAuthenticator } from '../auth/transport-authenticator';
import { DeferredCaller } from '../auth/deferred-caller';
import type { RealmDirectory } from '../auth/principal';
import { LoginRateLimiter } from '../auth/rate-limiter';
import { RealmAuthorizer, type AuthorizationLog } from '../auth/realm-authorizer';
import { NO_VAULT, type SecretResolver } from '../auth/secret-refs';
import { TotpReplayGuard, type TotpReplayStore } from '../auth/totp-verifier';
import type { Router } from '../router';
import type { RouterOptions, TransportOptions } from '../types';
import type { RouterPlan } from './router-plan';

export interface BuildDeps {
  /** Resolves keychain/account references; default: none (inline secrets only). */
  secrets?: SecretResolver;
  now?: () => number;
  randomBytes?: (n: number) => Uint8Array;
  /** Audit log of authentication outcomes (never contains secrets). */
  onAuthEvent?: (event: AuthEvent) => void;
  /** Failures of dynamic authorizers (they deny the action). */
  onAuthorizationError?: AuthorizationLog;
  /** Replaces host/port of the first transport (CLI --host/--port). */
  override?: { host?: string; port?: number };
  /**
   * TOTP replay history; default in memory. The app and `authbahn router` pass the data folder's file
   * store, so a used code stays refused across restarts and between the two routers.
   */
  totpReplay?: TotpReplayStore;
}

export interface BuiltRouter {
  options: RouterOptions;
  /** Bind the router's RouterCaller here once the router exists. */
  caller: DeferredCaller;
  limiter: LoginRateLimiter;
  totpGuard: TotpReplayGuard;
  authorizers: Map<string, RealmAuthorizer>;
  /** Binds the caller to the router and drops cached dynamic authorizations of sessions that leave. */
  attach(router: Router): void;
}

export function buildRouterOptions(plan: RouterPlan, deps: BuildDeps = {}): BuiltRouter {
  const now = deps.now ?? Date.now;
  const caller = new DeferredCaller();
  const limiter = new LoginRateLimiter(plan.rateLimit, now);
  const totpGuard = new TotpReplayGuard(deps.totpReplay);
  const authorizers = new Map<string, RealmAuthorizer>();
  for (const realm of plan.realms) {
    authorizers.set(
      realm.name,
      new RealmAuthorizer({ realm: realm.name, roles: realm.roles, caller, timeoutMs: plan.dynamicTimeoutMs, onError: deps.onAuthorizationError }),
    );
  }
  const realms: RealmDirectory = {
    hasRealm: (name) => authorizers.has(name),
    hasRole: (name, role) => authorizers.get(name)?.hasRole(role) ?? false,
  };
  const context = {
    realms,
    caller,
    secrets: deps.secrets ?? NO_VAULT,
    totpGuard,
    now,
    randomBytes: deps.randomBytes ?? ((n: number) => new Uint8Array(nodeRandomBytes(n))),
    dynamicTimeoutMs: plan.dynamicTimeoutMs,
  };
  const transports: TransportOptions[] = plan.transports.map((t, i) => {
    const override = i === 0 ? deps.override : undefined;
    return {
      id: t.id,
      host: override?.host ?? t.host,
      port: override?.port ?? t.port,
      ...(t.path !== undefined ? { path: t.path } : {}),
      serializers: t.serializers,
      ...(t.maxMessageSize !== undefined ? { maxMessageSize: t.maxMessageSize } : {}),
      ...(t.handshakeTimeoutMs !== undefined ? { handshakeTimeoutMs: t.handshakeTimeoutMs } : {}),
      ...(t.authTimeoutMs !== undefined ? { authTimeoutMs: t.authTimeoutMs } : {}),
      ...(t.allowedOrigins !== undefined ? { allowedOrigins: t.allowedOrigins } : {}),
      ...(t.maxOutgoingBufferBytes !== undefined ? { maxOutgoingBufferBytes: t.maxOutgoingBufferBytes } : {}),
      authenticator: new TransportAuthenticator({ transportId: t.id, auth: t.auth, context, limiter, onEvent: deps.onAuthEvent }),
      ...(t.kind !== undefined ? { kind: t.kind } : {}),
      ...(t.socketPath !== undefined ? { socketPath: t.socketPath } : {}),
      ...(t.tls !== undefined ? { tls: t.tls } : {}),
      ...(t.rawsocket !== undefined
        ? {
            rawsocket: {
              serializers: t.rawsocket.serializers,
              ...(t.rawsocket.maxMessageSize !== undefined ? { maxMessageSize: t.rawsocket.maxMessageSize } : {}),
              // Same transport id and failed-login limiter: the two sides of one port are one transport to the log.
              authenticator: new TransportAuthenticator({ transportId: t.id, auth: t.rawsocket.auth, context, limiter, onEvent: deps.onAuthEvent }),
            },
          }
        : {}),
    };
  });
  return {
    options: {
      transports,
      realms: plan.realms.map((r) => ({
        name: r.name,
        authorizer: authorizers.get(r.name)!,
        ...(r.maxSubscriptionsPerSession !== undefined ? { maxSubscriptionsPerSession: r.maxSubscriptionsPerSession } : {}),
        ...(r.maxRegistrationsPerSession !== undefined ? { maxRegistrationsPerSession: r.maxRegistrationsPerSession } : {}),
      })),
      now,
    },
    caller,
    limiter,
    totpGuard,
    authorizers,
    attach: (router) => {
      caller.bind(router.caller);
      router.on('session-left', ({ session }) => authorizers.get(session.realm)?.forgetSession(session.session));
    },
  };
}
