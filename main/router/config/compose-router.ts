// Config plan → a Router ready to start: buildRouterOptions, new Router, attach (dynamic authenticators
// and authorizers call into the router). The one place this wiring lives, used by `authbahn router`
// (through startConfiguredRouter) and by the app's RouterService (which subscribes before starting).
import { Router } from '../router';
import { buildRouterOptions, type BuildDeps, type BuiltRouter } from './build-router';
import type { RouterPlan } from './router-plan';

export interface ComposeDeps extends BuildDeps {
  /** How long stop() waits for GOODBYE answers; default the core's (1 s). */
  shutdownGraceMs?: number;
}

export interface ComposedRouter {
  router: Router;
  built: BuiltRouter;
}

export function composeRouter(plan: RouterPlan, deps: ComposeDeps = {}): ComposedRouter {
  const { shutdownGraceMs, ...buildDeps } = deps;
  const built = buildRouterOptions(plan, buildDeps);
  const router = new Router({ ...built.options, ...(shutdownGraceMs !== undefined ? { shutdownGraceMs } : {}) });
  built.attach(router);
  return { router, built };
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
