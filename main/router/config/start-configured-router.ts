// One call from a config to a listening router — for the CLI and the app (router UI):
//
//   const plan = parseRouterConfig(configObject);            // or: await loadRouterConfigFile(path)
//   const running = await startConfiguredRouter(plan, { secrets: services.routerSecrets, onAuthEvent });
//   running.transports  → [{id, host, port, path, url}]
//   await running.router.stop();
//
// Errors: RouterConfigError from parsing/loading (issues with JSON paths), a Error naming the unresolvable
// keychain/account references (when checkReferences is on), or the listen error (EADDRINUSE …).
import type { Router as RouterType } from '../router';
import type { AuthAttemptEvent, BoundTransport } from '../types';
import type { BuildDeps, BuiltRouter } from './build-router';
import { composeRouter } from './compose-router';
import { checkSecretReferences } from './check-secrets';
import { planUsesVault } from './plan-secrets';
import type { RouterPlan } from './router-plan';

export interface StartOptions extends BuildDeps {
  /** Resolve every keychain/account reference before listening (default true when the plan has any). */
  checkReferences?: boolean;
  /** How long stop() waits for GOODBYE replies (see RouterOptions.shutdownGraceMs). */
  shutdownGraceMs?: number;
  /** Every login attempt's final outcome (the core's 'auth' event), subscribed before the router listens. */
  onAuthAttempt?: (event: AuthAttemptEvent) => void;
}

export interface ConfiguredRouter {
  router: RouterType;
  built: BuiltRouter;
  transports: BoundTransport[];
}

export class SecretReferenceError extends Error {
  constructor(readonly problems: string[]) {
    super(`secret references cannot be resolved:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'SecretReferenceError';
  }
}

export async function startConfiguredRouter(plan: RouterPlan, options: StartOptions = {}): Promise<ConfiguredRouter> {
  if (planUsesVault(plan)) {
    if (!options.secrets) throw new SecretReferenceError(['the config references keychain items or accounts, but no keychain was given']);
    if (options.checkReferences ?? true) {
      const problems = await checkSecretReferences(plan, options.secrets);
      if (problems.length > 0) throw new SecretReferenceError(problems);
    }
  }
  const { onAuthAttempt, ...composeOptions } = options;
  const { router, built } = composeRouter(plan, composeOptions);
  if (onAuthAttempt) router.on('auth', onAuthAttempt);
  const transports = await router.start();
  return { router, built, transports };
}
