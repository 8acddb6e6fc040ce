// Config plan → a Router ready to start, composed the way `authbahn router` (main/cli/router.ts) does it:
// buildRouterOptions, new Router, attach (dynamic authenticators/authorizers call into the router).
// Kept here as one function so the app does not grow a second, drifting copy of that wiring.
import type { AuthEvent } from '../router/auth/transport-authenticator';
import type { AuthorizationLog } from '../router/auth/realm-authorizer';
import type { SecretResolver } from '../router/auth/secret-refs';
import { buildRouterOptions } from '../router/config/build-router';
import type { RouterPlan } from '../router/config/router-plan';
import { Router } from '../router/router';

export interface ComposeDeps {
  secrets: SecretResolver;
  now?: () => number;
  onAuthEvent?: (event: AuthEvent) => void;
  onAuthorizationError?: AuthorizationLog;
  override?: { host?: string; port?: number };
  /** How long stop() waits for GOODBYE answers; default the core's (1 s). */
  shutdownGraceMs?: number;
}

export function composeRouter(plan: RouterPlan, deps: ComposeDeps): Router {
  const built = buildRouterOptions(plan, {
    secrets: deps.secrets,
    ...(deps.now ? { now: deps.now } : {}),
    ...(deps.onAuthEvent ? { onAuthEvent: deps.onAuthEvent } : {}),
    ...(deps.onAuthorizationError ? { onAuthorizationError: deps.onAuthorizationError } : {}),
    ...(deps.override ? { override: deps.override } : {}),
  });
  const router = new Router({ ...built.options, ...(deps.shutdownGraceMs !== undefined ? { shutdownGraceMs: deps.shutdownGraceMs } : {}) });
  built.attach(router);
  return router;
}

/** A listen error in words: "port 8080 is already in use". */
export function describeListenError(error: unknown): string {
  const e = error as NodeJS.ErrnoException & { port?: number; address?: string };
  const where = e.address !== undefined && e.port !== undefined ? ` (${e.address}:${e.port})` : '';
  if (e.code === 'EADDRINUSE') {
    return `port ${e.port ?? '?'} is already in use${where}: stop the program that uses it or choose another port`;
  }
  if (e.code === 'EACCES') return `not allowed to listen on port ${e.port ?? '?'}${where}: ports below 1024 need privileges`;
  if (e.code === 'EADDRNOTAVAIL') return `address ${e.address ?? '?'} is not available on this machine`;
  return error instanceof Error ? error.message : String(error);
}
